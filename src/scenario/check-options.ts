/** Runtime checks of the scenario layer's library options (check-options.ts at the root has the rules). */
import { checkOptions, type OptionRule } from '../check-options.js';

const LOAD_RULES: Record<string, OptionRule> = {
  origin: 'string',
  baseDir: 'string',
  allowedRoots: 'list of strings',
  maxBytes: 'positive integer',
};

const RUN_RULES: Record<string, OptionRule> = {
  ...LOAD_RULES,
  seed: 'non-negative integer',
  name: 'string',
  omitMeta: 'boolean',
  onStepGraph: 'function',
  exact: 'boolean',
  maxEvents: 'positive number',
  maxMemoryBytes: 'positive number',
  onProgress: 'function',
  onWarning: 'function',
};

/** loadScenario's options (other fields pass: runScenario hands its whole options object down). */
export function checkLoadOptions(options: unknown): void {
  checkOptions('loadScenario', options, LOAD_RULES, false);
}

export function checkRunOptions(options: unknown): void {
  checkOptions('runScenario', options, RUN_RULES);
}
