import { libraryConfig } from '@dropout/tsconfig/tsdown';

// Two entries: the browser-safe main one and ./node (file system).
export default libraryConfig({ entry: ['src/index.ts', 'src/node/index.ts'], platform: 'node', fixedExtension: false });
