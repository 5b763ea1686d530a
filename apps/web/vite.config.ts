import { createHash } from 'node:crypto';
import { defineConfig, type Plugin } from 'vite';
import { pageScript } from '@dropout/report/browser';

// A static site: relative asset URLs (works from any folder of any static host) and the default
// production minifier; @dropout/data's mnist.bin is copied into assets/ (new URL(…, import.meta.url)).

// A report shown in the page's frame (srcdoc) inherits the page's Content-Security-Policy, so
// the policy names the report's one inline script by hash, as the report's own policy does.
function reportScriptHash(): Plugin {
  const hash = createHash('sha256').update(pageScript(), 'utf8').digest('base64');
  return { name: 'dropout-report-script-hash', transformIndexHtml: (html) => html.replace("script-src 'self'", `script-src 'self' 'sha256-${hash}'`) };
}

export default defineConfig({
  base: './',
  plugins: [reportScriptHash()],
  build: { target: 'es2022', outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 2000 },
  worker: { format: 'es' },
});
