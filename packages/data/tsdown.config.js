import { libraryConfig } from '@dropout/tsconfig/tsdown';

// Three entries: the Node API (index), the browser-safe parsers (core) and the CLI (bin).
export default libraryConfig({ entry: ['src/index.ts', 'src/core.ts', 'src/cli.ts'], platform: 'node', fixedExtension: false });
