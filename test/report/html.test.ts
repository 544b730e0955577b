/**
 * The HTML reports without a browser: self-contained (no URL fetched), the embedded JSON is the
 * result, and every chart mark carries the number of the JSON it was drawn from. The browser test
 * (browser.test.ts) checks the same in a real Chromium.
 */
import { describe, expect, it } from 'vitest';
import { compareHtml, runReportHtml, stableResult, sweepHtml } from '../../src/report/index.js';
import { inferenceRun, trainingRun } from './fixtures.js';

function embedded(html: string): Record<string, any> {
  const m = /<script type="application\/json" id="trnsim-data">([\s\S]*?)<\/script>/.exec(html);
  return JSON.parse(m![1]!);
}

/** [data-label, data-value] of the bars of one chart. */
function bars(html: string, chart: string): Array<[string, number]> {
  const svg = new RegExp(`<svg[^>]*data-chart="${chart}"[\\s\\S]*?</svg>`).exec(html)![0];
  return [...svg.matchAll(/<rect class="bar"[^>]*data-label="([^"]*)" data-value="([^"]*)"/g)].map((m) => [m[1]!, Number(m[2])]);
}

function selfContained(html: string): void {
  expect(html).not.toMatch(/\b(src|href)="https?:/);
  expect(html).not.toMatch(/<link\b|@import|fetch\(|XMLHttpRequest/);
}

describe('run report', () => {
  const { run } = trainingRun();
  const html = runReportHtml(run);
  const data = embedded(html);
  const r = run.result.kind === 'training' ? run.result : undefined!;

  it('is one self-contained file embedding the stable JSON result', () => {
    selfContained(html);
    expect(data.result).toEqual(JSON.parse(JSON.stringify(stableResult(run.result))));
  });

  it('draws the breakdown, memory and energy bars with the JSON numbers', () => {
    const k = r.breakdown.exposedCommByKindS;
    expect(bars(html, 'breakdown')).toEqual([
      ['compute', r.breakdown.computeS],
      ['exposed tp', k.tp],
      ['exposed pp', k.pp],
      ['exposed dp', k.dp],
      ['exposed ep', k.ep],
      ['exposed cp', k.cp],
      ['pipeline bubble', r.breakdown.bubbleS],
      ['idle', r.breakdown.idleS],
    ]);
    const m = r.memoryBytesPerChip;
    expect(bars(html, 'memory')).toEqual([['weights', m.weights], ['gradients', m.gradients], ['optimizer', m.optimizer], ['activations', m.activations], ['free', m.capacity - m.total]]);
    const j = r.energy!.joulesByComponent;
    expect(bars(html, 'energy')).toEqual(Object.entries({ idle: j.idle, compute: j.compute, hbm: j.hbm, link: j.link, host: j.host, facility: j.facility }));
  });

  it('draws every link of unit 0 in the heatmap with its utilisation (4x4 torus, 4 links per chip)', () => {
    const marks = [...html.matchAll(/class="link"[^>]*data-link="([^"]*)" data-utilisation="([^"]*)"/g)].map((m) => [m[1], Number(m[2])]);
    expect(marks).toHaveLength(16 * 4);
    const byName = new Map(data.topology.links.map((l: { name: string; utilisation: number }) => [l.name, l.utilisation]));
    for (const [name, u] of marks) expect(byName.get(name)).toBe(u);
    expect(marks.some(([, u]) => (u as number) > 0)).toBe(true);
  });

  it('reports inference with latency and utilisation charts', () => {
    const inf = inferenceRun();
    const h = runReportHtml(inf);
    selfContained(h);
    const res = inf.result.kind === 'inference' ? inf.result : undefined!;
    expect(bars(h, 'latency').slice(0, 3)).toEqual([['TTFT p50', res.ttftS.p50], ['TTFT p90', res.ttftS.p90], ['TTFT p99', res.ttftS.p99]]);
    expect(bars(h, 'utilisation')[0]).toEqual(['busy', res.chipUtilisation!.busyFraction]);
    expect(embedded(h).result.energy.joulesPerToken).toBe(res.energy!.joulesPerToken);
  });
});

describe('compare and sweep reports', () => {
  it('compare: one bar per scenario per chart, values of the JSON array', () => {
    const a = trainingRun().run;
    const b = trainingRun({ ...trainingRunDoc(), name: 'one-server', system: { preset: 'trn2.48xlarge', count: 1 } }).run;
    const entries = [a, b].map((run) => ({ result: run.result, system: `${run.system.count} x ${run.system.preset}`, chips: run.system.chipCount }));
    const html = compareHtml(entries);
    selfContained(html);
    const results = embedded(html).results as Array<Record<string, any>>;
    expect(results.map((x) => x.name)).toEqual(['llama-3.1-8b-pp2', 'one-server']);
    expect(bars(html, 'tokens-per-second')).toEqual(results.map((x) => [x.name, x.tokensPerSecond]));
    expect(bars(html, 'usd-per-million-tokens')).toEqual(results.map((x) => [x.name, x.cost.usdPerMillionTokens]));
    expect(results[1]!.vsFirst.tokensPerSecond).toBeCloseTo(results[1]!.tokensPerSecond / results[0]!.tokensPerSecond, 12);
  });

  it('sweep: the objective curve has a point per finished point, and the table a row per point', () => {
    const points = [1, 2, 4].map((count, index) => ({ index, inputs: { 'system.count': count }, status: 'ok', outputs: { tokensPerSecond: 1000 * count ** 0.9 } }));
    points.push({ index: 3, inputs: { 'system.count': 8 }, status: 'invalid', outputs: undefined as never, error: 'does not fit' } as never);
    const html = sweepHtml({ title: 's', points, objective: { path: 'tokensPerSecond', direction: 'max' } });
    const xy = [...html.matchAll(/class="point"[^>]*data-x="([^"]*)" data-y="([^"]*)"/g)].map((m) => [Number(m[1]), Number(m[2])]);
    expect(xy).toEqual(points.slice(0, 3).map((p) => [p.inputs['system.count'], p.outputs.tokensPerSecond]));
    expect(html.match(/<tr>/g)).toHaveLength(1 + 4);
    expect(html).toContain('title="does not fit"');
  });
});

function trainingRunDoc(): Record<string, unknown> {
  return { name: 'x', workload: { kind: 'training', model: 'llama-3.1-8b', sequenceLength: 4096, globalBatch: 32, parallelism: { tp: 8, pp: 2 } } };
}
