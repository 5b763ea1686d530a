import { rolldown } from 'rolldown';
import { describe, expect, it } from 'vitest';

// Issue 11.4: a program using Solver and adam must bundle for the browser with no stubs or
// aliases, i.e. nothing reachable from the main entry imports a node:* module.
describe('@dropout/optim in a browser bundle', () => {
  it('bundles a program using Solver, adam and plain-data checkpoints for platform browser, with no node:* import', async () => {
    const warnings: string[] = [];
    const bundle = await rolldown({
      input: new URL('./program.ts', import.meta.url).pathname,
      platform: 'browser',
      onLog: (level, log) => void (level === 'warn' && warnings.push(`${log.code}: ${log.message}`)),
    });
    const { output } = await bundle.generate({ format: 'esm', codeSplitting: false });
    await bundle.close();
    const chunks = output.filter((chunk) => chunk.type === 'chunk');
    const code = chunks.map((chunk) => chunk.code).join('\n');
    // Every module left outside the bundle (static or dynamic import): none may be a Node built-in.
    const external = chunks.flatMap((chunk) => [...chunk.imports, ...chunk.dynamicImports]);
    expect(external.filter((m) => m.startsWith('node:') || /^(fs|path|os|worker_threads|module)$/.test(m))).toEqual([]);
    expect(warnings.filter((w) => /UNRESOLVED_IMPORT|node:/.test(w))).toEqual([]);
    expect(code).toContain('dropout-solver-checkpoint');

    // The bundle runs: it trains, serialises its checkpoint to JSON and resumes from it.
    const url = `data:text/javascript;base64,${Buffer.from(code).toString('base64')}`;
    const { run } = (await import(/* @vite-ignore */ url)) as { run: () => { first: number; last: number; adamKeys: string[] } };
    const result = run();
    expect(result.last).toBeLessThan(result.first);
    expect(result.adamKeys).toEqual(expect.arrayContaining(['m', 'v', 't']));
  });
});
