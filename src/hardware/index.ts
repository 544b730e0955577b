/** Public surface of the hardware layer. */
export type { ChipSpec, Datatype, LinkInfo, LinkKind, SourceKind, System, Topology } from './types.js';
