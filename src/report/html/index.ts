/** Self-contained HTML reports (issue 14): run, compare and sweep pages, inline SVG charts. */
export { runHtml } from './run-page.js';
export type { RunPageInput } from './run-page.js';
export { compareHtml } from './compare-page.js';
export { sweepHtml } from './sweep-page.js';
export type { SweepPageInput, SweepPoint } from './sweep-page.js';
export { topologyView } from './topology-view.js';
export type { TopologyView, ViewLink } from './topology-view.js';
export { barChart, lineChart, heatColor, esc } from './svg.js';
export { page, table } from './page.js';
