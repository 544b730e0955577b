/**
 * SI constants and formatters. trnsim works in SI units internally (seconds, bytes, bytes/s,
 * FLOP/s, watts); units appear only at the edges: parsing (scenario/quantity.ts, with mathjs) and
 * printing (the formatters here). Imports nothing.
 */

export const KB = 1e3;
export const MB = 1e6;
export const GB = 1e9;
export const TB = 1e12;
export const KiB = 1024;
export const MiB = 1024 ** 2;
export const GiB = 1024 ** 3;
export const TiB = 1024 ** 4;
/** One gigabit per second in bytes per second. */
export const GBPS_BITS = 1.25e8;
export const TFLOPS = 1e12;
export const PFLOPS = 1e15;
export const US = 1e-6;
export const MS = 1e-3;
export const NS = 1e-9;

/** Relative tolerance used when comparing simulated times (SimGrid's "precision" idea). */
export const TIME_EPSILON_REL = 1e-12;

function fixed(v: number, digits: number): string {
  return v.toFixed(digits);
}

/** 1536 GiB -> "1.5 TiB"; binary prefixes. */
export function formatBytes(bytes: number, digits = 1): string {
  const units: Array<[number, string]> = [
    [TiB, 'TiB'],
    [GiB, 'GiB'],
    [MiB, 'MiB'],
    [KiB, 'KiB'],
  ];
  for (const [size, name] of units) if (Math.abs(bytes) >= size) return `${fixed(bytes / size, digits)} ${name}`;
  return `${bytes} B`;
}

/** Decimal bytes per second: 2.9e12 -> "2.90 TB/s". */
export function formatBytesPerSecond(bps: number, digits = 2): string {
  const units: Array<[number, string]> = [
    [TB, 'TB/s'],
    [GB, 'GB/s'],
    [MB, 'MB/s'],
    [KB, 'kB/s'],
  ];
  for (const [size, name] of units) if (Math.abs(bps) >= size) return `${fixed(bps / size, digits)} ${name}`;
  return `${fixed(bps, digits)} B/s`;
}

/** Bits per second from bytes per second: 4e11 -> "3.20 Tb/s". */
export function formatBitsPerSecond(bytesPerSecond: number, digits = 2): string {
  const bits = bytesPerSecond * 8;
  if (bits >= 1e12) return `${fixed(bits / 1e12, digits)} Tb/s`;
  if (bits >= 1e9) return `${fixed(bits / 1e9, digits)} Gb/s`;
  return `${fixed(bits / 1e6, digits)} Mb/s`;
}

/** FLOP/s: 2.078e16 -> "20.78 PFLOP/s". */
export function formatFlops(flopsPerSecond: number, digits = 2): string {
  const units: Array<[number, string]> = [
    [1e18, 'EFLOP/s'],
    [1e15, 'PFLOP/s'],
    [1e12, 'TFLOP/s'],
    [1e9, 'GFLOP/s'],
  ];
  for (const [size, name] of units) if (Math.abs(flopsPerSecond) >= size) return `${fixed(flopsPerSecond / size, digits)} ${name}`;
  return `${fixed(flopsPerSecond, digits)} FLOP/s`;
}

/** Seconds with a readable unit: 1.96e-2 -> "19.60 ms". */
export function formatSeconds(s: number, digits = 2): string {
  const a = Math.abs(s);
  if (a === 0) return '0 s';
  if (a < 1e-6) return `${fixed(s / NS, digits)} ns`;
  if (a < 1e-3) return `${fixed(s / US, digits)} us`;
  if (a < 1) return `${fixed(s / MS, digits)} ms`;
  if (a < 3600) return `${fixed(s, digits)} s`;
  return `${fixed(s / 3600, digits)} h`;
}

/** A fraction as a percentage: 0.3512 -> "35.1%". */
export function formatPercent(fraction: number, digits = 1): string {
  return `${fixed(fraction * 100, digits)}%`;
}
