/**
 * Renders the pictures of docs/reports.md into docs/images/: the HTML run report of the bundled
 * Llama 3.1 70B UltraServer scenario (whole page, its timeline and its link heatmap) and the compare
 * report of the five compare-llama-2-7b-* scenarios, screenshotted in headless Chromium (Debian's
 * /usr/bin/chromium through playwright-core, as the browser test uses it); and the frontier chart of
 * docs/planning.md's worked example (an SVG, no browser).
 * Run: npm run docs:images (builds, then node dist/bench/render-doc-images.js), from the repository root.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { compareHtml, compareScenarios, runReportHtml } from '../src/report/index.js';
import { frontierSvg, plan } from '../src/plan/index.js';
import { runScenarioDetailed } from '../src/scenario/index.js';
import type { StepGraph } from '../src/workload/training/step-graph.js';
import { CHROMIUM, hasChromium, startChromium } from './chromium.js';

/** The frontier of docs/planning.md's worked example, as the plan's HTML report draws it. */
async function planFrontier(images: string): Promise<void> {
  const r = await plan('docs/examples/plan-llama-3.1-405b.yaml', { workers: 2 });
  writeFileSync(join(images, 'plan-llama-3.1-405b-frontier.svg'), `${frontierSvg(r, 'Llama 3.1 405B on 15T tokens: time to train against cost (up to 8,192 chips)')}\n`);
  process.stdout.write(`wrote plan-llama-3.1-405b-frontier.svg to ${images}\n`);
}

async function main(): Promise<void> {
  const images = resolve('docs/images');
  mkdirSync(images, { recursive: true });
  await planFrontier(images);
  if (!hasChromium) throw new Error(`${CHROMIUM} is not installed (apt-get install -y chromium)`);
  const work = mkdtempSync(join(tmpdir(), 'trnsim-doc-images-'));
  const chrome = await startChromium();
  try {
    const open = async (file: string, html: string) => {
      const path = join(work, file);
      writeFileSync(path, html);
      const page = await chrome.browser.contexts()[0]!.newPage();
      await page.setViewportSize({ width: 1200, height: 900 });
      await page.goto(`file://${path}`);
      return page;
    };
    let step: StepGraph | undefined;
    const run = runScenarioDetailed('scenarios/llama-3.1-70b-trn2-ultraserver.yaml', { omitMeta: true, onStepGraph: (s) => (step = s) });
    const report = await open('report.html', runReportHtml(run, step));
    await report.screenshot({ path: join(images, 'report.png'), fullPage: true });
    await report.locator('svg[data-chart="timeline"]').screenshot({ path: join(images, 'trace-timeline.png') });
    await report.locator('svg[data-chart="link-heatmap"]').screenshot({ path: join(images, 'link-heatmap.png') });
    const files = ['trn1', 'trn2', 'trn2-ultraserver', 'trn3', 'h100'].map((s) => `scenarios/compare-llama-2-7b-${s}.yaml`);
    const cmp = await open('compare.html', compareHtml(compareScenarios(files, { omitMeta: true }).entries));
    await cmp.screenshot({ path: join(images, 'compare.png'), fullPage: true });
    process.stdout.write(`wrote report.png, trace-timeline.png, link-heatmap.png, compare.png to ${images}\n`);
  } finally {
    await chrome.close();
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`render-doc-images: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
