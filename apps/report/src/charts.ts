import { LineChart } from 'echarts/charts';
import { GridComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { chartInk, runDashes, seriesPalette } from './chart-theme.js';
import { escapeHtml, html, jsonForScript, trusted, type SafeHtml } from './escape.js';
import type { AggregateSeries } from './series.js';

/** A series as drawn: its legend name, colour and dash pattern. */
export interface PlotSeries extends AggregateSeries {
  name: string;
  colorIndex: number;
  dashIndex: number;
}

/** Everything one chart shows; `id` becomes the figure's `data-chart` and the SVG's id prefix. */
export interface ChartSpec {
  id: string;
  title: string;
  xName: string;
  yName: string;
  series: PlotSeries[];
  /** Point markers, which carry the hover tooltips; off for dense series such as loss per iteration. */
  symbols: boolean;
  xMin?: number;
  /** Upper x bound; 'dataMax' ends the axis at the last point instead of a rounded tick. */
  xMax?: number | 'dataMax';
  /** Smallest step between x ticks: 1 for counts (epochs, iterations), so a short run shows no "0.5 epoch". */
  xMinInterval?: number;
  yMin?: number;
  yMax?: number;
}

/** What the page's script needs for tooltips, indexed like the ECharts series (bands are null). */
export interface TooltipData {
  xName: string;
  yName: string;
  series: Array<{ name: string; points: Array<[x: number, mean: number, min: number, max: number, n: number]> } | null>;
}

let registered = false;
function ensureRegistered(): void {
  if (registered) return;
  echarts.use([LineChart, GridComponent, SVGRenderer]);
  registered = true;
}

const axisStyle = {
  nameLocation: 'middle',
  nameTextStyle: { color: chartInk.text, fontSize: 13 },
  axisLine: { lineStyle: { color: chartInk.axis } },
  axisTick: { lineStyle: { color: chartInk.axis } },
  axisLabel: { color: chartInk.text, fontSize: 12, hideOverlap: true },
  splitLine: { lineStyle: { color: chartInk.grid } },
} as const;

function hasSpread(s: AggregateSeries): boolean {
  return s.points.some((p) => p.n > 1);
}

/**
 * The ECharts option for a chart, plus tooltip data aligned with its series: one line per
 * series (mean over seeds), and where several seeds exist a min–max band drawn as two
 * stacked, silent area series.
 * @example
 *   chartOption(spec).option.series.length; // 2 for two keep ratios and one seed
 */
export function chartOption(spec: ChartSpec): { option: Record<string, any>; tooltip: TooltipData } {
  const series: Record<string, any>[] = [];
  const tooltip: TooltipData = { xName: spec.xName, yName: spec.yName, series: [] };
  for (const s of spec.series) {
    const color = seriesPalette[s.colorIndex % seriesPalette.length];
    if (hasSpread(s)) {
      const band = { type: 'line', stack: `band-${series.length}`, symbol: 'none', silent: true, lineStyle: { opacity: 0 }, emphasis: { disabled: true } };
      series.push({ ...band, name: `${s.name} (min)`, data: s.points.map((p) => [p.x, p.min]) });
      series.push({ ...band, name: `${s.name} (min–max)`, data: s.points.map((p) => [p.x, p.max - p.min]), areaStyle: { color, opacity: 0.18 } });
      tooltip.series.push(null, null);
    }
    series.push({
      type: 'line',
      name: s.name,
      data: s.points.map((p) => [p.x, p.mean]),
      color,
      symbol: spec.symbols ? 'circle' : 'none',
      symbolSize: 6,
      showAllSymbol: true,
      lineStyle: { width: 2, type: runDashes[s.dashIndex % runDashes.length] },
      emphasis: { disabled: true },
    });
    tooltip.series.push({ name: s.name, points: s.points.map((p) => [p.x, p.mean, p.min, p.max, p.n]) });
  }
  const option = {
    animation: false,
    textStyle: { fontFamily: 'system-ui, -apple-system, "Segoe UI", sans-serif' },
    grid: { left: 64, right: 24, top: 20, bottom: 52 },
    xAxis: { type: 'value', name: spec.xName, nameGap: 30, min: spec.xMin, max: spec.xMax, minInterval: spec.xMinInterval, ...axisStyle },
    yAxis: { type: 'value', name: spec.yName, nameGap: 46, scale: true, min: spec.yMin, max: spec.yMax, ...axisStyle },
    series,
  };
  return { option, tooltip };
}

/**
 * ECharts numbers ids and CSS classes with process-wide counters (`zr3-c0`, `zr3-cls-27`); this
 * renames them `<chartId>-c0`, `<chartId>-cls-0`, … in order of appearance, so the output is
 * deterministic and ids stay unique within the page. Only id, url(#…), class and CSS selector
 * positions are touched, never text.
 */
function stableIds(svg: string, chartId: string): string {
  const numbering = new Map<string, Map<string, number>>();
  return svg.replace(/(id="|url\(#|class="|\.)zr\d+-([a-z]+-?)(\d+)/g, (_m, before: string, kind: string, n: string) => {
    const seen = numbering.get(kind) ?? new Map<string, number>();
    numbering.set(kind, seen);
    if (!seen.has(n)) seen.set(n, seen.size);
    return `${before}${chartId}-${kind}${seen.get(n)}`;
  });
}

/**
 * Renders a chart to inline SVG on the server (ECharts SSR), wrapped in a `<figure>` with its
 * tooltip data; ECharts escapes the text it draws, and element ids are prefixed with `spec.id`.
 * @example
 *   renderChart(spec).value.startsWith('<figure class="chart"'); // true
 */
export function renderChart(spec: ChartSpec, size = { width: 600, height: 320 }): SafeHtml {
  ensureRegistered();
  const { option, tooltip } = chartOption(spec);
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: size.width, height: size.height });
  let svg: string;
  try {
    chart.setOption(option);
    svg = chart.renderToSVGString({ useViewBox: true });
  } finally {
    chart.dispose();
  }
  svg = stableIds(svg, spec.id);
  svg = svg.replace('<svg ', `<svg role="img" aria-label="${escapeHtml(spec.title)}" `);
  // The legend is HTML rather than ECharts' own: it wraps like text, whatever the fonts, and
  // never runs into the axis name however long the run names are.
  const legend = spec.series.map((s) => {
    const color = seriesPalette[s.colorIndex % seriesPalette.length];
    return html`<li><span class="swatch" style="border-top-color:${color};border-top-style:${runDashes[s.dashIndex % runDashes.length]}"></span>${s.name}</li>`;
  });
  return html`<figure class="chart" data-chart="${spec.id}" data-series-count="${spec.series.length}">
<figcaption>${spec.title}</figcaption>
${trusted(svg)}
<ul class="legend">${legend}</ul>
<script type="application/json" class="chart-data">${trusted(jsonForScript(tooltip))}</script>
</figure>`;
}
