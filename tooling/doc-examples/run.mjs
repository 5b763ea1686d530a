#!/usr/bin/env node
// Runs every ```ts block of packages/*/README.md as an ES module inside its package folder
// (so `@dropout/<self>` and its dependencies resolve exactly as for a user). A block fails
// if it throws, or if a line it prints differs from the expected output written after it:
//   console.log(relError(a, b)); // → 0
// Lines printed by statements without a `// →` comment are not compared.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import ts from 'typescript';

const root = resolve(import.meta.dirname, '../..');
const only = process.argv.slice(2);
let failures = 0;
let ran = 0;

function blocks(markdown) {
  const out = [];
  const re = /^```ts\s*\n([\s\S]*?)^```/gm;
  for (let m; (m = re.exec(markdown)); ) out.push({ code: m[1], line: markdown.slice(0, m.index).split('\n').length });
  return out;
}

function expectedLines(code) {
  return code
    .split('\n')
    .filter((l) => /console\.log\(.*\/\/\s*→/.test(l))
    .map((l) => l.replace(/^.*\/\/\s*→\s?/, '').trim());
}

for (const dir of ['packages', 'apps']) {
  for (const name of readdirSync(join(root, dir))) {
    const pkgDir = join(root, dir, name);
    const readme = join(pkgDir, 'README.md');
    if (!existsSync(readme) || (only.length && !only.includes(name))) continue;
    for (const [i, block] of blocks(readFileSync(readme, 'utf8')).entries()) {
      const where = `${relative(root, readme)}:${block.line}`;
      const js = ts.transpileModule(block.code, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } }).outputText;
      const file = join(pkgDir, `.readme-example-${i}.mjs`);
      writeFileSync(file, js);
      const run = spawnSync(process.execPath, [file], { cwd: pkgDir, encoding: 'utf8', timeout: 120_000 });
      rmSync(file, { force: true });
      ran++;
      const printed = run.stdout.split('\n').map((l) => l.trim()).filter(Boolean);
      const expected = expectedLines(block.code);
      const mismatch = expected.find((e, k) => printed[k] !== e);
      if (run.status !== 0 || mismatch !== undefined || printed.length < expected.length) {
        failures++;
        console.error(`✗ ${where}\n${run.stderr.trim()}`);
        if (run.status === 0) console.error(`  expected output:\n    ${expected.join('\n    ')}\n  printed:\n    ${printed.join('\n    ')}`);
      } else {
        console.log(`✓ ${where} (${expected.length} checked lines)`);
      }
    }
  }
}
console.log(`README examples — ${ran - failures} ok, ${failures} failing`);
process.exit(failures ? 1 : 0);
