/**
 * The named constants that calibration fits (`trnsim validate` fits them on the public cases,
 * `trnsim calibrate` on a user's measurements): one registry over the collectives, shared,
 * training and inference calibration modules, so a calibration file is one flat record
 * { name: value } and applying it sets every layer's value for the duration of a run. Each
 * constant keeps its home and its documentation in its own module; this file only names them.
 * Every value is an estimate (docs/validation.md "Calibration").
 */
import { activeCollectiveParams, DEFAULT_COLLECTIVE_PARAMS, setActiveCollectiveParams } from '../collectives/params.js';
import type { CollectiveParams } from '../collectives/params.js';
import { setSharedConstant, sharedConstant, type SharedConstantName } from './calibration.js';
import { TP_COMM_OVERLAP, setTpCommOverlap } from './training/calibration.js';
import { inferenceConstant, setInferenceConstant, type InferenceConstantName } from './inference/calibration.js';
import { UserInputError } from '../user-input-error.js';

/** The validation kinds whose cases a constant can move (the fitter re-runs only those). */
export type CaseKind = 'collective' | 'training' | 'inference';

export interface FittedConstant {
  /** Dotted name as in a calibration file, e.g. "collectives.efaStepOverheadS". */
  readonly name: string;
  /** SI unit of the value ("s", "B/s", "1" for a fraction or factor). */
  readonly unit: string;
  readonly description: string;
  /** Validation kinds whose cases depend on it. */
  readonly affects: readonly CaseKind[];
  /** Allowed range: values outside are rejected (a calibration file) or clamped (the fitter). */
  readonly min: number;
  readonly max: number;
  /** The shipped value (the fit on the bundled cases; before any calibration is applied). */
  readonly defaultValue: number;
  /**
   * The estimate from physical arguments made before any fit (the fitter's prior centre, so a
   * left-out table never pulls its own prior): PRE_FIT_ESTIMATES.
   */
  readonly estimate: number;
  /**
   * Anchored on a cited figure instead of fitted on the bundled cases (`trnsim validate` leaves it
   * alone); `trnsim calibrate` still fits it to a user's measurements.
   */
  readonly anchored?: boolean;
  get(): number;
  set(value: number): void;
}

function collective(key: keyof CollectiveParams, unit: string, description: string, affects: readonly CaseKind[], min: number, max: number): Omit<FittedConstant, 'estimate'> {
  return {
    name: `collectives.${key}`,
    unit,
    description,
    affects,
    min,
    max,
    defaultValue: DEFAULT_COLLECTIVE_PARAMS[key],
    get: () => activeCollectiveParams()[key],
    set: (v) => setActiveCollectiveParams({ ...activeOverrides(), [key]: v }),
  };
}

/** Collective overrides in force relative to the shipped defaults. */
function activeOverrides(): Partial<CollectiveParams> {
  const a = activeCollectiveParams();
  const out: Partial<Record<keyof CollectiveParams, number>> = {};
  for (const k of Object.keys(a) as Array<keyof CollectiveParams>) if (a[k] !== DEFAULT_COLLECTIVE_PARAMS[k]) out[k] = a[k];
  return out;
}

function shared(key: SharedConstantName, name: string, unit: string, description: string, affects: readonly CaseKind[], min: number, max: number): Omit<FittedConstant, 'estimate'> {
  return { name, unit, description, affects, min, max, defaultValue: sharedConstant(key), get: () => sharedConstant(key), set: (v) => setSharedConstant(key, v) };
}

function inference(key: InferenceConstantName, unit: string, description: string, min: number, max: number): Omit<FittedConstant, 'estimate'> {
  return { name: `inference.${key}`, unit, description, affects: ['inference'], min, max, defaultValue: inferenceConstant(key), get: () => inferenceConstant(key), set: (v) => setInferenceConstant(key, v) };
}

const ALL: readonly CaseKind[] = ['collective', 'training', 'inference'];
const TRAIN_COLL: readonly CaseKind[] = ['collective', 'training'];

/**
 * The estimates each constant had before the issue-16 fit (docs/validation.md "Calibration"): the
 * prior of every fit. Values of constants added by issue 16 are the physical first guesses.
 */
export const PRE_FIT_ESTIMATES: Readonly<Record<string, number>> = {
  'collectives.standaloneStepOverheadS': 139e-6,
  'collectives.ringStepOverheadS': 4.9e-6,
  'collectives.inGraphStepOverheadS': 12.6e-6,
  'collectives.localStepOverheadS': 29.6e-6,
  'collectives.kangaringSetupS': 2100e-6,
  'collectives.meshBytesPerSecondPerRank': 0.419e9,
  'collectives.efaStepOverheadS': 5e-6,
  'collectives.ringLatencyExposure': 1,
  'collectives.dmaEfficiency': 0.115,
  'collectives.p2pDmaEfficiency': 0.115,
  'collectives.efaBandwidthEfficiency': 0.85,
  'training.matmulEfficiencyMax': 0.55,
  'training.tpCommOverlap': 0.3,
  'inference.nkiKernelMatmulEfficiency': 0.6,
  'inference.stepOverheadS': 1e-3,
  'inference.prefillPassOverheadS': 1e-3,
  'inference.prefillRowsHalf': 64,
  'inference.prefillMatmulEfficiencyNcV2': 0.4,
  'inference.materialisedScoreSNcV2': 0.5e-9,
  'inference.decodeScoreSNcV2': 5e-9,
};

const withEstimate = (c: Omit<FittedConstant, 'estimate'>): FittedConstant => ({ ...c, estimate: PRE_FIT_ESTIMATES[c.name] ?? c.defaultValue });

/** Every fitted constant, in the order the fitter visits them. */
export const FITTED_CONSTANTS: readonly FittedConstant[] = ([
  collective('standaloneStepOverheadS', 's', 'per cross-chip step of a stand-alone barrier-style collective (mesh, rdh)', ['collective'], 0, 1e-3),
  collective('ringStepOverheadS', 's', 'per cross-chip step of a stand-alone ring-family collective', ['collective'], 0, 1e-4),
  collective('inGraphStepOverheadS', 's', 'per step of an in-graph collective whose group spans several chips (estimate anchored on a reported 12.6 us 2-rank sendrecv)', ALL, 1e-6, 1e-4),
  collective('localStepOverheadS', 's', 'per step of a collective whose group sits on one chip', ALL, 0, 1e-4),
  collective('kangaringSetupS', 's', "KangaRing's one-time set-up in a stand-alone call", ['collective'], 0, 1e-2),
  collective('meshBytesPerSecondPerRank', 'B/s', 'rate at which a mesh step moves and reduces its per-peer pieces', ['collective'], 1e7, 1e11),
  collective('efaStepOverheadS', 's', 'per step of a collective whose group spans servers (host proxy, server synchronisation)', TRAIN_COLL, 0, 1e-3),
  collective('ringLatencyExposure', '1', 'fraction of the slowest hop latency a pipelined ring step inside servers pays again per step (a step with an EFA hop pays the mean)', TRAIN_COLL, 0, 1),
  { ...collective('dmaEfficiency', '1', "fraction of chip DMA bandwidth one rank's collective data movement reaches (anchored on C2 at 1 GiB)", ALL, 0.01, 1), anchored: true },
  collective('p2pDmaEfficiency', '1', 'fraction of chip DMA bandwidth a send-recv / permute rank reaches', ['collective'], 0.01, 1),
  collective('efaBandwidthEfficiency', '1', 'fraction of the EFA line rate inter-server collective flows reach', TRAIN_COLL, 0.05, 1),
  shared('matmulEfficiencyMax', 'training.matmulEfficiencyMax', '1', 'sustained fraction of peak of large tile-aligned matmuls in a training graph', ['training'], 0.1, 1),
  { name: 'training.tpCommOverlap', unit: '1', description: 'fraction of each TP collective hidden behind compute', affects: ['training'], min: 0, max: 0.95, defaultValue: TP_COMM_OVERLAP, get: () => TP_COMM_OVERLAP, set: setTpCommOverlap },
  inference('nkiKernelMatmulEfficiency', '1', 'matmul efficiency of NxDI NKI kernels (NeuronCore-v3+); at most 0.94, the per-core TensorE peak over the chip figure (629 / 667 TFLOPS)', 0.1, 0.94),
  inference('stepOverheadS', 's', 'fixed cost per forward pass (serving loop, launch, sampling)', 0, 0.02),
  inference('prefillPassOverheadS', 's', 'fixed cost per context-encoding pass on top of the step overhead', 0, 0.1),
  inference('prefillRowsHalf', 'tokens', 'prompt rows at which prefill matmul efficiency halves', 0, 4096),
  inference('prefillMatmulEfficiencyNcV2', '1', 'context-encoding matmul efficiency on NeuronCore-v2 (Transformers NeuronX)', 0.05, 1),
  inference('materialisedScoreSNcV2', 's', 'per materialised attention score element per rank and layer, NeuronCore-v2 prefill', 0, 1e-7),
  inference('decodeScoreSNcV2', 's', 'per attended KV position per head per rank and layer, NeuronCore-v2 decode', 0, 1e-6),
] as Array<Omit<FittedConstant, 'estimate'>>).map(withEstimate);

/** The values in force, by name. */
export function currentConstants(): Record<string, number> {
  const out: Record<string, number> = {};
  for (const c of FITTED_CONSTANTS) out[c.name] = c.get();
  return out;
}

/** The shipped values, by name. */
export function defaultConstants(): Record<string, number> {
  const out: Record<string, number> = {};
  for (const c of FITTED_CONSTANTS) out[c.name] = c.defaultValue;
  return out;
}

export function fittedConstant(name: string): FittedConstant | undefined {
  return FITTED_CONSTANTS.find((c) => c.name === name);
}

/**
 * Checks a { name: value } record against the registry; `where` names the file or field for the
 * error. Unknown names and out-of-range values are UserInputErrors.
 */
export function checkConstants(values: Readonly<Record<string, unknown>>, where: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(values)) {
    const c = fittedConstant(k);
    if (!c) throw new UserInputError(`${where}: "${k}" is not a fitted constant; use one of ${FITTED_CONSTANTS.map((f) => f.name).join(', ')}.`);
    if (typeof v !== 'number' || !Number.isFinite(v) || v < c.min || v > c.max) {
      throw new UserInputError(`${where}: ${k} = ${JSON.stringify(v)} is outside its range [${c.min}, ${c.max}] (${c.unit}); use a value in range or remove it.`);
    }
    out[k] = v;
  }
  return out;
}

/** Sets every named value (others keep theirs); returns a function that restores the previous values. */
export function applyConstants(values: Readonly<Record<string, number>>): () => void {
  const before = currentConstants();
  for (const [k, v] of Object.entries(values)) {
    const c = fittedConstant(k);
    if (!c) throw new UserInputError(`calibration: "${k}" is not a fitted constant; use a name of FITTED_CONSTANTS (trnsim validate --fit lists them).`);
    c.set(v);
  }
  return () => {
    for (const c of FITTED_CONSTANTS) c.set(before[c.name]!);
  };
}

/** Runs `fn` with `values` applied, restoring the previous values afterwards (also on a throw). */
export function withConstants<T>(values: Readonly<Record<string, number>> | undefined, fn: () => T): T {
  if (!values || Object.keys(values).length === 0) return fn();
  const restore = applyConstants(values);
  try {
    return fn();
  } finally {
    restore();
  }
}
