import { libraryConfig } from '@dropout/tsconfig/tsdown';

export default libraryConfig();
