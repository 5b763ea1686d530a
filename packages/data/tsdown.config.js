import { libraryConfig } from '@dropout/tsconfig/tsdown';

// Four entries: the browser-safe main entry (index), the Node extras (node), the CLI (bin) and
// the CIFAR-10 fixture writers for tests (testing, Node).
export default libraryConfig({ entry: ['src/index.ts', 'src/node.ts', 'src/cli.ts', 'src/testing.ts'], platform: 'neutral', deps: { neverBundle: [/^node:/] }, fixedExtension: false });
