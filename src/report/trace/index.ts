/** Perfetto / Chrome traces of a simulated step (issue 14). */
export { stepTrace, STREAM_NAMES } from './step-trace.js';
export type { StepTraceInput, TraceEvent, TraceFile } from './step-trace.js';
export { validateTrace } from './validate-trace.js';
export { MAX_LINK_TRACKS } from './link-tracks.js';
