import { libraryConfig } from '@dropout/tsconfig/tsdown';

// Two entries: the browser-safe schema (index, no node:* imports) and the file helpers (node).
export default libraryConfig({ entry: ['src/index.ts', 'src/node.ts'], platform: 'node', fixedExtension: false });
