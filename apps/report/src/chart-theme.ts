/**
 * Colours the charts are drawn with. ECharts writes them into the SVG as attributes, and the
 * page's dark-scheme CSS maps each of these exact values to its dark counterpart (CSS beats
 * SVG presentation attributes), so one inlined SVG serves both colour schemes.
 */
export const chartInk = {
  /** Titles, axis names, tick labels, legend text. */
  text: '#2f343b',
  /** Axis lines and ticks. */
  axis: '#6b7280',
  /** Grid lines. */
  grid: '#e3e6eb',
} as const;

/** Their dark-scheme counterparts, applied by CSS under `prefers-color-scheme: dark`. */
export const chartInkDark: Record<keyof typeof chartInk, string> = {
  text: '#d9dce1',
  axis: '#9aa1ad',
  grid: '#363b44',
};

/** Series colours, mid-luminance so they read on both the light and the dark background. */
export const seriesPalette = ['#3b82f6', '#f97316', '#10b981', '#a855f7', '#ef4444', '#0ea5e9', '#14b8a6', '#ec4899'] as const;

/** Dash patterns telling runs apart when several records share a chart. */
export const runDashes = ['solid', 'dashed', 'dotted'] as const;

/**
 * CSS that re-colours the charts' ink for the dark scheme, scoped to `.chart`.
 * @example
 *   darkChartCss(); // '.chart [fill="#2f343b"]{fill:#d9dce1}…'
 */
export function darkChartCss(): string {
  return (Object.keys(chartInk) as Array<keyof typeof chartInk>)
    .map((k) => `.chart [fill="${chartInk[k]}"]{fill:${chartInkDark[k]}}.chart [stroke="${chartInk[k]}"]{stroke:${chartInkDark[k]}}`)
    .join('');
}
