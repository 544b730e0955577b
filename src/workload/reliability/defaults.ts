/**
 * Default rates and times of the long-job model. No Trainium failure rates are published: every
 * rate here is an ESTIMATE, derived from the one public large-scale record, Llama 3 pre-training
 * on 16,384 H100 GPUs (Dubey et al., "The Llama 3 Herd of Models", 2024, section 3.3.4 and
 * Table 5): 419 unexpected interruptions in a 54-day snapshot, about 78 % of them hardware; GPU
 * issues (faulty GPU 30.1 %, HBM3 17.2 %, SRAM 4.5 %, GPU system processor 4.1 %, thermal and
 * silent data corruption 1.4 % each) 58.7 %, network switch and cable 8.4 %. Software interruptions
 * (the other ~22 %) are not a default process. docs/reliability.md shows the arithmetic.
 */
import { GB } from '../../units.js';
import type { FailureComponent } from './types.js';

const HOUR_S = 3600;

/** The Llama 3 record (section 3.3.4). */
export const LLAMA3_ACCELERATORS = 16_384;
export const LLAMA3_GPUS_PER_SERVER = 8;
export const LLAMA3_SNAPSHOT_S = 54 * 24 * HOUR_S;
export const LLAMA3_UNEXPECTED_INTERRUPTIONS = 419;
/** Shares of the unexpected interruptions (Table 5). */
export const LLAMA3_HARDWARE_SHARE = 0.78;
export const LLAMA3_ACCELERATOR_SHARE = 0.587;
export const LLAMA3_NETWORK_SHARE = 0.084;
/**
 * Scale-out network links per GPU in the Llama 3 RoCE cluster (one 400 Gb/s NIC cable per GPU to
 * its top-of-rack switch and one share of an uplink): an estimate, the paper gives no link count.
 */
export const LLAMA3_LINKS_PER_ACCELERATOR = 2;

function mtbfS(interruptions: number, components: number): number {
  return (components * LLAMA3_SNAPSHOT_S) / interruptions;
}

/**
 * Default MTBF per component, seconds (estimates scaled from Llama 3 per component):
 * - chip: GPU interruptions over GPU-hours, about 86,000 h (NeuronLink faults count here, as
 *   Llama 3 counts NVLink faults as GPU faults);
 * - server: the remaining hardware share (78 - 58.7 - 8.4 = 10.9 %) over server-hours, about 58,000 h;
 * - link (an EFA link): network interruptions over LLAMA3_LINKS_PER_ACCELERATOR links per GPU, about 1.2 M h;
 * - ultraserver: none (no published basis; give one to study it).
 */
export const DEFAULT_MTBF_S: Readonly<Partial<Record<FailureComponent, number>>> = {
  chip: mtbfS(LLAMA3_UNEXPECTED_INTERRUPTIONS * LLAMA3_ACCELERATOR_SHARE, LLAMA3_ACCELERATORS),
  server: mtbfS(
    LLAMA3_UNEXPECTED_INTERRUPTIONS * (LLAMA3_HARDWARE_SHARE - LLAMA3_ACCELERATOR_SHARE - LLAMA3_NETWORK_SHARE),
    LLAMA3_ACCELERATORS / LLAMA3_GPUS_PER_SERVER,
  ),
  link: mtbfS(LLAMA3_UNEXPECTED_INTERRUPTIONS * LLAMA3_NETWORK_SHARE, LLAMA3_ACCELERATORS * LLAMA3_LINKS_PER_ACCELERATOR),
};

/**
 * Times after a failure (estimates): detection 1 min (a collective watchdog or health check),
 * restart 5 min (rescheduling, process start, collective initialisation). With them and the
 * default checkpoint bandwidth, the Llama 3 setting (one interruption every ~3 h on 16,384
 * accelerators) comes out at over 90 % goodput, as the paper reports (test/workload/reliability).
 */
export const DEFAULT_DETECTION_S = 60;
export const DEFAULT_RESTART_S = 5 * 60;
/** Replacing a failed server when no hot spare is free: 48 h (estimate: diagnosis, swap, burn-in). */
export const DEFAULT_REPAIR_S = 48 * HOUR_S;

/**
 * Storage bandwidth for checkpoint writes and reads, whole job: 1 TB/s (estimate; FSx for Lustre
 * advertises "up to terabytes per second"; Llama 3's Tectonic storage sustains 2 TB/s, section 3.3.1).
 */
export const DEFAULT_CHECKPOINT_BYTES_PER_SECOND = 1000 * GB;

/** Checkpoint interval when no failure process is given (no Young/Daly optimum): 1 h (estimate). */
export const DEFAULT_INTERVAL_WITHOUT_FAILURES_S = HOUR_S;

/** How long a chip stays a straggler (thermal throttling, a degraded HBM stack): 1 h (estimate). */
export const DEFAULT_STRAGGLER_EPISODE_S = HOUR_S;

/** Seconds in the year of an annual failure rate (365 days). */
export const YEAR_S = 365 * 24 * HOUR_S;
