import { libraryConfig } from '@dropout/tsconfig/tsdown';

export default libraryConfig({ entry: ['src/index.ts', 'src/gpujs/index.ts', 'src/testing/index.ts', 'src/backend-kit.ts', 'src/node/index.ts'] });
