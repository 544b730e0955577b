/**
 * No silent wrong answers (issue 19): a serving run in which no request completes is an error, a
 * sequence past the model's context window is a warning naming the window, and library options of
 * plain-JavaScript callers are checked (runScenario, runSweep, runValidation, plan, mergeResults).
 */
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../src/scenario/run.js';
import { runSweep } from '../../src/sweep/run-sweep.js';
import { mergeResults } from '../../src/sweep/merge.js';
import { runValidation } from '../../src/validation/index.js';
import { plan } from '../../src/plan/index.js';
import { CONTEXT_WINDOWS } from '../../src/workload/context-windows.js';
import { modelPresetNames } from '../../src/workload/models.js';
import { errorOf, rejection } from '../user-errors.js';



describe('a serving run in which no request completes', () => {
  it('is an error that says why, instead of latencies of 0 s', () => {
    const e = errorOf(() => runScenario({ extends: 'inference-llama-3.3-70b-trn2-48xl', workload: { maxContextTokens: 1000 } }, { origin: 'ctx.yaml' }));
    expect(e.message).toBe(
      'ctx.yaml: workload.maxContextTokens: no request completed: all 200 were rejected because their contexts (input + output tokens, up to 2,500) are longer than maxContextTokens (1,000); raise maxContextTokens to at least 2,500 or shorten requests.inputTokens / outputTokens.',
    );
    // at 2,500 every request fits and completes
    const ok = runScenario({ extends: 'inference-llama-3.3-70b-trn2-48xl', workload: { maxContextTokens: 2500 } });
    expect(ok.kind === 'inference' && ok.requestsCompleted).toBe(200);
  });
});

describe('context windows', () => {
  it('every model preset has one, with its source; the figures the issue gives', () => {
    for (const name of modelPresetNames) {
      expect(CONTEXT_WINDOWS[name]?.tokens, name).toBeGreaterThan(0);
      expect(CONTEXT_WINDOWS[name]!.source.length, name).toBeGreaterThan(10);
    }
    expect([CONTEXT_WINDOWS['llama-3.1-8b']!.tokens, CONTEXT_WINDOWS['llama-2-7b']!.tokens, CONTEXT_WINDOWS['gpt3-175b']!.tokens, CONTEXT_WINDOWS['mixtral-8x7b']!.tokens]).toEqual([131072, 4096, 2048, 32768]);
    // the Qwen3 preset cites its config.json: max_position_embeddings 40960
    expect(CONTEXT_WINDOWS['qwen3-235b-a22b']).toMatchObject({ tokens: 40960, source: expect.stringMatching(/config\.json/) });
  });

  it('a training sequence or a serving context past the window is a warning naming it; the run goes on', () => {
    const base = { system: { preset: 'trn2.48xlarge' }, workload: { kind: 'training', model: 'llama-2-7b', sequenceLength: 8192, globalBatch: 64, parallelism: { tp: 8 } } };
    const warnings: string[] = [];
    const r = runScenario(base, { origin: 'l2.yaml', onWarning: (m) => warnings.push(m) });
    expect(r.kind === 'training' && r.stepTimeS).toBeGreaterThan(0);
    expect(warnings).toEqual([expect.stringMatching(/^l2\.yaml: workload\.sequenceLength: 8,192 tokens is longer than the context window of llama-2-7b \(4,096 tokens; Llama 2 paper .*\); the step is simulated as given/)]);
    warnings.length = 0;
    runScenario({ ...base, workload: { ...base.workload, sequenceLength: 4096 } }, { onWarning: (m) => warnings.push(m) });
    expect(warnings).toEqual([]);
    runScenario({ extends: 'inference-llama-3.3-70b-trn2-48xl', workload: { model: 'llama-2-70b', requests: { count: 20, inputTokens: 4000 } } }, { onWarning: (m) => warnings.push(m) });
    expect(warnings).toEqual([expect.stringMatching(/workload\.requests \(inputTokens \+ outputTokens\): contexts of up to 4,500 tokens are longer than the context window of llama-2-70b \(4,096 tokens/)]);
  });
});

describe('library options of plain-JavaScript callers', () => {
  it('runScenario names a wrong or unknown option', () => {
    expect(errorOf(() => runScenario('llama-3.1-8b-trn2-48xl', { seed: 'x' } as never)).message).toBe('runScenario: options.seed: expected a non-negative integer, got "x".');
    expect(errorOf(() => runScenario('llama-3.1-8b-trn2-48xl', { onProgress: 3 } as never)).message).toBe('runScenario: options.onProgress: expected a function, got 3.');
    expect(errorOf(() => runScenario('llama-3.1-8b-trn2-48xl', { maxEvent: 5 } as never)).message).toMatch(/^runScenario: options\.maxEvent: not an option of runScenario; use one of .*maxEvents/);
  });

  it('runSweep names a sink without write() and close(), and other wrong options', async () => {
    const file = 'scenarios/sweep-llama-3.1-8b-parallelism.yaml';
    expect(await rejection(runSweep(file, { workers: 0, sink: {} as never }).finished())).toBe('runSweep: options.sink: expected an object with write() and close(), got an object.');
    expect(await rejection(runSweep(file, { workers: 0, onResult: 'x' as never }).finished())).toBe('runSweep: options.onResult: expected a function, got "x".');
    expect(await rejection(runSweep(file, { workers: 0, maxEvents: 100 }).finished())).toMatch(/^scenarios\/sweep-llama-3\.1-8b-parallelism\.yaml: the sweep would take about [\d,]+ events .*above the limit of 100 events; most of it is the sweep \(9 points x about/);
  });

  it('runValidation, plan and mergeResults check theirs too', async () => {
    expect(await rejection(runValidation({ kinds: 'collective' as never }))).toBe('runValidation: options.kinds: expected a list of strings, got "collective".');
    expect(await rejection(runValidation({ kinds: ['nope'] }))).toMatch(/^validation: no case of kind "nope" \(--kind; library: kinds\) in .*; the kinds there are collective, inference, training/);
    expect(await rejection(runValidation({ dataDir: '/etc' }))).toMatch(/^validation: \/etc holds no validation cases/);
    expect(await rejection(plan({}, { workers: -1 }))).toBe('plan: options.workers: expected a non-negative integer, got -1.');
    expect(await rejection(mergeResults(['a.jsonl'], 'b.jsonl', { force: 'yes' } as never))).toBe('mergeResults: options.force: expected a boolean, got "yes".');
  });
});
