import { libraryConfig } from '@dropout/tsconfig/tsdown';

export default libraryConfig({ entry: ['src/index.ts', 'src/testing/index.ts'] });
