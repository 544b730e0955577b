/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * The HTML reports in a real headless Chromium (Debian's /usr/bin/chromium through playwright-core):
 * the charts rendered with the data of the embedded JSON (number of bars, labels, values, bar
 * lengths in proportion), nothing was fetched from the network, and screenshots are saved under
 * test-output/. Skipped, with a note, where chromium is absent. The pictures of docs/reports.md are
 * rendered by bench/render-doc-images.ts (npm run docs:images), not by a test.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareHtml, runReportHtml } from '../../src/report/index.js';
import { runScenarioDetailed } from '../../src/scenario/index.js';
import { hasChromium, startChromium, type RunningChromium } from '../../bench/chromium.js';
import { trainingRun } from './fixtures.js';
import { failIfRequiredToolMissing } from '../system-tools.js';

const OUT = resolve('test-output');
if (!hasChromium) console.warn('browser.test.ts: skipped, /usr/bin/chromium is not installed (apt-get install -y chromium; .ci/run does)');

failIfRequiredToolMissing('chromium', hasChromium ? undefined : '/usr/bin/chromium is not installed');

describe.skipIf(!hasChromium)('HTML report in headless Chromium', () => {
  let chrome: RunningChromium;
  beforeAll(async () => {
    mkdirSync(OUT, { recursive: true });
    chrome = await startChromium();
  }, 30_000);
  afterAll(async () => {
    await chrome?.close();
    // the process is gone once close() returns
    if (chrome) expect(() => process.kill(chrome.pid, 0)).toThrow();
  });

  async function open(file: string, html: string) {
    const path = join(OUT, file);
    writeFileSync(path, html);
    const page = await chrome.browser.contexts()[0]!.newPage();
    await page.setViewportSize({ width: 1200, height: 900 });
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(`file://${path}`);
    return { page, requests };
  }

  it('draws the run report from its JSON: bars, labels, values, lengths, the heatmap and the timeline', async () => {
    const { run, step } = trainingRun();
    const { page, requests } = await open('report.html', runReportHtml(run, step));
    const got = await page.evaluate(() => {
      const data = JSON.parse(document.getElementById('trnsim-data')!.textContent!);
      const bars = (chart: string) =>
        [...document.querySelectorAll(`svg[data-chart="${chart}"] rect.bar`)].map((r) => ({
          label: r.getAttribute('data-label'),
          value: Number(r.getAttribute('data-value')),
          width: (r as SVGGraphicsElement).getBBox().width,
          text: r.parentElement!.querySelector('text.label')!.textContent,
        }));
      const links = [...document.querySelectorAll('svg[data-chart="link-heatmap"] .link')].map((l) => ({ name: l.getAttribute('data-link'), u: Number(l.getAttribute('data-utilisation')) }));
      return { data, breakdown: bars('breakdown'), memory: bars('memory'), energy: bars('energy'), links, slices: document.querySelectorAll('svg[data-chart="timeline"] rect.slice').length };
    });
    const r = got.data.result;
    expect(got.breakdown.map((b) => b.label)).toEqual(['compute', 'exposed tp', 'exposed pp', 'exposed dp', 'exposed ep', 'exposed cp', 'pipeline bubble', 'idle']);
    expect(got.breakdown.map((b) => b.text)).toEqual(got.breakdown.map((b) => b.label));
    const k = r.breakdown.exposedCommByKindS;
    expect(got.breakdown.map((b) => b.value)).toEqual([r.breakdown.computeS, k.tp, k.pp, k.dp, k.ep, k.cp, r.breakdown.bubbleS, r.breakdown.idleS]);
    // rendered lengths are in proportion to the values
    const max = got.breakdown.reduce((a, b) => (b.value > a.value ? b : a));
    for (const b of got.breakdown) expect(b.width / max.width).toBeCloseTo(b.value / max.value, 2);
    expect(got.memory).toHaveLength(5);
    expect(got.memory[0]!.value).toBe(r.memoryBytesPerChip.weights);
    expect(got.energy.map((b) => b.value)).toEqual(['idle', 'compute', 'hbm', 'link', 'host', 'facility'].map((c) => r.energy.joulesByComponent[c]));
    expect(got.links).toHaveLength(16 * 4);
    const byName = new Map(got.data.topology.links.map((l: { name: string; utilisation: number }) => [l.name, l.utilisation]));
    for (const l of got.links) expect(l.u).toBe(byName.get(l.name));
    expect(got.slices).toBeGreaterThan(10);
    expect(requests.every((u) => u.startsWith('file://'))).toBe(true);
    await page.screenshot({ path: join(OUT, 'report.png'), fullPage: true });
    await page.close();
  }, 30_000);

  it('draws the compare report: one bar per scenario with the JSON values, and sorts its table', async () => {
    const a = trainingRun().run;
    const b = runScenarioDetailed({ name: 'one-server', system: { preset: 'trn2.48xlarge' }, workload: { kind: 'training', model: 'llama-3.1-8b', sequenceLength: 4096, globalBatch: 32, parallelism: { tp: 8, pp: 2 } } }, { omitMeta: true });
    const entries = [a, b].map((run) => ({ result: run.result, system: `${run.system.count} x ${run.system.preset}`, chips: run.system.chipCount }));
    const { page } = await open('compare.html', compareHtml(entries));
    const got = await page.evaluate(() => {
      const data = JSON.parse(document.getElementById('trnsim-data')!.textContent!);
      const bars = [...document.querySelectorAll('svg[data-chart="usd-per-million-tokens"] rect.bar')].map((r) => [r.getAttribute('data-label'), Number(r.getAttribute('data-value'))]);
      const th = [...document.querySelectorAll('#compare th')][4] as HTMLElement; // tokens/s
      th.click();
      const first = document.querySelector('#compare tbody tr td')!.textContent;
      th.click();
      const firstDesc = document.querySelector('#compare tbody tr td')!.textContent;
      return { data, bars, first, firstDesc };
    });
    expect(got.bars).toEqual(got.data.results.map((x: { name: string; cost: { usdPerMillionTokens: number } }) => [x.name, x.cost.usdPerMillionTokens]));
    const bySpeed = [...got.data.results].sort((x: { tokensPerSecond: number }, y: { tokensPerSecond: number }) => x.tokensPerSecond - y.tokensPerSecond);
    expect([got.first, got.firstDesc]).toEqual([bySpeed[0].name, bySpeed[bySpeed.length - 1].name]);
    await page.screenshot({ path: join(OUT, 'compare.png'), fullPage: true });
    await page.close();
  }, 30_000);
});
