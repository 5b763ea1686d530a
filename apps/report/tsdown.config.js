import { libraryConfig } from '@dropout/tsconfig/tsdown';

// Two entries: the library (renderReport, writeReport, …) and the `report` command; platform
// 'node' because it reads record.json and writes report.html with node:fs.
export default libraryConfig({ entry: ['src/index.ts', 'src/cli.ts'], platform: 'node', fixedExtension: false });
