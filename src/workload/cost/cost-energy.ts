/**
 * Cost and energy of a run: price x time x instances for dollars, the activity-following power
 * model (energy.ts) for joules. Training: per step, per million trained tokens, and per run when
 * the scenario gives a job or a token budget. Inference: per generated token and per million
 * generated tokens over the serving run, and per run for a job.
 */
import type { ChipActivityWindow, CostResult, EnergyResult, PowerSettings, RunLength, SystemPrice } from './types.js';
import { windowEnergy } from './energy.js';

const HOUR_S = 3600;

function energyResult(power: PowerSettings, a: ChipActivityWindow, tokens: number, perStep: boolean, run: RunLength | undefined): EnergyResult {
  const e = windowEnergy(power, a);
  const averagePowerW = a.windowS > 0 ? e.joules / a.windowS : 0;
  const c = power.chip;
  return {
    ...(perStep ? { joulesPerStep: e.joules } : {}),
    joulesPerToken: tokens > 0 ? e.joules / tokens : 0,
    averagePowerW,
    ...(run ? { joulesPerRun: averagePowerW * run.wallS } : {}),
    ...(run?.tokens ? { joulesPerTokenOverRun: (averagePowerW * run.wallS) / run.tokens } : {}),
    joulesByComponent: e.components,
    utilisation: e.utilisation,
    chipPowerW: { idle: c.idleW, load: c.loadW, compute: c.computeW, hbm: c.hbmW, link: c.linkW },
    hostPowerWPerServer: power.hostWPerServer,
    pue: power.pue,
    estimates: power.estimates,
  };
}

function costResult(price: SystemPrice, windowS: number, tokens: number, perStep: boolean, run: RunLength | undefined): CostResult {
  const usdPerWindow = (price.usdPerHour * windowS) / HOUR_S;
  return {
    usdPerHour: price.usdPerHour,
    ...(perStep ? { usdPerStep: usdPerWindow } : {}),
    usdPerMillionTokens: tokens > 0 ? (usdPerWindow / tokens) * 1e6 : 0,
    ...(run ? { usdPerRun: (price.usdPerHour * run.wallS) / HOUR_S } : {}),
    ...(run?.tokens ? { usdPerMillionTokensOverRun: ((price.usdPerHour * run.wallS) / HOUR_S / run.tokens) * 1e6 } : {}),
    basis: price.basis,
    priceKind: price.kind,
    priceSource: price.source,
    ...(run ? { runWallS: run.wallS, runFrom: run.from } : {}),
  };
}

/** What a training step gives the model: its time, tokens, and what a chip did (activity.ts). */
export interface TrainingStepFigures {
  readonly stepTimeS: number;
  readonly tokensPerStep: number;
  readonly activity: { readonly computeBusySPerChip: number; readonly hbmBytesPerChip: number; readonly linkHopBytesPerChip: number };
}

export function trainingCostEnergy(step: TrainingStepFigures, price: SystemPrice | undefined, power: PowerSettings | undefined, run?: RunLength): { cost?: CostResult; energy?: EnergyResult } {
  const window: ChipActivityWindow = { windowS: step.stepTimeS, activeChips: power?.chips ?? 0, ...step.activity };
  return {
    ...(price ? { cost: costResult(price, step.stepTimeS, step.tokensPerStep, true, run) } : {}),
    ...(power ? { energy: energyResult(power, window, step.tokensPerStep, true, run) } : {}),
  };
}

/** What a serving run gives the model (InferenceResult fields). */
export interface ServingFigures {
  readonly simulatedTimeS: number;
  readonly outputTokensPerSecond: number;
  readonly chipUtilisation: { readonly chips: number; readonly busyFraction: number; readonly hbmBandwidthFraction: number };
  /** Share of time the chips' links carry TP collectives (0 when a replica's ranks share one chip). */
  readonly linkBusyFraction: number;
}

export function inferenceCostEnergy(r: ServingFigures, price: SystemPrice | undefined, power: PowerSettings | undefined, run?: RunLength): { cost?: CostResult; energy?: EnergyResult } {
  const T = r.simulatedTimeS;
  const tokens = r.outputTokensPerSecond * T;
  const u = r.chipUtilisation;
  const window = (p: PowerSettings): ChipActivityWindow => ({
    windowS: T,
    activeChips: u.chips,
    computeBusySPerChip: u.busyFraction * T,
    hbmBytesPerChip: u.hbmBandwidthFraction * p.hbmBytesPerSecond * T,
    linkHopBytesPerChip: 0,
    linkBusyFraction: r.linkBusyFraction,
  });
  return {
    ...(price ? { cost: costResult(price, T, tokens, false, run) } : {}),
    ...(power ? { energy: energyResult(power, window(power), tokens, false, run) } : {}),
  };
}
