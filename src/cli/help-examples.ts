/**
 * One example line at the end of each command's --help (commander's addHelpText('after')). A
 * command without an entry gets none; test/cli checks that every registered command has one.
 */
export const HELP_EXAMPLES: Readonly<Record<string, string>> = {
  trnsim: 'trnsim run llama-3.1-8b-trn2-48xl',
  hardware: 'trnsim hardware trn2-ultraserver --count 4',
  collective: 'trnsim collective --op all-reduce --system trn2.48xlarge --ranks 64',
  validate: 'trnsim validate --kind collective',
  run: 'trnsim run llama-3.1-8b-trn2-48xl --report report.html',
  schema: 'trnsim schema --out trnsim.schema.json',
  sweep: 'trnsim sweep sweep-llama-3.1-8b-parallelism --out tp.jsonl --csv tp.csv',
  merge: 'trnsim merge shard-0.jsonl shard-1.jsonl --out results.jsonl',
  compare: 'trnsim compare compare-llama-2-7b-trn1 compare-llama-2-7b-trn2',
  plan: 'trnsim plan docs/examples/plan-llama-3.1-70b.yaml --report plan.html',
  calibrate: 'trnsim calibrate my-measurements.yaml --out calibration.json',
};

export function exampleLine(command: string): string | undefined {
  const e = HELP_EXAMPLES[command];
  return e === undefined ? undefined : `\nExample: ${e}`;
}
