import { libraryConfig } from '@dropout/tsconfig/tsdown';

// Three entries: the browser-safe main entry (index), the Node extras (node) and the CLI (bin).
export default libraryConfig({ entry: ['src/index.ts', 'src/node.ts', 'src/cli.ts'], platform: 'neutral', deps: { neverBundle: [/^node:/] }, fixedExtension: false });
