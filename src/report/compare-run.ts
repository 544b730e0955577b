/**
 * Runs the scenarios of a comparison one after another (each is one process-local run; a sweep is
 * the tool for many points). A scenario whose price or power is missing still gives its other
 * figures; the missing ones are collected so the caller reports them after printing the rest.
 */
import { missingFiguresError, runScenarioDetailed, type DetailedRun, type RunOptions } from '../scenario/index.js';
import type { UserInputError } from '../user-input-error.js';
import type { CompareEntry } from './compare.js';
import { withUncertainty } from './uncertainty-query.js';

export interface ComparedScenario extends CompareEntry {
  readonly run: DetailedRun;
}

export interface Comparison {
  readonly entries: readonly ComparedScenario[];
  /** One error per scenario with missing price or power figures. */
  readonly problems: readonly UserInputError[];
}

/** "16 x trn2.48xlarge" */
export function systemDescription(run: DetailedRun): string {
  return `${run.system.count} x ${run.system.preset}`;
}

export function compareScenarios(files: readonly string[], options: Omit<RunOptions, 'name' | 'onStepGraph'> = {}): Comparison {
  const entries: ComparedScenario[] = [];
  const problems: UserInputError[] = [];
  for (const file of files) {
    const run = runScenarioDetailed(file, options);
    if (run.economics.missing.length > 0) problems.push(missingFiguresError(file, run.economics.missing, run.result));
    // each result carries the error band of its nearest validated class (docs/validation.md "Error bands")
    const result = withUncertainty(run);
    entries.push({ result, system: systemDescription(run), chips: run.system.chipCount, file, run });
  }
  return { entries, problems };
}
