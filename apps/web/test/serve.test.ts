// `pnpm web` (the root script: build, then scripts/serve.mjs) and the server's behaviour.
import { spawn, spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { get } from 'node:http';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSite, distDir, serve, type Served } from './helpers/site.js';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const serveScript = fileURLToPath(new URL('../scripts/serve.mjs', import.meta.url));
let plain: Served;

beforeAll(async () => {
  await buildSite();
  plain = await serve(false);
}, 600_000);
afterAll(() => plain?.close());

describe('pnpm web', () => {
  it('builds, serves on 127.0.0.1 with COOP/COEP and prints the URL', async () => {
    const child = spawn('pnpm', ['web', '--port', '0'], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    try {
      const url = await new Promise<string>((done, fail) => {
        let out = '';
        child.stdout.on('data', (d: Buffer) => {
          out += d;
          const m = /Dropout web page: (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out);
          if (m) done(m[1]!);
        });
        child.once('exit', (code) => fail(new Error(`pnpm web exited ${code}: ${out}`)));
      });
      const res = await fetch(url);
      expect(res.status).toBe(200);
      expect(res.headers.get('cross-origin-opener-policy')).toBe('same-origin');
      expect(res.headers.get('cross-origin-embedder-policy')).toBe('require-corp');
      expect(await res.text()).toContain('<title>Dropout');
      const mnist = readdirSync(`${distDir}/assets`).find((f) => /^mnist-.*\.bin$/.test(f));
      const asset = await fetch(new URL(`assets/${mnist}`, url));
      expect(asset.headers.get('content-length')).toBe(String(statSync(`${distDir}/assets/${mnist}`).size));
    } finally {
      process.kill(-child.pid!, 'SIGTERM');
    }
  }, 300_000);
});

describe('scripts/serve.mjs', () => {
  it('--plain serves without the isolation headers; unknown paths are 404, nothing outside dist/', async () => {
    const res = await fetch(plain.url);
    expect(res.status).toBe(200);
    expect(res.headers.get('cross-origin-opener-policy')).toBeNull();
    expect((await fetch(`${plain.url}no-such-file.js`)).status).toBe(404);
    // A raw request line (fetch would normalise the dots away).
    const status = await new Promise<number>((done, fail) =>
      get({ host: '127.0.0.1', port: new URL(plain.url).port, path: '/..%2fpackage.json' }, (r) => done(r.statusCode!)).on('error', fail));
    expect(status).toBe(403);
  });

  it('a bad flag or port is a usage error (exit 2) naming it', () => {
    const bad = spawnSync(process.execPath, [serveScript, '--port', 'x'], { encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--port x: not a port number/);
    const unknown = spawnSync(process.execPath, [serveScript, '--open'], { encoding: 'utf8' });
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/unknown flag --open/);
  });
});
