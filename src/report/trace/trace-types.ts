/** Trace Event Format (Chrome / Perfetto JSON) types, and the time unit of a trace. */

export interface TraceEvent {
  readonly name: string;
  readonly ph: 'X' | 'M' | 's' | 'f' | 'B' | 'E' | 'i';
  readonly ts: number;
  readonly pid: number;
  readonly tid: number;
  readonly dur?: number;
  readonly cat?: string;
  readonly id?: number;
  readonly bp?: 'e';
  readonly args?: Record<string, unknown>;
}

export interface TraceFile {
  readonly traceEvents: TraceEvent[];
  readonly displayTimeUnit: 'ms';
  readonly otherData: Record<string, unknown>;
}

/** Seconds to trace microseconds, rounded to the nanosecond so that slices that touch share a boundary. */
export const us = (seconds: number): number => Math.round(seconds * 1e9) / 1e3;
