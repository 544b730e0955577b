/**
 * The systems of a plan as the search sees them: each preset's chips and ranks per unit, the
 * counts to try (the plan's, else powers of two up to maxChips), its price, and the built System
 * per count (built once, lazily; the closed-form checks and bounds need chip figures and rank
 * placement, not a simulation).
 */
import { buildSystem, lncProblem } from '../hardware/index.js';
import type { System, SystemRequest } from '../hardware/types.js';
import type { PlanSpec, PlanSystem } from '../scenario/index.js';
import { loadScenario, resolveScenario, systemPresetInfo, systemRankCount, type ResolvedScenario } from '../scenario/index.js';
import { costBasis, type CostBasis } from './cost.js';
import { UserInputError } from '../user-input-error.js';

export interface PlanSystemContext {
  /** Index in the plan's systems list. */
  readonly index: number;
  readonly spec: PlanSystem;
  readonly preset: string;
  /** Label in results: the preset, with the LNC when the plan sets one. */
  readonly label: string;
  readonly chipsPerUnit: number;
  readonly ranksPerUnit: number;
  readonly lnc: number;
  readonly counts: readonly number[];
  /** USD per hour of one unit: the plan's price, else the catalogue's; undefined when unknown. */
  readonly usdPerUnitHour: number | undefined;
  /** The built system of `count` units (cached). */
  system(count: number): System;
  /** Price and power of `count` units, for cost and energy and their bounds. */
  costBasis(count: number): CostBasis;
}

/**
 * The plan system as a one-unit scenario, resolved by the scenario layer itself: overrides to SI,
 * pricing and power overrides checked, exactly as a scenario of this system takes them.
 */
function template(s: PlanSystem, lnc: number, ranks: number, origin: string, index: number): ResolvedScenario {
  const doc = {
    system: { ...s.scenarioFields, preset: s.preset, count: 1, lnc },
    // any workload that fits the unit's ranks: only the system part is used
    workload: { kind: 'training', model: 'llama-3.2-1b', sequenceLength: 1, globalBatch: ranks, parallelism: { tp: 1, dp: ranks } },
  };
  return resolveScenario(loadScenario(doc, { origin: `${origin}: systems[${index}]` }));
}

/** Powers of two from 1 while count x chipsPerUnit <= maxChips (at least 1). */
export function defaultCounts(chipsPerUnit: number, maxChips: number): number[] {
  const out: number[] = [];
  for (let n = 1; n * chipsPerUnit <= maxChips; n *= 2) out.push(n);
  return out.length > 0 ? out : [1];
}

export function planSystems(spec: PlanSpec): PlanSystemContext[] {
  const labels = new Map<string, number>();
  return spec.systems.map((s, index) => {
    const info = systemPresetInfo(s.preset)!;
    const lnc = s.lnc ?? info.defaultLnc;
    const lncWrong = lncProblem({ displayName: info.chipName, supportedLnc: info.supportedLnc }, lnc);
    if (lncWrong !== undefined) throw new UserInputError(`${spec.origin}: systems[${index}].lnc: ${lncWrong}.`);
    const counts = (s.counts ?? defaultCounts(info.chipsPerUnit, spec.maxChips)).filter((c) => c * info.chipsPerUnit <= spec.maxChips);
    let label = s.lnc !== undefined ? `${s.preset} (lnc ${lnc})` : s.preset;
    const seen = labels.get(label) ?? 0;
    labels.set(label, seen + 1);
    if (seen > 0) label = `${label} #${seen + 1}`;
    const resolved = template(s, lnc, systemRankCount(info, 1, lnc), spec.origin, index);
    const built = new Map<number, System>();
    const bases = new Map<number, CostBasis>();
    return {
      index,
      spec: s,
      preset: s.preset,
      label,
      chipsPerUnit: info.chipsPerUnit,
      ranksPerUnit: systemRankCount(info, 1, lnc),
      lnc,
      counts,
      usdPerUnitHour: (() => {
        const b = costBasis(buildSystem({ ...resolved.system, count: 1 }), resolved.economics.pricing, resolved.economics.power);
        return b.usdPerHour;
      })(),
      system(count: number): System {
        let sys = built.get(count);
        if (sys === undefined) {
          const request: SystemRequest = { ...resolved.system, count };
          sys = buildSystem(request);
          built.set(count, sys);
        }
        return sys;
      },
      costBasis(count: number): CostBasis {
        let b = bases.get(count);
        if (b === undefined) bases.set(count, (b = costBasis(this.system(count), resolved.economics.pricing, resolved.economics.power)));
        return b;
      },
    };
  });
}
