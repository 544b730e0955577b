/**
 * Inputs that run but probably do not mean what the user thinks: a training sequence or an
 * inference context longer than the model's context window (workload/context-windows.ts). Each is
 * one sentence naming the field, the value and the window; runScenario passes them to onWarning
 * (the CLI prints them on stderr).
 */
import { contextWindowOf } from '../workload/context-windows.js';
import { maxTokens } from '../workload/inference/token-lengths.js';
import type { ResolvedScenario } from './resolve.js';

export function scenarioWarnings(resolved: ResolvedScenario): string[] {
  const w = resolved.workload;
  const window = contextWindowOf(w.model);
  if (window === undefined) return [];
  const tokens = window.tokens.toLocaleString('en-US');
  const out: string[] = [];
  if (w.kind === 'training') {
    if (w.sequenceLength > window.tokens) {
      out.push(`workload.sequenceLength: ${w.sequenceLength.toLocaleString('en-US')} tokens is longer than the context window of ${w.model.name} (${tokens} tokens; ${window.source}); the step is simulated as given, but use a sequence of at most ${tokens} tokens for a run the model supports`);
    }
    return out;
  }
  const longest = w.maxContextTokens ?? maxTokens(w.requests.inputTokens) + maxTokens(w.requests.outputTokens);
  if (Number.isFinite(longest) && longest > window.tokens) {
    const field = w.maxContextTokens !== undefined ? 'workload.maxContextTokens' : 'workload.requests (inputTokens + outputTokens)';
    out.push(`${field}: contexts of up to ${longest.toLocaleString('en-US')} tokens are longer than the context window of ${w.model.name} (${tokens} tokens; ${window.source}); the run is simulated as given, but keep prompt + output within ${tokens} tokens`);
  }
  return out;
}
