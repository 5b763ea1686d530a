/** Builds the package at `root` with tsdown unless `dist/<probe>` (default cli.js) is newer than everything in src/. */
export declare function buildIfStale(root: string, probe?: string): void;
