/** Error factories of the inference workload (user-facing: UserInputError names the field and the fix). */
import { UserInputError } from '../../user-input-error.js';
import { formatBytes } from '../../units.js';

export const inferenceErrors = {
  notPositiveInteger: (field: string, value: unknown) =>
    new UserInputError(`workload.${field}: expected a positive integer, got ${String(value)}.`),
  notPositive: (field: string, value: unknown) =>
    new UserInputError(`workload.${field}: expected a positive number, got ${String(value)}.`),
  badRate: (value: unknown) =>
    new UserInputError(
      `workload.requests.arrivalRate: expected a positive rate in requests per second (e.g. "4 /s"), got ${String(value)}.`,
    ),
  bothOrNeitherLoad: (both: boolean) =>
    new UserInputError(
      both
        ? 'workload.requests: give either concurrency (closed loop) or arrivalRate (open loop, Poisson), not both.'
        : 'workload.requests: give concurrency (closed loop, e.g. 8) or arrivalRate (open loop, e.g. "4 /s").',
    ),
  badLength: (field: string, detail: string) => new UserInputError(`workload.requests.${field}: ${detail.replace(/[.\s]+$/, '')}.`),
  tooManyRanks: (tp: number, dp: number, pp: number, ranks: number, preset: string) =>
    new UserInputError(
      `workload.parallelism: tp x dp x pp = ${tp} x ${dp} x ${pp} = ${tp * dp * pp} ranks, but system ${preset} has ${ranks} ranks (logical NeuronCores); lower tp or dp, or use a larger system.`,
    ),
  pipelineNotModelled: (pp: number) =>
    new UserInputError(
      `workload.parallelism.pp: pipeline-parallel inference is not modelled (got pp = ${pp}); use pp: 1 and shard with tp, replicate with dp.`,
    ),
  modelDoesNotFit: (model: string, tp: number, needBytes: number, haveBytes: number, suggestion: string) =>
    new UserInputError(
      `workload.model: ${model} does not fit: each of the tp = ${tp} ranks needs ${formatBytes(needBytes)} of weights but has ${formatBytes(haveBytes)} of HBM after the runtime reserve; ${suggestion.replace(/[.\s]+$/, '')}.`,
    ),
  /**
   * maxBatch sequences of the longest length do not fit the KV cache of a replica. When not even one
   * does, no maxBatch helps: the sequences (`lengthField`: requests' token lengths or
   * maxContextTokens) must shrink, or the cache grow.
   */
  batchExceedsKv: (maxBatch: number, perSequenceTokens: number, capacityTokens: number, lengthField = 'workload.requests') => {
    const n = (x: number): string => x.toLocaleString('en-US');
    const fits = Math.floor(capacityTokens / perSequenceTokens);
    return new UserInputError(
      fits >= 1
        ? `workload.batching.maxBatch: ${maxBatch} sequences of up to ${n(perSequenceTokens)} tokens need ${n(maxBatch * perSequenceTokens)} KV-cache tokens, but a replica holds ${n(capacityTokens)}; use maxBatch <= ${fits}, shorter sequences, or more tp.`
        : `${lengthField}: one sequence of up to ${n(perSequenceTokens)} tokens needs more KV-cache tokens than a replica holds (${n(capacityTokens)}), so no maxBatch fits; shorten the sequences to at most ${n(capacityTokens)} tokens, or raise tp for a larger cache.`,
    );
  },
  noneCompleted: (count: number, longest: number, maxContext: number | undefined, capacityTokens: number) =>
    new UserInputError(
      maxContext !== undefined && longest > maxContext
        ? `workload.maxContextTokens: no request completed: all ${count.toLocaleString('en-US')} were rejected because their contexts (input + output tokens, up to ${longest.toLocaleString('en-US')}) are longer than maxContextTokens (${maxContext.toLocaleString('en-US')}); raise maxContextTokens to at least ${longest.toLocaleString('en-US')} or shorten requests.inputTokens / outputTokens.`
        : `workload.requests: no request completed: all ${count.toLocaleString('en-US')} were rejected because their contexts (up to ${longest.toLocaleString('en-US')} tokens) do not fit the KV cache of a replica (${capacityTokens.toLocaleString('en-US')} tokens); shorten requests.inputTokens / outputTokens, or raise tp for a larger cache.`,
    ),
  badPolicy: (value: unknown) =>
    new UserInputError(`workload.batching.policy: expected continuous or static, got ${String(value)}.`),
  speculationTokens: (value: unknown) =>
    new UserInputError(`workload.speculation.tokens: expected a positive integer number of draft tokens, got ${String(value)}.`),
  acceptanceRate: (value: unknown) =>
    new UserInputError(`workload.speculation.acceptanceRate: expected a number in [0, 1), got ${String(value)}.`),
};
