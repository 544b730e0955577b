/**
 * `trnsim merge a.jsonl b.jsonl ... --out all.jsonl`: joins the shards of one sweep, sorted by
 * index, after checking that they belong to the same sweep (same id), are disjoint and complete.
 * An existing --out is replaced only with --force, and never when it is one of the inputs.
 */
import type { Command } from 'commander';
import { checkOutputPaths } from '../../report/index.js';
import { mergeResults, readSortedResults, writeCsv } from '../../sweep/index.js';

interface MergeFlags {
  out: string;
  csv?: string;
  allowIncomplete?: boolean;
  force?: boolean;
}

export function register(program: Command): void {
  program
    .command('merge')
    .description('join the results files of a sharded sweep into one, sorted by index, checking they are complete and disjoint')
    .argument('<files...>', 'results files written by trnsim sweep --shard i/n --out ...')
    .requiredOption('--out <file>', 'merged results file (required; an existing file is replaced only with --force)')
    .option('--csv <file>', 'also write the merged results as CSV')
    .option('--allow-incomplete', 'merge even when points are missing (still refuses overlapping or foreign shards)')
    .option('--force', 'replace an existing --out file (never one of the inputs)')
    .action(async (files: string[], flags: MergeFlags) => {
      checkOutputPaths([['--out', flags.out], ['--csv', flags.csv]], { inputs: files });
      const m = await mergeResults(files, flags.out, { ...(flags.allowIncomplete ? { allowIncomplete: true } : {}), ...(flags.force ? { force: true } : {}) });
      let text = `merged ${files.length} file${files.length === 1 ? '' : 's'} of sweep ${m.id}: ${m.written} of ${m.total} points (ok ${m.ok}, invalid ${m.invalid}, error ${m.error}) -> ${flags.out}`;
      if (m.missing > 0) text += `\n${m.missing} point${m.missing === 1 ? '' : 's'} missing`;
      if (m.error > 0) text += `\n${m.error} point${m.error === 1 ? ' is' : 's are'} recorded as errors: re-run their shards with --resume, then merge again`;
      if (flags.csv !== undefined) {
        const rows = writeCsv((await readSortedResults([flags.out], { allowIncomplete: true })).lines, flags.csv);
        text += `\nwrote ${rows} row${rows === 1 ? '' : 's'} to ${flags.csv}`;
      }
      process.stdout.write(`${text}\n`);
    });
}
