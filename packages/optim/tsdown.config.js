import { libraryConfig } from '@dropout/tsconfig/tsdown';

// platform 'node': the Solver writes and reads JSON checkpoints with node:fs.
export default libraryConfig({ platform: 'node', fixedExtension: false });
