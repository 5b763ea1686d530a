import { libraryConfig } from '@dropout/tsconfig/tsdown';

// Three entries: the browser-safe schema (index, no node:* imports), the file helpers (node) and
// the test helpers other suites share (testing: a real full or read-only disk).
export default libraryConfig({ entry: ['src/index.ts', 'src/node.ts', 'src/testing.ts'], platform: 'node', fixedExtension: false });
