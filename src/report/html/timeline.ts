/**
 * A step timeline drawn from a trace (trace/step-trace.ts): one row per track (a stream of a
 * representative chip, or a busy link), one rectangle per slice, coloured by kind. The same events
 * as the --trace file, for the HTML report; a trace viewer (ui.perfetto.dev) shows more.
 */
import type { TraceFile } from '../trace/trace-types.js';
import { esc, PALETTE } from './svg.js';
import { LINKS_PID } from '../trace/link-tracks.js';
import { formatSeconds } from '../../units.js';

const KIND_COLORS: Record<string, string> = { compute: PALETTE[0]!, tp: PALETTE[1]!, pp: PALETTE[2]!, dp: PALETTE[3]!, ep: PALETTE[4]!, cp: PALETTE[5]! };
/** Slices drawn at most (the rest is in the trace file). */
export const TIMELINE_MAX_SLICES = 6000;

export function timelineSvg(trace: TraceFile, width = 1040): string {
  const procs = new Map<number, string>();
  const threads = new Map<string, string>();
  for (const e of trace.traceEvents) {
    if (e.ph !== 'M') continue;
    if (e.name === 'process_name') procs.set(e.pid, String(e.args?.name ?? e.pid));
    if (e.name === 'thread_name') threads.set(`${e.pid}/${e.tid}`, String(e.args?.name ?? e.tid));
  }
  const slices = trace.traceEvents.filter((e) => e.ph === 'X').slice(0, TIMELINE_MAX_SLICES);
  const tracks = [...new Set(slices.map((e) => `${e.pid}/${e.tid}`))];
  const row = new Map(tracks.map((t, i) => [t, i]));
  const end = Math.max(1e-9, ...slices.map((e) => e.ts + (e.dur ?? 0)));
  const labelW = 300;
  const rowH = 16;
  const height = 30 + tracks.length * rowH + 24;
  const px = (us: number): number => labelW + (us / end) * (width - labelW - 10);
  const labels = tracks
    .map((t, i) => {
      const pid = Number(t.split('/')[0]);
      // link tracks: the thread names the link; chip tracks: chip and stream
      const name = pid === LINKS_PID ? `link ${threads.get(t) ?? t}` : `${(procs.get(pid) ?? `pid ${pid}`).split(' (')[0]} · ${threads.get(t) ?? t}`;
      return `<text x="${labelW - 6}" y="${30 + i * rowH + 12}" text-anchor="end" class="tick">${esc(name.length > 48 ? `${name.slice(0, 47)}…` : name)}</text>`;
    })
    .join('');
  const rects = slices
    .map((e) => {
      const y = 30 + row.get(`${e.pid}/${e.tid}`)! * rowH + 2;
      const x = px(e.ts);
      const w = Math.max(0.5, px(e.ts + (e.dur ?? 0)) - x);
      return `<rect class="slice" x="${x.toFixed(2)}" y="${y}" width="${w.toFixed(2)}" height="${rowH - 4}" fill="${KIND_COLORS[e.cat ?? ''] ?? PALETTE[7]}"><title>${esc(e.name)}: ${((e.dur ?? 0) / 1e3).toFixed(3)} ms</title></rect>`;
    })
    .join('');
  const axis = [0, 0.25, 0.5, 0.75, 1]
    .map((f) => `<text class="tick" x="${px(f * end)}" y="${height - 6}" text-anchor="${f === 1 ? 'end' : 'middle'}">${esc(formatSeconds((f * end) / 1e6))}</text>`)
    .join('');
  const title = `<text class="title" x="0" y="16">Step timeline: ${slices.length} slices on ${tracks.length} tracks (compute blue, TP yellow, PP red, DP teal)</text>`;
  return `<svg class="chart" data-chart="timeline" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">${title}${labels}${rects}${axis}</svg>`;
}
