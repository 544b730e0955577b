/** The small training plan several plan tests search: 128 candidates, seconds in-process. */
export const SMALL_TRAINING_PLAN = {
  name: 'small',
  model: 'llama-3.1-8b',
  systems: [{ preset: 'trn2.48xlarge', counts: [1, 2] }, { preset: 'h100-8x', counts: [1, 2] }],
  train: {
    tokens: 2e10,
    sequenceLength: 4096,
    globalBatch: 64,
    deadline: '4 d',
    search: { tp: [4, 8], pp: [1, 2], microBatch: [1, 2], zero: [1, 3], recompute: ['selective', 'full'] },
  },
};
