/**
 * loadScenario: a file path or an in-memory object -> a validated Scenario with defaults filled
 * and every quantity in SI. Cross-field checks that need the system (ranks) are in resolve.ts.
 */
import { scenarioCalibration } from './calibration.js';
import { dirname, resolve as resolvePath } from 'node:path';
import type { SystemOverrides, ChipOverride, Datatype, Fault } from '../hardware/types.js';
import type { InferenceWorkload, Parallelism, TokenLength, TrainingWorkload } from '../workload/types.js';
import { parseQuantity } from './quantity.js';
import { validateScenario } from './validate.js';
import { isPlainObject, isScenarioShaped, mergeExtends, nameFromFile, readDocument, type Document, type ReadLimits } from './documents.js';
import { defaultAllowedRoots, hasScenarioExtension, maxScenarioBytes, scenarioSourceFile } from './scenario-files.js';
import { checkLoadOptions } from './check-options.js';
import { scenarioErrors } from './errors.js';
import { describeValue } from './describe-value.js';
import { jobFromParsed, reliabilityFromParsed, type ScenarioJob, type ScenarioReliability } from './reliability-load.js';
import type { InferenceParsed, ModelInput, OverridesParsed, ScenarioParsed, SweepParsed, TokenLengthInput, TrainingParsed } from './schema.js';
import type { PowerParsed } from './schema-economics.js';
import type { PowerOverrides, PricingOverrides } from '../workload/cost/index.js';

export interface ScenarioSystem {
  readonly preset: string;
  readonly count: number;
  /** Absent: the chip's Neuron default. */
  readonly lnc?: number;
  readonly overrides?: SystemOverrides;
  /** Alternative published figures (docs/sources.md "Where sources disagree"), by name. */
  readonly figureSets?: readonly string[];
  /** Faults injected into the step (issue 13). */
  readonly faults?: readonly Fault[];
  /** Cost and energy overrides (issue 14), SI. */
  readonly pricing?: PricingOverrides;
  readonly power?: PowerOverrides;
}

/** The training workload as the file gives it: the model may still be a preset name, dp optional. */
export type TrainingSpec = Omit<TrainingWorkload, 'model' | 'parallelism'> & {
  /** A preset name or an inline model (resolved in resolveScenario). */
  readonly model: ModelInput;
  /** dp absent: derived as ranks / (tp x pp x cp). */
  readonly parallelism: Omit<Parallelism, 'dp'> & { readonly dp?: number };
};

/** The inference workload as the file gives it: the model may still be a preset name, dp optional. */
export type InferenceSpec = Omit<InferenceWorkload, 'model' | 'parallelism' | 'speculation'> & {
  readonly model: ModelInput;
  readonly parallelism: { readonly tp: number; readonly pp: number; readonly dp?: number };
  readonly speculation?: { readonly draft: ModelInput; readonly tokens: number; readonly acceptanceRate?: number };
};

/** A loaded scenario: validated, defaults filled, SI units. Plain data (structured-clone safe). */
export interface Scenario {
  readonly name: string;
  readonly seed: number;
  readonly description?: string;
  /** File the scenario came from, or "scenario" for an in-memory object (used in messages). */
  readonly origin: string;
  readonly system: ScenarioSystem;
  readonly workload: TrainingSpec | InferenceSpec;
  /** A long job (issue 13): with `reliability`, `trnsim run` simulates it after the step. */
  readonly job?: ScenarioJob;
  readonly reliability?: ScenarioReliability;
  readonly sweep?: SweepParsed;
  /** The merged document (extends resolved), as written: sweeps set axis values on a copy of it. */
  readonly document: Document;
  /** Fitted constants to run with (the `calibration:` field, calibration.ts). */
  readonly calibration?: Readonly<Record<string, number>>;
}

export interface LoadOptions {
  /** Name used in messages for an in-memory object (default "scenario"). */
  origin?: string;
  /** Directory against which an in-memory object's relative `extends` resolve (default cwd). */
  baseDir?: string;
  /**
   * Folders `extends` may read parents from (symlinks resolved). Default: the scenario's own folder
   * (an in-memory object's baseDir) and the bundled scenarios. The CLI allows every folder.
   */
  allowedRoots?: readonly string[];
  /** Largest scenario file read, in bytes (default 1 MiB); larger files are refused before parsing. */
  maxBytes?: number;
}

// ---------------------------------------------------------------- SI conversion

function q(v: unknown, dim: Parameters<typeof parseQuantity>[1]): number | undefined {
  // The schema has already checked every quantity; this only converts.
  return v === undefined ? undefined : parseQuantity(v, dim, '');
}

function defined<T extends object>(o: T): T {
  for (const k of Object.keys(o) as Array<keyof T>) if (o[k] === undefined) delete o[k];
  return o;
}

type ChipOverrideParsed = NonNullable<OverridesParsed['chip']>;

function chipOverride(c: ChipOverrideParsed): ChipOverride {
  let peak: Partial<Record<Datatype, number>> | undefined;
  if (c.peakFlops) {
    peak = {};
    for (const [k, v] of Object.entries(c.peakFlops)) if (v !== undefined) peak[k as Datatype] = q(v, 'flopsPerSecond')!;
  }
  return defined({
    hbmBytes: q(c.hbmCapacity, 'bytes'),
    hbmBytesPerSecond: q(c.hbmBandwidth, 'bytesPerSecond'),
    chipLinkBytesPerSecond: q(c.chipLinkBandwidth, 'bytesPerSecond'),
    powerW: q(c.power, 'watts'),
    computeScale: c.computeScale,
    peakFlopsPerSecond: peak,
  });
}

function overrides(o: OverridesParsed): SystemOverrides {
  const out: {
    efa?: SystemOverrides['efa'];
    neuronLink?: SystemOverrides['neuronLink'];
    chip?: ChipOverride;
    chips?: Record<string, ChipOverride>;
    links?: Record<string, { scale?: number; removed?: boolean; latencyS?: number }>;
  } = {};
  if (o.efa) {
    out.efa = defined({ bytesPerSecondPerServer: q(o.efa.bandwidth, 'bytesPerSecond'), latencyS: q(o.efa.latency, 'seconds'), topology: o.efa.topology });
  }
  if (o.neuronLink) out.neuronLink = defined({ bytesPerSecondPerLink: q(o.neuronLink.bandwidth, 'bytesPerSecond'), latencyS: q(o.neuronLink.latency, 'seconds') });
  if (o.chip) out.chip = chipOverride(o.chip);
  if (o.chips) out.chips = Object.fromEntries(Object.entries(o.chips).map(([id, c]) => [id, chipOverride(c)]));
  if (o.links) {
    out.links = Object.fromEntries(
      Object.entries(o.links).map(([id, l]) => [id, defined({ scale: l.scale, removed: l.removed, latencyS: q(l.latency, 'seconds') })]),
    );
  }
  return out;
}

function power(p: PowerParsed): PowerOverrides {
  return defined({
    idleW: q(p.idleW, 'watts'),
    loadW: q(p.loadW, 'watts'),
    hbmW: q(p.hbmW, 'watts'),
    linkW: q(p.linkW, 'watts'),
    hostW: q(p.hostW, 'watts'),
    pue: p.pue,
  });
}

function tokenLength(t: TokenLengthInput): TokenLength {
  return typeof t === 'number' ? { kind: 'fixed', tokens: t } : t;
}

function trainingSpec(w: TrainingParsed): TrainingSpec {
  return { ...w, parallelism: defined({ ...w.parallelism }) };
}

function inferenceSpec(w: InferenceParsed): InferenceSpec {
  const { arrivalRate, ...requests } = w.requests;
  return defined({
    kind: 'inference' as const,
    model: w.model,
    precision: w.precision,
    parallelism: defined({ ...w.parallelism }),
    batching: w.batching,
    requests: defined({
      ...requests,
      inputTokens: tokenLength(requests.inputTokens),
      outputTokens: tokenLength(requests.outputTokens),
      arrivalRatePerSecond: q(arrivalRate, 'perSecond'),
    }),
    maxContextTokens: w.maxContextTokens,
    contextBuckets: w.contextBuckets,
    speculation: w.speculation ? defined({ ...w.speculation }) : undefined,
  });
}

/** Turns a validated document into a Scenario (SI units). */
export function toScenario(parsed: ScenarioParsed, document: Document, origin: string, defaultName: string): Scenario {
  const system: ScenarioSystem = defined({
    preset: parsed.system.preset,
    count: parsed.system.count,
    lnc: parsed.system.lnc,
    overrides: parsed.system.overrides ? overrides(parsed.system.overrides) : undefined,
    figureSets: parsed.system.figureSets,
    faults: parsed.system.faults,
    pricing: parsed.system.pricing ? (defined({ ...parsed.system.pricing }) as PricingOverrides) : undefined,
    power: parsed.system.power ? power(parsed.system.power) : undefined,
  });
  return defined({
    name: parsed.name ?? defaultName,
    seed: parsed.seed,
    description: parsed.description,
    origin,
    system,
    workload: parsed.workload.kind === 'training' ? trainingSpec(parsed.workload) : inferenceSpec(parsed.workload),
    job: parsed.job ? jobFromParsed(parsed.job) : undefined,
    reliability: parsed.reliability ? reliabilityFromParsed(parsed.reliability) : undefined,
    sweep: parsed.sweep,
    document,
    calibration: scenarioCalibration(parsed.calibration, origin),
  });
}

/**
 * Loads a scenario from a YAML/JSON file path or from an in-memory object: resolves `extends`,
 * validates against the schema, fills defaults, converts quantities to SI. Every failure is one
 * UserInputError naming the file, the field path and the fix.
 */
export function loadScenario(source: string | Record<string, unknown>, options: LoadOptions = {}): Scenario {
  checkLoadOptions(options);
  const maxBytes = maxScenarioBytes(options.maxBytes, 'maxBytes');
  const limits = (dir: string): ReadLimits => ({ roots: options.allowedRoots ?? defaultAllowedRoots(dir), maxBytes });
  if (typeof source === 'string') {
    // a path, or the name of a bundled scenario ("llama-3.1-8b-trn2-48xl")
    const file = scenarioSourceFile(source);
    const abs = resolvePath(file);
    const doc = readDocument(file, undefined, maxBytes);
    if (!hasScenarioExtension(file) && !isScenarioShaped(doc)) throw scenarioErrors.notScenarioFile(file);
    const merged = mergeExtends(doc, file, dirname(abs), [abs], limits(dirname(abs)));
    return toScenario(validateScenario(merged, file), merged, file, nameFromFile(file));
  }
  const origin = options.origin ?? 'scenario';
  if (!isPlainObject(source)) throw scenarioErrors.notAnObject(origin, describeValue(source));
  const baseDir = resolvePath(options.baseDir ?? '.');
  const merged = mergeExtends(source, origin, baseDir, [], limits(baseDir));
  return toScenario(validateScenario(merged, origin), merged, origin, 'scenario');
}
