/** Error factories of the network layer: each names the call, the argument and what is valid. */
import { UserInputError } from '../user-input-error.js';

function show(v: unknown): string {
  if (typeof v === 'number') return Number.isNaN(v) ? 'NaN' : String(v);
  return JSON.stringify(v) ?? String(v);
}

export const networkErrors = {
  badChip: (call: string, arg: string, v: unknown, chipCount: number) =>
    new UserInputError(`${call}: ${arg} must be a chip index in 0..${chipCount - 1}, got ${show(v)}.`),
  badBytes: (call: string, v: unknown) =>
    new UserInputError(`${call}: bytes must be a finite number >= 0, got ${show(v)}.`),
  badKind: (call: string, v: unknown) =>
    new UserInputError(`${call}: notifyKind ${show(v)} is not a registered event kind; register it with sim.registerKind() first and pass the kind it returns.`),
  badNumber: (call: string, arg: string, v: unknown) =>
    new UserInputError(`${call}: ${arg} must be a finite number, got ${show(v)}.`),
  badFlow: (call: string, v: unknown, flowCount: number) =>
    new UserInputError(
      `${call}: unknown flow id ${show(v)}; pass an id startFlow returned (${flowCount} started so far${flowCount > 0 ? `, ids 0..${flowCount - 1}` : ''}).`,
    ),
  badLink: (call: string, v: unknown, linkCount: number) =>
    new UserInputError(`${call}: link must be a link id in 0..${linkCount - 1}, got ${show(v)}.`),
  badMode: (v: unknown) =>
    new UserInputError(`createFlowNetwork: options.mode must be 'flow' or 'alpha-beta', got ${show(v)}.`),
  partitioned: (src: number, dst: number, why: string) =>
    new UserInputError(
      `network: no route from chip ${src} to chip ${dst}: the fabric is partitioned (${why}); check the removed links in system.overrides.links and keep a path between every pair of chips.`,
    ),
  internal: (what: string) => new Error(`network: internal error (please report): ${what}`),
  badRoute: (src: number, dst: number, hops: number, detail: string) =>
    new Error(`network: topology returned an invalid route from chip ${src} to chip ${dst} (${hops} hops): ${detail}`),
};
