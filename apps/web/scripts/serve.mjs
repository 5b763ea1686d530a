#!/usr/bin/env node
// Serves the built site (apps/web/dist) on 127.0.0.1. By default with the COOP/COEP headers
// that make the page cross-origin isolated (SharedArrayBuffer, so wasm32 runs with worker
// threads); `--plain` serves it as a plain static host would (one thread).
// Usage: node scripts/serve.mjs [--port N] [--plain] [--dir DIR]   (port 0: any free port)
import { createReadStream, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.json': 'application/json', '.wasm': 'application/wasm', '.bin': 'application/octet-stream', '.svg': 'image/svg+xml', '.png': 'image/png',
};

/**
 * Starts the static server; resolves with its URL and a close function.
 * @example
 *   const { url, close } = await serveSite({ dir: 'dist', port: 0, isolated: true });
 */
export function serveSite({ dir, port = 4173, isolated = true, host = '127.0.0.1' }) {
  const root = resolve(dir);
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    let file = normalize(join(root, path.endsWith('/') ? `${path}index.html` : path));
    if (file !== root && !file.startsWith(root + sep)) {
      res.writeHead(403).end('outside the site folder');
      return;
    }
    let stat;
    try {
      stat = statSync(file);
      if (stat.isDirectory()) stat = statSync((file = join(file, 'index.html')));
    } catch {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end(`not found: ${path}`);
      return;
    }
    const headers = { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream', 'Content-Length': stat.size, 'Cache-Control': 'no-cache' };
    if (isolated) Object.assign(headers, { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp', 'Cross-Origin-Resource-Policy': 'same-origin' });
    res.writeHead(200, headers);
    if (req.method === 'HEAD') res.end();
    else createReadStream(file).pipe(res);
  });
  return new Promise((done, fail) => {
    server.once('error', fail);
    server.listen(port, host, () => {
      const { port: actual } = server.address();
      done({ url: `http://${host}:${actual}/`, close: () => new Promise((closed) => server.close(() => closed())) });
    });
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const value = (flag, fallback) => (args.includes(flag) ? args[args.indexOf(flag) + 1] : fallback);
  const known = new Set(['--port', '--plain', '--dir']);
  const unknown = args.filter((a, i) => a.startsWith('--') && !known.has(a) && !(i > 0 && ['--port', '--dir'].includes(args[i - 1])));
  const port = Number(value('--port', '4173'));
  if (unknown.length || !Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`serve: ${unknown.length ? `unknown flag ${unknown[0]}` : `--port ${value('--port')}: not a port number 0–65535`}\nUsage: node scripts/serve.mjs [--port N] [--plain] [--dir DIR]`);
    process.exit(2);
  }
  const dir = value('--dir', fileURLToPath(new URL('../dist', import.meta.url)));
  try {
    statSync(join(dir, 'index.html'));
  } catch {
    console.error(`serve: ${dir} holds no built site (index.html); build it first: pnpm --filter @dropout/web build`);
    process.exit(2);
  }
  const isolated = !args.includes('--plain');
  serveSite({ dir, port, isolated }).then(
    ({ url }) => console.log(`Dropout web page: ${url}  (${isolated ? 'cross-origin isolated: wasm32 with threads' : 'plain static serving: one thread'}; Ctrl-C stops)`),
    (error) => {
      console.error(`serve: cannot listen on 127.0.0.1:${port} (${error.code ?? error.message}); pick another with --port N`);
      process.exit(1);
    },
  );
}
