import { libraryConfig } from '@dropout/tsconfig/tsdown';

// Two entries: the library API (index) and the command (cli, run by `pnpm experiment`).
export default libraryConfig({ entry: ['src/index.ts', 'src/cli.ts'], platform: 'node', fixedExtension: false });
