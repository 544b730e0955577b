/** trnsim/engine: the bare discrete-event core, usable without the Trainium models. */
export { Simulator } from './simulator.js';
export type { EventHandler, EventHook, RunOptions, RunOptionsInput, RunResult, SimulatorOptions } from './simulator.js';
export { HeapEventQueue, BinaryEventQueue, QuaternaryEventQueue } from './heap-queue.js';
export type { QueueArity } from './heap-queue.js';
export { LadderEventQueue } from './ladder-queue.js';
export { PendingEventQueue, QUEUE_KINDS } from './pending-queue.js';
export type { QueueKind } from './pending-queue.js';
export { createEventQueue } from './create-queue.js';
export { RngStreams, deriveSeed, streamKey } from './rng.js';
export type { RandomStream } from './rng.js';
export { withWorkMeter, activeWorkMeter } from './work-meter.js';
export type { WorkMeter } from './work-meter.js';
