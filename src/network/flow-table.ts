/**
 * Per-flow records (struct of typed arrays, grown by doubling): start and end times, size, the
 * engine notification, and (flow mode) the class and the byte target of the flow within it.
 * Flow ids are dense and never reused, so flowStartS / flowEndS stay answerable after completion.
 */
import { grownSize } from './max-min.js';
import { checkFlowId } from './validate.js';

export class FlowTable {
  count = 0;
  startS = new Float64Array(256);
  endS = new Float64Array(256);
  bytes = new Float64Array(256);
  /** Flow mode: class-virtual bytes at which the flow has sent everything. */
  target = new Float64Array(256);
  notifyA = new Float64Array(256);
  notifyKind = new Int32Array(256);
  cls = new Int32Array(256);

  /** FlowNetwork.flowStartS: start time of a flow (checked id). */
  startOf(flow: number): number {
    checkFlowId('flowStartS', flow, this.count);
    return this.startS[flow]!;
  }

  /** FlowNetwork.flowEndS: end time of a flow, NaN while active (checked id). */
  endOf(flow: number): number {
    checkFlowId('flowEndS', flow, this.count);
    return this.endS[flow]!;
  }

  /** FlowNetwork.flowBytes: size of a flow (checked id). */
  bytesOf(flow: number): number {
    checkFlowId('flowBytes', flow, this.count);
    return this.bytes[flow]!;
  }

  add(nowS: number, bytes: number, notifyKind: number, notifyA: number): number {
    const f = this.count++;
    if (f === this.startS.length) this.grow(f + 1);
    this.startS[f] = nowS;
    this.endS[f] = NaN;
    this.bytes[f] = bytes;
    this.target[f] = 0;
    this.notifyA[f] = notifyA;
    this.notifyKind[f] = notifyKind;
    this.cls[f] = -1;
    return f;
  }

  private grow(min: number): void {
    const n = grownSize(this.startS.length, min);
    const f64 = (a: Float64Array) => {
      const b = new Float64Array(n);
      b.set(a);
      return b;
    };
    const i32 = (a: Int32Array) => {
      const b = new Int32Array(n);
      b.set(a);
      return b;
    };
    this.startS = f64(this.startS);
    this.endS = f64(this.endS);
    this.bytes = f64(this.bytes);
    this.target = f64(this.target);
    this.notifyA = f64(this.notifyA);
    this.notifyKind = i32(this.notifyKind);
    this.cls = i32(this.cls);
  }
}
