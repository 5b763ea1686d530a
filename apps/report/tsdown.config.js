import { libraryConfig } from '@dropout/tsconfig/tsdown';

// Three entries: the library (renderReport, writeReport, …), the browser-safe part of it
// (renderer and chart code, no node:*) and the `report` command; platform 'node' because the
// library reads record.json and writes report.html with node:fs.
export default libraryConfig({ entry: ['src/index.ts', 'src/browser.ts', 'src/cli.ts'], platform: 'node', fixedExtension: false });
