/**
 * How long a whole run lasts, from the scenario's `job:` (issue 13 names its fields: `duration`,
 * `steps`, `tokens`) or from a long-job simulation's wall time (`reliability.jobWallS`), which
 * wins when present because it includes failures, restarts and checkpoints.
 */
import type { RunLength } from './types.js';

export interface JobSpec {
  readonly durationS?: number;
  readonly steps?: number;
  readonly tokens?: number;
}

/**
 * Training: `tokensPerStep` and `stepTimeS` of the simulated step; a long job's wall time and the
 * steps it completed (failures and restarts included) when it was simulated.
 */
export function trainingRunLength(job: JobSpec | undefined, stepTimeS: number, tokensPerStep: number, jobWallS?: number, stepsCompleted?: number): RunLength | undefined {
  const tokensPerSecond = stepTimeS > 0 ? tokensPerStep / stepTimeS : 0;
  const planned = job?.tokens ?? (job?.steps !== undefined ? job.steps * tokensPerStep : job?.durationS !== undefined ? job.durationS * tokensPerSecond : undefined);
  if (jobWallS !== undefined) {
    const tokens = stepsCompleted !== undefined ? stepsCompleted * tokensPerStep : planned;
    return { wallS: jobWallS, from: 'reliability.jobWallS', ...(tokens !== undefined ? { tokens } : {}) };
  }
  const tokens = planned;
  if (!job) return undefined;
  if (job.durationS !== undefined) return { wallS: job.durationS, from: 'job.duration', tokens: tokens! };
  if (job.steps !== undefined) return { wallS: job.steps * stepTimeS, from: 'job.steps', tokens: tokens! };
  if (job.tokens !== undefined) return { wallS: tokensPerSecond > 0 ? job.tokens / tokensPerSecond : 0, from: 'job.tokens', tokens: job.tokens };
  return undefined;
}

/** Inference: a token budget of generated tokens at the simulated rate, or a duration. */
export function inferenceRunLength(job: JobSpec | undefined, outputTokensPerSecond: number): RunLength | undefined {
  if (!job) return undefined;
  if (job.durationS !== undefined) return { wallS: job.durationS, from: 'job.duration', tokens: job.durationS * outputTokensPerSecond };
  if (job.tokens !== undefined) return { wallS: outputTokensPerSecond > 0 ? job.tokens / outputTokensPerSecond : 0, from: 'job.tokens', tokens: job.tokens };
  return undefined;
}
