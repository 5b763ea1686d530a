import { LineChart } from 'echarts/charts';
import { GridComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import type { RunRecord } from '@dropout/run-record';
import { chartOption, darkChartCss, regularizationChartSpecs, runDashes, seriesPalette, type ChartSpec } from '@dropout/report/browser';

echarts.use([LineChart, GridComponent, SVGRenderer]);

interface Drawn {
  figure: HTMLElement;
  chart: echarts.ECharts;
  legend: HTMLUListElement;
}

const drawn = new Map<string, Drawn>();
/**
 * The report's dark-scheme CSS for chart ink, for the page's own <style>: the live charts use
 * ECharts' SVG renderer, which writes the same colour attributes the report's SVGs carry.
 */
export const liveChartCss = `@media (prefers-color-scheme:dark){${darkChartCss()}}`;

function figureFor(spec: ChartSpec, container: HTMLElement): Drawn {
  let d = drawn.get(spec.id);
  if (d) return d;
  const figure = document.createElement('figure');
  figure.className = 'chart';
  figure.dataset.chart = spec.id;
  const caption = document.createElement('figcaption');
  const canvas = document.createElement('div');
  canvas.className = 'chart-canvas';
  canvas.setAttribute('role', 'img');
  const legend = document.createElement('ul');
  legend.className = 'legend';
  figure.append(caption, canvas, legend);
  container.append(figure);
  d = { figure, chart: echarts.init(canvas, null, { renderer: 'svg' }), legend };
  drawn.set(spec.id, d);
  return d;
}

/**
 * Draws (or redraws) the regularization experiment's charts from a record, with the report's
 * own chart specs and ECharts options, so the page shows what the report will show.
 * @example
 *   drawCharts(document.getElementById('charts')!, record);
 */
export function drawCharts(container: HTMLElement, record: RunRecord): void {
  for (const spec of regularizationChartSpecs([record])) {
    const d = figureFor(spec, container);
    d.figure.querySelector('figcaption')!.textContent = spec.title;
    d.figure.querySelector('.chart-canvas')!.setAttribute('aria-label', spec.title);
    d.figure.dataset.seriesCount = String(spec.series.length);
    d.figure.dataset.points = String(spec.series.reduce((n, s) => n + s.points.length, 0));
    d.chart.setOption(chartOption(spec).option, { notMerge: true });
    d.legend.replaceChildren(
      ...spec.series.map((s) => {
        const li = document.createElement('li');
        const swatch = document.createElement('span');
        swatch.className = 'swatch';
        swatch.style.borderTopColor = seriesPalette[s.colorIndex % seriesPalette.length]!;
        swatch.style.borderTopStyle = runDashes[s.dashIndex % runDashes.length]!;
        li.append(swatch, s.name);
        return li;
      }),
    );
  }
}

/** Removes every chart (a new run starts). */
export function clearCharts(container: HTMLElement): void {
  for (const d of drawn.values()) d.chart.dispose();
  drawn.clear();
  container.replaceChildren();
}

/** Resizes the charts to their boxes (on window resize). */
export function resizeCharts(): void {
  for (const d of drawn.values()) d.chart.resize();
}
