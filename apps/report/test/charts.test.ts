import { describe, expect, it } from 'vitest';
import { renderChart, type ChartSpec } from '../src/charts.js';

/** The x-axis tick labels ECharts drew into the SVG (text elements under the plot, left to right). */
function tickLabels(svg: string): string[] {
  return [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]!).filter((t) => /^-?\d+(\.\d+)?$/.test(t));
}

const spec = (xMinInterval?: number): ChartSpec => ({
  id: 'acc', title: 'Val accuracy per epoch', xName: 'Epoch', yName: 'Accuracy', symbols: true, xMin: 0, xMax: 2,
  ...(xMinInterval === undefined ? {} : { xMinInterval }),
  series: [{ name: 'keep 1', label: 'keep 1', recordName: 'run', keepRatio: 1, seeds: [231], colorIndex: 0, dashIndex: 0, points: [0, 1, 2].map((x) => ({ x, mean: 0.1 * (x + 1), min: 0.1 * (x + 1), max: 0.1 * (x + 1), n: 1 })) }],
});

describe('epoch axes', () => {
  it('a 2-epoch run has whole-epoch ticks only (0, 1, 2), where ECharts would otherwise put 0.5 steps', () => {
    const labels = tickLabels(renderChart(spec(1)).value);
    for (const e of ['0', '1', '2']) expect(labels).toContain(e);
    expect(labels).not.toContain('0.5');
    expect(labels).not.toContain('1.5');
    // Without the minimum interval ECharts does draw half epochs: the option is what prevents them.
    expect(tickLabels(renderChart(spec()).value)).toContain('0.5');
  });
});
