/**
 * The default collective timer: the collectives layer, in-graph issue, on the group's actual
 * placement. Until the collectives layer offers a cached in-graph timing call, falls back to the
 * closed-form ring estimate of comm.ts (documented in docs/model.md).
 */
import type { System } from '../hardware/types.js';
import type { CollectiveTimer } from './comm.js';
import { ringEstimateS } from './comm.js';

export function defaultCollectiveTimer(system: System): CollectiveTimer {
  return (req) => ringEstimateS(system, req);
}
