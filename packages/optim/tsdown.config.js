import { libraryConfig } from '@dropout/tsconfig/tsdown';

// Two entries: the isomorphic main one (no node:* imports; the test in test/browser-bundle
// bundles it for the browser) and './node' with the checkpoint file helpers.
export default libraryConfig({ entry: ['src/index.ts', 'src/node/index.ts'], deps: { neverBundle: [/^node:/] } });
