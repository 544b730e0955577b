/**
 * The per-link utilisation heatmap of one unit. A torus is drawn as a grid per Z plane (4 x 4 per
 * server; an UltraServer's 4 planes side by side): every link leaving a chip is a stub pointing
 * its way (x+ right, x- left, y+ down, y- up; z+ / z- as the two corner marks), so two neighbours'
 * stubs meet in the middle and wrap-around links end at the border. Switched units (Trn3, H100)
 * are a grid of chips (one row per server) with one bar per link leaving the chip. Each link's
 * mark carries `data-link` and `data-utilisation`; EFA is summarised below the drawing.
 */
import { esc, heatColor } from './svg.js';
import type { TopologyView, ViewLink } from './topology-view.js';

const pct = (u: number): string => `${(u * 100).toFixed(1)} %`;

function mark(l: ViewLink, shape: string): string {
  return shape.replace(
    '/>',
    ` class="link" stroke="${heatColor(l.utilisation)}" fill="${heatColor(l.utilisation)}" data-link="${esc(l.name)}" data-utilisation="${l.utilisation}"><title>${esc(l.name)}: ${pct(l.utilisation)} (${(l.bytesPerStep / 1e9).toFixed(3)} GB per step)</title></${shape.startsWith('<line') ? 'line' : 'rect'}>`,
  );
}

function torusSvg(v: TopologyView): string {
  const [X = 1, Y = 1, Z = 1] = v.dims;
  const cell = 56;
  const gap = 32;
  const planeW = X * cell + 30;
  const width = Z * planeW + 20;
  const height = Y * cell + 50;
  const byChip = new Map<number, ViewLink[]>();
  for (const l of v.links) byChip.set(l.src, [...(byChip.get(l.src) ?? []), l]);
  const first = v.chips[0]?.chip ?? 0;
  const parts: string[] = [];
  for (const { chip, name } of v.chips) {
    const local = chip - first;
    const x = local % X;
    const y = Math.floor(local / X) % Y;
    const z = Math.floor(local / (X * Y));
    const cx = 20 + z * planeW + x * cell + cell / 2;
    const cy = 40 + y * cell + cell / 2;
    const half = (cell - gap / 2) / 2;
    parts.push(`<rect class="chip" x="${cx - 14}" y="${cy - 14}" width="28" height="28" rx="4" fill="#f6f8fa" stroke="#8c959f"/>`);
    parts.push(`<text x="${cx}" y="${cy + 4}" text-anchor="middle" class="chip-label">${esc(name.split('.').pop() ?? name)}</text>`);
    for (const l of byChip.get(chip) ?? []) {
      const dir = l.name.slice(l.name.lastIndexOf('.') + 1);
      const o = 3; // the two directions of a pair sit side by side
      const seg: Record<string, string> = {
        'x+': `<line x1="${cx + 14}" y1="${cy - o}" x2="${cx + half + 14}" y2="${cy - o}" stroke-width="5"/>`,
        'x-': `<line x1="${cx - 14}" y1="${cy + o}" x2="${cx - half - 14}" y2="${cy + o}" stroke-width="5"/>`,
        'y+': `<line x1="${cx + o}" y1="${cy + 14}" x2="${cx + o}" y2="${cy + half + 14}" stroke-width="5"/>`,
        'y-': `<line x1="${cx - o}" y1="${cy - 14}" x2="${cx - o}" y2="${cy - half - 14}" stroke-width="5"/>`,
        'z+': `<rect x="${cx + 8}" y="${cy - 22}" width="12" height="7"/>`,
        'z-': `<rect x="${cx + 8}" y="${cy + 15}" width="12" height="7"/>`,
      };
      const shape = seg[dir];
      if (shape) parts.push(mark(l, shape));
    }
  }
  for (let z = 0; z < Z; z++) {
    parts.push(`<text x="${20 + z * planeW}" y="24" class="title">${Z > 1 ? `plane z = ${z} (server ${z})` : 'server'}</text>`);
  }
  return `<svg class="chart heatmap" data-chart="link-heatmap" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">${parts.join('')}</svg>`;
}

function switchSvg(v: TopologyView): string {
  const perRow = Math.max(1, Math.min(v.chipsPerServer, 16));
  const rows = Math.ceil(v.chips.length / perRow);
  const cw = 56;
  const ch = 44;
  const width = perRow * cw + 40;
  const height = rows * ch + 40;
  const byChip = new Map<number, ViewLink[]>();
  for (const l of v.links) byChip.set(l.src, [...(byChip.get(l.src) ?? []), l]);
  const parts: string[] = [];
  v.chips.forEach(({ chip, name }, i) => {
    const x = 20 + (i % perRow) * cw;
    const y = 30 + Math.floor(i / perRow) * ch;
    parts.push(`<rect class="chip" x="${x}" y="${y}" width="${cw - 6}" height="${ch - 6}" rx="3" fill="#f6f8fa" stroke="#8c959f"><title>${esc(name)}</title></rect>`);
    const out = byChip.get(chip) ?? [];
    const bw = (cw - 12) / Math.max(1, out.length);
    out.forEach((l, k) => parts.push(mark(l, `<rect x="${(x + 3 + k * bw).toFixed(1)}" y="${y + 3}" width="${Math.max(1, bw - 1).toFixed(1)}" height="${ch - 12}"/>`)));
  });
  parts.push(`<text x="20" y="20" class="title">chips of unit ${v.unit}, one row per server; a bar per link leaving the chip</text>`);
  return `<svg class="chart heatmap" data-chart="link-heatmap" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">${parts.join('')}</svg>`;
}

function legend(): string {
  const stops = [0, 0.25, 0.5, 0.75, 1].map((u) => `<span style="background:${heatColor(u)}"></span>${pct(u)} `);
  return `<p class="legend note">utilisation: ${stops.join(' ')}</p>`;
}

export function heatmapHtml(v: TopologyView): string {
  const drawing = v.fabric === 'torus' ? torusSvg(v) : switchSvg(v);
  const busiest = [...v.links].sort((a, b) => b.utilisation - a.utilisation).slice(0, 5);
  const top = busiest.map((l) => `${esc(l.name)} ${pct(l.utilisation)}`).join(', ');
  const efa = v.efa.links
    ? `EFA: ${v.efa.links} links of the unit carry ${(v.efa.bytesPerStep / 1e9).toFixed(2)} GB per step, mean ${pct(v.efa.meanUtilisation)}, max ${pct(v.efa.maxUtilisation)}.`
    : 'EFA: no EFA links in this unit carry traffic (one unit).';
  return `${drawing}${legend()}<p class="note">Busiest links: ${top || 'none'}. ${efa} Basis: ${esc(v.basis)}.</p>`;
}
