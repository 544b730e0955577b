/**
 * What both network modes share: the flow table, the lazily allocated link state, the route
 * buffer, and the FlowNetwork accessors with their argument checks. Each mode supplies how a flow
 * starts and how a link's counters are read (flow-network.ts: max-min sharing; alpha-beta.ts: every
 * flow alone). Only startFlow is on the hot path; it stays in the modes.
 */
import type { Simulator } from '../engine/index.js';
import type { Topology } from '../hardware/types.js';
import type { FlowNetwork, NetworkCounters, NetworkMode } from './types.js';
import { FlowTable } from './flow-table.js';
import { LinkState } from './link-state.js';
import { RouteBuffer } from './routing.js';
import { checkFlowId, checkLinkId } from './validate.js';

export abstract class NetworkBase implements FlowNetwork {
  abstract readonly mode: NetworkMode;
  abstract readonly activeFlowCount: number;
  protected readonly flows = new FlowTable();
  protected readonly links: LinkState;
  protected readonly router: RouteBuffer;

  constructor(
    protected readonly sim: Simulator,
    protected readonly topology: Topology,
  ) {
    this.links = new LinkState(topology);
    this.router = new RouteBuffer(topology);
  }

  abstract startFlow(src: number, dst: number, bytes: number, notifyKind: number, notifyA?: number, salt?: number): number;
  abstract counters(): NetworkCounters;

  /** Hops of the route from src to dst into this.router.links (0 when src === dst); salt defaults to the next flow id. */
  protected route(src: number, dst: number, salt: number | undefined): number {
    return src === dst ? 0 : this.router.route(src, dst, salt ?? this.flows.count);
  }

  flowStartS(flow: number): number {
    return this.flows.startOf(flow);
  }

  flowEndS(flow: number): number {
    return this.flows.endOf(flow);
  }

  flowBytes(flow: number): number {
    return this.flows.bytesOf(flow);
  }

  flowRateBytesPerSecond(flow: number): number {
    checkFlowId('flowRateBytesPerSecond', flow, this.flows.count);
    return this.rateOf(flow);
  }

  linkBytesCarried(link: number): number {
    checkLinkId('linkBytesCarried', link, this.topology.linkCount);
    return this.bytesCarriedBy(link);
  }

  linkBusyS(link: number): number {
    checkLinkId('linkBusyS', link, this.topology.linkCount);
    return this.busySOf(link);
  }

  linkLoadBytesPerSecond(link: number): number {
    checkLinkId('linkLoadBytesPerSecond', link, this.topology.linkCount);
    return this.loadOf(link);
  }

  touchedLinks(): number[] {
    return this.links.touched();
  }

  /** Current rate of a (checked) flow, bytes/s. */
  protected abstract rateOf(flow: number): number;
  /** Bytes a (checked) link has carried so far. */
  protected abstract bytesCarriedBy(link: number): number;
  /** Seconds a (checked) link has been busy so far. */
  protected abstract busySOf(link: number): number;
  /** Current load of a (checked) link, bytes/s. */
  protected abstract loadOf(link: number): number;
}
