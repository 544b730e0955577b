/** Argument checks shared by both network modes (library-call errors are UserInputErrors). */
import type { Simulator } from '../engine/index.js';
import type { Topology } from '../hardware/types.js';
import { networkErrors } from './errors.js';

export function checkStartFlow(
  sim: Simulator,
  topology: Topology,
  src: number,
  dst: number,
  bytes: number,
  notifyKind: number,
  notifyA: number,
  salt: number | undefined,
): void {
  const n = topology.chipCount;
  if (!(Number.isInteger(src) && src >= 0 && src < n)) throw networkErrors.badChip('startFlow', 'src', src, n);
  if (!(Number.isInteger(dst) && dst >= 0 && dst < n)) throw networkErrors.badChip('startFlow', 'dst', dst, n);
  if (!(bytes >= 0 && bytes < Infinity)) throw networkErrors.badBytes('startFlow', bytes);
  // kind 0 is the engine's closure kind: a network notification there would run a stale closure
  if (!(Number.isInteger(notifyKind) && notifyKind >= 1) || sim.kindName(notifyKind).startsWith('unknown(')) {
    throw networkErrors.badKind('startFlow', notifyKind);
  }
  if (!Number.isFinite(notifyA)) throw networkErrors.badNumber('startFlow', 'notifyA', notifyA);
  if (salt !== undefined && !Number.isFinite(salt)) throw networkErrors.badNumber('startFlow', 'salt', salt);
}

export function checkFlowId(call: string, flow: number, flowCount: number): void {
  if (!(Number.isInteger(flow) && flow >= 0 && flow < flowCount)) throw networkErrors.badFlow(call, flow, flowCount);
}

export function checkLinkId(call: string, link: number, linkCount: number): void {
  if (!(Number.isInteger(link) && link >= 0 && link < linkCount)) throw networkErrors.badLink(call, link, linkCount);
}
