/**
 * A small synthetic System for workload tests that must not depend on the hardware catalogue's
 * figures: `servers` servers of `chipsPerServer` chips; chips of a server are one hop apart on a
 * NeuronLink-like link, chips of different servers two hops apart through an EFA-like link.
 */
import type { ChipSpec, LinkInfo, LinkKind, System, Topology } from '../../src/hardware/types.js';

export interface FixtureOptions {
  servers?: number;
  chipsPerServer?: number;
  ranksPerChip?: number;
  chip?: Partial<ChipSpec>;
  linkBytesPerSecond?: number;
  linkLatencyS?: number;
  efaBytesPerSecond?: number;
  efaLatencyS?: number;
}

export const TEST_CHIP: ChipSpec = {
  id: 'test-chip',
  displayName: 'TestChip',
  vendor: 'aws',
  physicalCores: 2,
  defaultLnc: 1,
  supportedLnc: [1],
  peakFlopsPerSecond: { bf16: 100e12, fp8: 200e12, fp32: 25e12 },
  hbmBytes: 64 * 2 ** 30,
  hbmBytesPerSecond: 1e12,
  chipLinkCount: 4,
  chipLinkBytesPerSecond: 400e9,
};

export function fixtureSystem(o: FixtureOptions = {}): System {
  const servers = o.servers ?? 1;
  const cps = o.chipsPerServer ?? 16;
  const rpc = o.ranksPerChip ?? 2;
  const chip: ChipSpec = { ...TEST_CHIP, ...o.chip };
  const chips = servers * cps;
  const nl = o.linkBytesPerSecond ?? 100e9;
  const nlLat = o.linkLatencyS ?? 2e-6;
  const efa = o.efaBytesPerSecond ?? 50e9;
  const efaLat = o.efaLatencyS ?? 15e-6;
  // link 0: neuronlink class, link 1: efa class (arithmetic topology: link ids by class)
  const kinds: LinkKind[] = ['neuronlink', 'efa'];
  const bw = [nl, efa];
  const lat = [nlLat, efaLat];
  const topology: Topology = {
    chipCount: chips,
    nodeCount: chips,
    linkCount: 2,
    linkBytesPerSecond: (l) => bw[l]!,
    linkLatencyS: (l) => lat[l]!,
    linkSrc: () => 0,
    linkDst: () => 0,
    linkKind: (l) => kinds[l]!,
    link: (l): LinkInfo => ({ id: l, src: 0, dst: 0, kind: kinds[l]!, bytesPerSecond: bw[l]!, latencyS: lat[l]!, name: kinds[l]! }),
    route(src, dst, out) {
      if (src === dst) return 0;
      if (Math.floor(src / cps) === Math.floor(dst / cps)) {
        out[0] = 0;
        return 1;
      }
      out[0] = 1;
      out[1] = 1;
      return 2;
    },
    hopCount: (a, b) => (a === b ? 0 : Math.floor(a / cps) === Math.floor(b / cps) ? 1 : 2),
    diameter: () => (servers > 1 ? 2 : 1),
    bisectionBytesPerSecond: () => efa * servers,
  };
  return {
    preset: 'test-server',
    count: servers,
    chip,
    chipCount: chips,
    chipsPerServer: cps,
    serverCount: servers,
    lnc: 1,
    ranksPerChip: rpc,
    rankCount: chips * rpc,
    topology,
    rankToChip: (r) => Math.floor(r / rpc),
    chipAt: () => chip,
  };
}
