// The dependency rules of ARCHITECTURE.md (and STYLE.md §2), checked on every `pnpm lint`.
// Paths are relative to the repository root (the lint script runs from there).
/** Workspace folders by package name, so rules can name packages as ARCHITECTURE.md does. */
const pkg = (name) => `^packages/${name}/`;
const allowed = {
  // package folder → the workspace packages its source may import (besides itself)
  tensor: [],
  gradcheck: ['tensor'],
  layers: ['tensor'],
  models: ['tensor', 'layers'],
  optim: ['tensor'],
  data: ['tensor'],
  'run-record': ['tensor'],
  notebook: ['tensor', 'layers', 'models', 'optim', 'data', 'gradcheck', 'run-record'],
};
const known = Object.keys(allowed);

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'No file cycles (type-only imports count too): two files that need each other are one concept in two places.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'packages-never-import-apps',
      severity: 'error',
      comment: 'Libraries do not depend on apps.',
      from: { path: '^packages/' },
      to: { path: '^apps/' },
    },
    {
      name: 'apps-never-import-apps',
      severity: 'error',
      comment: 'No app imports another app; the one exception is apps/web using the report\'s browser renderer (@dropout/report/browser).',
      from: { path: '^apps/([^/]+)/', pathNot: '^apps/web/' },
      to: { path: '^apps/', pathNot: '^apps/$1/' },
    },
    {
      name: 'web-uses-only-the-report-renderer',
      severity: 'error',
      comment: 'apps/web may use the report\'s browser entry only, never its Node side or another app.',
      from: { path: '^apps/web/' },
      to: { path: '^apps/', pathNot: ['^apps/web/', '^apps/report/(src/browser\\.ts|dist/browser\\.)', '^apps/report/(src|dist)/(?!cli|run-cli|write-report|index)'] },
    },
    {
      name: 'no-reaching-into-another-package',
      severity: 'error',
      comment: 'Import another workspace package by its name (its exports map), never by a path into its src/ or dist/.',
      from: { path: '^(packages|apps|tooling)/([^/]+)/' },
      to: { path: '^(packages|apps|tooling)/', pathNot: '^$1/$2/', dependencyTypes: ['local'] },
    },
    {
      name: 'no-src-of-another-package',
      severity: 'error',
      comment: 'What another package offers is its built entry points; its src/ is private.',
      from: { path: '^(packages|apps|tooling)/([^/]+)/' },
      to: { path: '^(packages|apps)/[^/]+/src/', pathNot: '^$1/$2/' },
    },
    // Layering: every runtime arrow points toward tensor (ARCHITECTURE.md, "Which may import which").
    ...known.map((name) => ({
      name: `layering-${name}`,
      severity: 'error',
      comment: `packages/${name} may import only: ${allowed[name].join(', ') || 'no other workspace package'}.`,
      from: { path: pkg(name), pathNot: ['\\.test\\.ts$', `^packages/${name}/(test|bench|scripts|fixtures)/`] },
      to: { path: '^(packages|apps)/', pathNot: [pkg(name), ...allowed[name].map(pkg)] },
    })),
    {
      name: 'report-reads-only-records',
      severity: 'error',
      comment: 'The report depends on the record schema (run-record) alone among workspace packages.',
      from: { path: '^apps/report/src/' },
      to: { path: '^packages/', pathNot: pkg('run-record') },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment: 'Every import resolves: a workspace package not declared in package.json does not (pnpm links only declared ones).',
      from: {},
      to: { couldNotResolve: true },
    },
    {
      name: 'not-to-undeclared',
      severity: 'error',
      comment: 'Every package a file imports is declared in its package.json.',
      from: {},
      to: { dependencyTypes: ['npm-no-pkg', 'npm-unknown'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['(^|/)node_modules/', '(^|/)dist/', '(^|/)\\.turbo/', '(^|/)coverage/', '\\.readme-example-\\d+\\.mjs$', '^tooling/depcruise/'] },
    tsPreCompilationDeps: true,
    combinedDependencies: false,
    preserveSymlinks: false,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'types', 'node', 'default'],
      mainFields: ['module', 'main', 'types'],
      extensions: ['.ts', '.js', '.mjs', '.cjs', '.d.ts', '.json'],
    },
    tsConfig: { fileName: require('node:path').join(__dirname, 'tsconfig.json') },
  },
};
