/** Public surface of the hardware layer. */
export type {
  Fault,
  ChipOverride,
  ChipSpec,
  Datatype,
  LinkInfo,
  LinkKind,
  SourceKind,
  System,
  SystemOverrides,
  SystemRequest,
  Topology,
} from './types.js';
export { TRAINIUM1, TRAINIUM2, TRAINIUM3, H100_SXM, CHIPS, CHIP_FIGURE_SETS, EFA_BYTES_PER_SECOND_PER_CHIP, chipById, checkLnc, lncProblem } from './chips.js';
export type { ChipFigureSet } from './chips.js';
export { NEURONLINK_HOP_LATENCY_S, SWITCH_PORT_LATENCY_S, EFA_POINT_TO_POINT_LATENCY_S, EFA_SWITCH_HOP_LATENCY_S } from './latency.js';
export { SYSTEM_PRESET_NAMES, presetByName } from './presets.js';
export type { SystemPreset } from './presets.js';
export { buildSystem, figureSetNames, MAX_CHIPS } from './build-system.js';
export { FAULT_KINDS } from './faults.js';
export type { BuiltSystem } from './build-system.js';
export { ClusterTopology } from './cluster-topology.js';
export type { EfaSpec, EfaTopologyKind } from './cluster-topology.js';
export { listSystems, systemSummary } from './summary.js';
export type { SystemListEntry, SystemSummary } from './summary.js';
export { TorusFabric } from './torus-fabric.js';
export { SwitchFabric } from './switch-fabric.js';
export type { UnitFabric } from './fabric.js';
