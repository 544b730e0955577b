/**
 * The `job:` and `reliability:` sections of a validated document in SI units (seconds, bytes,
 * bytes/s, per second). Defaults that need the system or the model are filled later
 * (resolve-reliability.ts, run-long-job.ts); absent fields stay absent here.
 */
import type { FailureComponent } from '../workload/reliability/index.js';
import { parseQuantity, type QuantityDimension } from './quantity.js';
import type { JobParsed, ReliabilityParsed } from './reliability-schema.js';

export type ScenarioJob =
  | { readonly kind: 'duration'; readonly durationS: number }
  | { readonly kind: 'steps'; readonly steps: number }
  | { readonly kind: 'tokens'; readonly tokens: number };

export interface ScenarioFailure {
  readonly component: FailureComponent;
  readonly mtbfS?: number;
  readonly afr?: number;
}

export interface ScenarioReliability {
  readonly failures?: readonly ScenarioFailure[];
  readonly detectionS?: number;
  readonly restartS?: number;
  readonly repairS?: number;
  readonly spares?: number;
  readonly checkpoint?: {
    readonly intervalS?: number;
    readonly writeS?: number;
    readonly restoreS?: number;
    readonly bytes?: number;
    readonly bytesPerSecond?: number;
    readonly readBytesPerSecond?: number;
  };
  readonly stragglers?: { readonly fraction: number; readonly slowdown: number; readonly durationS?: number };
  readonly linkFlaps?: { readonly ratePerSecondPerLink: number; readonly durationS: number; readonly link?: string };
  readonly replications: number;
}

function q(v: unknown, dim: QuantityDimension): number | undefined {
  // the schema has checked every quantity; this only converts
  return v === undefined ? undefined : parseQuantity(v, dim, '');
}

function defined<T extends object>(o: T): T {
  for (const k of Object.keys(o) as Array<keyof T>) if (o[k] === undefined) delete o[k];
  return o;
}

export function jobFromParsed(j: JobParsed): ScenarioJob {
  if (j.duration !== undefined) return { kind: 'duration', durationS: q(j.duration, 'seconds')! };
  if (j.steps !== undefined) return { kind: 'steps', steps: j.steps };
  return { kind: 'tokens', tokens: j.tokens! };
}

export function reliabilityFromParsed(r: ReliabilityParsed): ScenarioReliability {
  const c = r.checkpoint;
  return defined({
    failures: r.failures?.map((f) => defined({ component: f.component, mtbfS: q(f.mtbf, 'seconds'), afr: f.afr })),
    detectionS: q(r.detection, 'seconds'),
    restartS: q(r.restart, 'seconds'),
    repairS: q(r.repair, 'seconds'),
    spares: r.spares,
    checkpoint: c
      ? defined({
          intervalS: q(c.interval, 'seconds'),
          writeS: q(c.write, 'seconds'),
          restoreS: q(c.restore, 'seconds'),
          bytes: q(c.bytes, 'bytes'),
          bytesPerSecond: q(c.bandwidth, 'bytesPerSecond'),
          readBytesPerSecond: q(c.readBandwidth, 'bytesPerSecond'),
        })
      : undefined,
    stragglers: r.stragglers ? defined({ fraction: r.stragglers.fraction, slowdown: r.stragglers.slowdown, durationS: q(r.stragglers.duration, 'seconds') }) : undefined,
    linkFlaps: r.linkFlaps
      ? defined({ ratePerSecondPerLink: q(r.linkFlaps.rate, 'perSecond')!, durationS: q(r.linkFlaps.duration, 'seconds')!, link: r.linkFlaps.link })
      : undefined,
    replications: r.replications,
  });
}
