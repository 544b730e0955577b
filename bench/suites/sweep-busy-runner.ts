/**
 * A synthetic sweep point for the sweep benchmark: spins the CPU for `busyMs` (like a simulation
 * of that length) and returns a result shaped like a TrainingResult, so the benchmark measures the
 * sweep machinery (workers, messages, JSON lines) rather than a model.
 */
interface BusyScenario {
  readonly seed: number;
  readonly busyMs?: number;
  readonly system?: { readonly count?: number };
}

export function runPoint(scenario: BusyScenario): unknown {
  const busyMs = scenario.busyMs ?? 0;
  const end = performance.now() + busyMs;
  let x = scenario.seed >>> 0;
  while (performance.now() < end) x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
  const count = scenario.system?.count ?? 1;
  const stepTimeS = 1 / (count * 16) + (x % 1000) * 1e-9;
  return {
    kind: 'training',
    name: 'busy',
    stepTimeS,
    sequencesPerSecond: 64 / stepTimeS,
    tokensPerSecond: (64 * 8192) / stepTimeS,
    mfu: 0.4,
    breakdown: { computeS: stepTimeS * 0.8, exposedCommS: stepTimeS * 0.2, exposedCommByKindS: { tp: 0, pp: 0, dp: stepTimeS * 0.2, ep: 0, cp: 0 }, bubbleS: 0, idleS: 0 },
    memoryBytesPerChip: { weights: 1e9, gradients: 1e9, optimizer: 4e9, activations: 2e9, total: 8e9, capacity: 96 * 2 ** 30 },
    meta: { wallTimeS: busyMs / 1000, eventsSimulated: 0 },
  };
}
