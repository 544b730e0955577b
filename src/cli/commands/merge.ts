/**
 * `trnsim merge a.jsonl b.jsonl ... --out all.jsonl`: joins the shards of one sweep, sorted by
 * index, after checking that they belong to the same sweep (same id), are disjoint and complete.
 */
import type { Command } from 'commander';
import { mergeResults, readSortedResults, writeCsv } from '../../sweep/index.js';

interface MergeFlags {
  out: string;
  csv?: string;
  allowIncomplete?: boolean;
}

export function register(program: Command): void {
  program
    .command('merge')
    .description('join the results files of a sharded sweep into one, sorted by index, checking they are complete and disjoint')
    .argument('<files...>', 'results files written by trnsim sweep --shard i/n --out ...')
    .requiredOption('--out <file>', 'merged results file')
    .option('--csv <file>', 'also write the merged results as CSV')
    .option('--allow-incomplete', 'merge even when points are missing (still refuses overlapping or foreign shards)')
    .action(async (files: string[], flags: MergeFlags) => {
      const options = flags.allowIncomplete ? { allowIncomplete: true } : {};
      const m = await mergeResults(files, flags.out, options);
      let text = `merged ${files.length} files of sweep ${m.id}: ${m.written} of ${m.total} points (ok ${m.ok}, invalid ${m.invalid}, error ${m.error}) -> ${flags.out}`;
      if (m.missing > 0) text += `\n${m.missing} points missing`;
      if (m.error > 0) text += `\n${m.error} points are recorded as errors: re-run their shards with --resume, then merge again`;
      if (flags.csv !== undefined) {
        const rows = writeCsv((await readSortedResults([flags.out], { allowIncomplete: true })).lines, flags.csv);
        text += `\nwrote ${rows} rows to ${flags.csv}`;
      }
      process.stdout.write(`${text}\n`);
    });
}
