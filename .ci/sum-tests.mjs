// Adds up the per-package Vitest JSON summaries written under CI into one closing line.
import { existsSync, readFileSync } from 'node:fs';
import { execSync } from 'node:child_process';

const files = execSync("find packages apps tooling -path '*/node_modules' -prune -o -path '*/.test-results/vitest.json' -print", { encoding: 'utf8' })
  .split('\n').filter((f) => f && existsSync(f));
let passed = 0, failed = 0, skipped = 0;
for (const f of files) {
  const r = JSON.parse(readFileSync(f, 'utf8'));
  passed += r.numPassedTests; failed += r.numFailedTests; skipped += r.numPendingTests + r.numTodoTests;
  console.log(`${f.split('/.test-results')[0]}: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests} skipped`);
}
// The browser pages' own tests (tooling/browser-tests): counted apart, they run inside Chromium.
const pages = execSync("find tooling/browser-tests/.test-results -name 'browser-pages-*.json' 2>/dev/null || true", { encoding: 'utf8' }).split('\n').filter(Boolean);
for (const f of pages) {
  const runs = JSON.parse(readFileSync(f, 'utf8'));
  const count = (state) => runs.reduce((n, r) => n + r.outcomes.filter((o) => o.state === state).length, 0);
  console.log(`${f}: ${runs.length} page runs, in-page tests ${count('passed')} passed, ${count('failed')} failed, ${count('skipped')} skipped`);
}
console.log(`vitest: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 || files.length === 0 ? 1 : 0);
