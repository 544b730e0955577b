/**
 * Per-hop latencies of the fabrics (source ids: docs/sources.md): a few named constants, one set for every scenario. The
 * collectives layer calibrates against these; change them here (or per scenario through
 * `overrides.neuronLink.latencyS` / `overrides.efa.latencyS`), never per validation case.
 */
import { US } from '../units.js';

/**
 * One NeuronLink hop between neighbouring chips, seconds. [nsdk-intranode]: intra-node Ring/KangaRing
 * "about 1-2 us (HBM load dependent)" per hop; 1.5 us is the middle of that range (estimate).
 */
export const NEURONLINK_HOP_LATENCY_S = 1.5 * US;

/**
 * One hop through a NeuronSwitch-v1 (Trn3) or NVSwitch port, each of the up and down links, seconds.
 * Not published: an estimate at half a direct NeuronLink hop so a switched chip-to-chip path
 * (up + down) costs about one direct hop.
 */
export const SWITCH_PORT_LATENCY_S = 0.75 * US;

/**
 * HBM-to-HBM point-to-point latency between two servers over EFA, seconds. [nsdk-collectives]:
 * "15us" (ib_write_lat between trn2.48xlarge HBMs); [nsdk-internode]: "each hop is expected to add ~15 us".
 * A same-rail EFA route is NIC up + NIC down, each carrying half of it.
 */
export const EFA_POINT_TO_POINT_LATENCY_S = 15 * US;

/**
 * One switch-to-switch hop inside the EFA network (rail to spine, leaf to spine), seconds.
 * [aws-genai-infra]: UltraCluster 2.0 round trip "less than 10 microseconds" between servers, so a
 * one-way switch hop is well under 5 us; 1 us is an estimate.
 */
export const EFA_SWITCH_HOP_LATENCY_S = 1 * US;
