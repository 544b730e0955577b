/**
 * The frontier as an SVG chart: time to train (serving: latency) against cost, log-log, every
 * simulated feasible plan as a small dot coloured by system, the frontier (over time, cost and
 * energy, so a frontier point may sit above another in this plane) as large outlined dots, each
 * labelled with its size. Self-contained (no scripts, no fonts fetched):
 * for docs/images/ and the HTML report.
 */
import type { PlanPoint, PlanResult } from './types.js';

const W = 760;
const H = 460;
const M = { left: 80, right: 20, top: 40, bottom: 70 };
const COLOURS = ['#e4572e', '#2e86ab', '#76b041', '#9b5de5', '#f2a541', '#555555'];

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function logTicks(lo: number, hi: number): number[] {
  for (const mantissas of [[1, 2, 5], [1, 2, 3, 4, 5, 6, 7, 8, 9]]) {
    const out: number[] = [];
    for (let e = Math.floor(Math.log10(lo)); e <= Math.ceil(Math.log10(hi)); e++) for (const m of mantissas) {
      const v = Number((m * 10 ** e).toPrecision(6));
      if (v >= lo && v <= hi) out.push(v);
    }
    if (out.length >= 3 || mantissas.length > 3) return out;
  }
  return [];
}

export function frontierSvg(r: Pick<PlanResult, 'name' | 'kind' | 'pareto' | 'points'>, title?: string): string {
  const training = r.kind === 'training';
  const xUnit = training ? 86400 : 1;
  const pts = r.points.filter((p) => p.feasible && p.costUsd !== null);
  const all = pts.length > 0 ? pts : r.points.filter((p) => p.costUsd !== null);
  const systems = [...new Set(r.points.map((p) => p.system))];
  const colour = (s: string): string => COLOURS[systems.indexOf(s) % COLOURS.length]!;
  const parts: string[] = [`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" font-family="sans-serif" font-size="12">`, `<rect width="${W}" height="${H}" fill="white"/>`];
  parts.push(`<text x="${W / 2}" y="22" text-anchor="middle" font-size="15">${esc(title ?? `${r.name}: ${training ? 'time to train' : 'latency'} against cost`)}</text>`);
  if (all.length === 0) {
    parts.push(`<text x="${W / 2}" y="${H / 2}" text-anchor="middle">no priced plan to draw</text></svg>`);
    return parts.join('\n');
  }
  const xs = all.map((p) => p.timeS / xUnit);
  const ys = all.map((p) => p.costUsd! / 1e6);
  const [x0, x1] = [Math.min(...xs) / 1.2, Math.max(...xs) * 1.2];
  const [y0, y1] = [Math.min(...ys) / 1.2, Math.max(...ys) * 1.2];
  const px = (x: number): number => M.left + ((Math.log(x) - Math.log(x0)) / (Math.log(x1) - Math.log(x0))) * (W - M.left - M.right);
  const py = (y: number): number => H - M.bottom - ((Math.log(y) - Math.log(y0)) / (Math.log(y1) - Math.log(y0))) * (H - M.top - M.bottom);
  parts.push(`<rect x="${M.left}" y="${M.top}" width="${W - M.left - M.right}" height="${H - M.top - M.bottom}" fill="none" stroke="#999"/>`);
  for (const t of logTicks(x0, x1)) parts.push(`<line x1="${px(t)}" x2="${px(t)}" y1="${M.top}" y2="${H - M.bottom}" stroke="#eee"/><text x="${px(t)}" y="${H - M.bottom + 16}" text-anchor="middle">${t}</text>`);
  for (const t of logTicks(y0, y1)) parts.push(`<line x1="${M.left}" x2="${W - M.right}" y1="${py(t)}" y2="${py(t)}" stroke="#eee"/><text x="${M.left - 6}" y="${py(t) + 4}" text-anchor="end">${t}</text>`);
  parts.push(`<text x="${(M.left + W - M.right) / 2}" y="${H - 34}" text-anchor="middle">${training ? 'time to train (days, log)' : 'latency p50 (s, log)'}</text>`);
  parts.push(`<text x="18" y="${(M.top + H - M.bottom) / 2}" text-anchor="middle" transform="rotate(-90 18 ${(M.top + H - M.bottom) / 2})">cost (million USD, log)</text>`);
  for (const p of all) parts.push(`<circle class="plan" cx="${px(p.timeS / xUnit).toFixed(1)}" cy="${py(p.costUsd! / 1e6).toFixed(1)}" r="3" fill="${colour(p.system)}" fill-opacity="0.35"/>`);
  const front = r.pareto.filter((e) => e.costUsd !== null);
  const t = (e: (typeof front)[number]): number => (training ? e.timeToTrainS! : Number((e.details as Record<string, unknown>).latencyS)) / xUnit;
  for (const e of front) {
    const x = px(t(e));
    const y = py(e.costUsd! / 1e6);
    parts.push(`<circle class="frontier" cx="${x.toFixed(1)}" cy="${y.toFixed(1)}" r="6" fill="${colour(e.system)}" stroke="#000"/><text x="${(x + 8).toFixed(1)}" y="${(y - 8).toFixed(1)}" font-size="11">${e.count} x ${esc(e.system)}</text>`);
  }
  parts.push(`<text x="${M.left + 8}" y="${M.top + 16}" font-size="11">large dots: the Pareto frontier (time, cost, energy); small: other feasible plans simulated</text>`);
  systems.forEach((s, i) => parts.push(`<circle cx="${M.left + 6 + i * 170}" cy="${H - 14}" r="5" fill="${colour(s)}"/><text x="${M.left + 16 + i * 170}" y="${H - 10}">${esc(s)}</text>`));
  parts.push('</svg>');
  return parts.join('\n');
}
