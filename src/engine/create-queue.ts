/** Picks a pending-event set by kind (the Simulator's `queue` option). */
import { BinaryEventQueue, QuaternaryEventQueue, type QueueArity } from './heap-queue.js';
import { LadderEventQueue } from './ladder-queue.js';
import type { PendingEventQueue, QueueKind } from './pending-queue.js';

/**
 * A pending-event set: 'ladder' (the default), 'binary-heap' or '4-ary-heap'; the heap arities
 * 2 and 4 are accepted as the heap kinds. The caller validates `kind`.
 */
export function createEventQueue(kind: QueueKind | QueueArity = 'ladder', initialCapacity = 1024): PendingEventQueue {
  if (kind === 'binary-heap' || kind === 2) return new BinaryEventQueue(initialCapacity);
  if (kind === '4-ary-heap' || kind === 4) return new QuaternaryEventQueue(initialCapacity);
  return new LadderEventQueue(initialCapacity);
}
