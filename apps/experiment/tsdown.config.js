import { libraryConfig } from '@dropout/tsconfig/tsdown';

// One entry: the command (`dropout-experiment`, run by `pnpm experiment`). The app exports no library API.
export default libraryConfig({ entry: ['src/cli.ts'], platform: 'node', fixedExtension: false, dts: false });
