import { sha256 } from '@noble/hashes/sha2.js';
import { darkChartCss } from './chart-theme.js';
import { SSR_CLIENT_SOURCE } from './ssr-client-source.js';

/** The page's stylesheet: light scheme by default, dark under `prefers-color-scheme: dark`. */
export const pageCss = `
:root{color-scheme:light dark;--bg:#fff;--fg:#1f2328;--muted:#59636e;--border:#d1d9e0;--surface:#f6f8fa;--accent:#0969da;
--pass-bg:#dafbe1;--pass-fg:#116329;--near-bg:#fff8c5;--near-fg:#7d4e00;--fail-bg:#ffebe9;--fail-fg:#a40e26;--info-bg:#ddf4ff;--info-fg:#0550ae}
@media (prefers-color-scheme:dark){:root{--bg:#0d1117;--fg:#e6edf3;--muted:#9198a1;--border:#3d444d;--surface:#151b23;--accent:#4493f8;
--pass-bg:#12361f;--pass-fg:#6fdd8b;--near-bg:#3b2e05;--near-fg:#e3b341;--fail-bg:#4c1419;--fail-fg:#ff9492;--info-bg:#0c2d6b;--info-fg:#79c0ff}
${darkChartCss()}}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--fg);font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif}
main{max-width:1280px;margin:0 auto;padding:24px 28px 64px}
h1{font-size:26px;margin:0 0 4px}h2{font-size:20px;margin:40px 0 8px;padding-bottom:6px;border-bottom:1px solid var(--border)}
h3{font-size:16px;margin:20px 0 8px}
p{margin:8px 0;max-width:980px}.intro,.note{color:var(--muted)}.note{font-size:13px}
code,pre{font-family:ui-monospace,SFMono-Regular,Menlo,"DejaVu Sans Mono",monospace;font-size:13px}
nav{margin:12px 0 0;font-size:14px}nav a{color:var(--accent);margin-right:14px;text-decoration:none}nav a:hover{text-decoration:underline}
.runs-summary{margin:6px 0;color:var(--muted);font-size:14px}.runs-summary time{white-space:nowrap}
.banner{border:1px solid var(--fail-fg);background:var(--fail-bg);color:var(--fg);border-radius:8px;padding:12px 16px;margin:16px 0}
.banner h2{border:0;margin:0 0 6px;font-size:17px;color:var(--fail-fg)}.banner ul{margin:4px 0 0 18px;padding:0}
table{border-collapse:collapse;margin:10px 0;font-size:14px}
th,td{border:1px solid var(--border);padding:4px 10px;text-align:left;vertical-align:top}
thead th,tr.group th{background:var(--surface)}tr.group th{font-size:13px;text-transform:uppercase;letter-spacing:.04em;color:var(--muted)}
caption{text-align:left;font-weight:600;padding:4px 0}
td.num{font-variant-numeric:tabular-nums;text-align:right;white-space:nowrap}
.tables{display:flex;flex-wrap:wrap;gap:0 24px}
.badge{display:inline-block;border-radius:10px;padding:0 8px;font-size:12px;font-weight:600;white-space:nowrap}
.badge.pass,.rel.pass{background:var(--pass-bg);color:var(--pass-fg)}.badge.near,.badge.warn,.rel.near{background:var(--near-bg);color:var(--near-fg)}
.badge.fail,.rel.fail{background:var(--fail-bg);color:var(--fail-fg)}.badge.info{background:var(--info-bg);color:var(--info-fg)}
span.rel{padding:0 6px;border-radius:4px}td.rel{font-weight:600}
.notice{margin:8px 0}
.question{border-left:4px solid var(--accent);background:var(--surface);padding:4px 16px 8px;margin:16px 0;border-radius:0 8px 8px 0}
.question h3{margin:8px 0 4px}.q{font-style:italic;color:var(--muted)}
.charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(520px,1fr));gap:16px 24px;margin:16px 0}
figure.chart{margin:0;border:1px solid var(--border);border-radius:8px;padding:10px 8px 4px;background:var(--bg)}
figure.chart figcaption{font-weight:600;font-size:15px;padding:0 8px}
figure.chart svg{display:block;width:100%;height:auto}
ul.legend{list-style:none;margin:0 0 4px;padding:0 8px;display:flex;flex-wrap:wrap;justify-content:center;gap:2px 20px;font-size:13px}
ul.legend li{display:flex;align-items:center;gap:6px}.swatch{display:inline-block;width:24px;border-top-width:3px}
details.log{margin:6px 0;border:1px solid var(--border);border-radius:6px;padding:4px 10px}
details.log summary{cursor:pointer}details.log pre{max-height:420px;overflow:auto;margin:8px 0}
.per-record{border-top:1px dashed var(--border);margin-top:12px}.record-name{color:var(--accent)}
table.context td{max-width:420px;overflow-wrap:anywhere}
#chart-tip{position:fixed;pointer-events:none;z-index:10;background:var(--fg);color:var(--bg);padding:6px 10px;border-radius:6px;font-size:13px;white-space:pre;box-shadow:0 2px 8px rgba(0,0,0,.25)}
footer{margin-top:48px;color:var(--muted);font-size:13px}
`;

/** Shows a tooltip with exact values for the point under the pointer, using ECharts' SSR client (`hydrate`). */
const tooltipScript = `
(function () {
  var tip = document.getElementById('chart-tip');
  var ssr = window['echarts-ssr-client'];
  document.querySelectorAll('figure.chart').forEach(function (figure) {
    var data = JSON.parse(figure.querySelector('script.chart-data').textContent);
    ssr.hydrate(figure, { on: {
      mouseover: function (e) {
        var s = e.ssrType === 'chart' ? data.series[e.seriesIndex] : null;
        var p = s && s.points[e.dataIndex];
        if (!p) return;
        var text = s.name + '\\n' + data.xName + ' ' + p[0] + '\\n' + data.yName + ' ' + p[1];
        if (p[4] > 1) text += ' (mean of ' + p[4] + ' seeds)\\nmin ' + p[2] + ', max ' + p[3];
        tip.textContent = text;
        tip.hidden = false;
        tip.style.left = Math.min(e.event.clientX + 14, window.innerWidth - tip.offsetWidth - 8) + 'px';
        tip.style.top = (e.event.clientY + 14) + 'px';
      },
      mouseout: function () { tip.hidden = true; }
    } });
  });
})();
`;

/**
 * The page's one inline script: ECharts' SSR client runtime (inlined from the installed
 * `echarts` package by scripts/gen-ssr-client.mjs, so this works in a page too) followed by
 * the tooltip code.
 * @example
 *   pageScript().includes('hydrate'); // true
 */
export function pageScript(): string {
  return `${SSR_CLIENT_SOURCE}\n${tooltipScript}`;
}

function base64(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}

/**
 * The Content-Security-Policy for the page: nothing may be fetched, and only the page's own
 * script (by hash) may run, so even an injected `<script>` or event handler would not execute.
 * @example
 *   contentSecurityPolicy(pageScript()); // "default-src 'none'; script-src 'sha256-…'; …"
 */
export function contentSecurityPolicy(inlineScript: string): string {
  const hash = base64(sha256(new TextEncoder().encode(inlineScript)));
  return `default-src 'none'; script-src 'sha256-${hash}'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'`;
}
