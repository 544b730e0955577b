/**
 * The `job:` and `reliability:` sections of a scenario (issue 13): what a job of weeks must do,
 * and the failures, checkpoints, restarts, spares, stragglers and link flaps it meets. Shapes,
 * ranges and units here; rules that need the system or the model (which components exist, the
 * checkpoint size, a write longer than the system MTBF) are in resolve-reliability.ts and
 * run-long-job.ts. docs/scenarios.md documents every field; docs/reliability.md the model.
 */
import { z } from 'zod';
import { got, oneOf, positiveInt, quantity, type IssueLike } from './schema-fields.js';

const exactlyOne = (fields: readonly string[], what: string) => (o: Record<string, unknown>, ctx: z.RefinementCtx) => {
  const given = fields.filter((f) => o[f] !== undefined);
  if (given.length !== 1) {
    ctx.addIssue({
      code: 'custom',
      message: given.length === 0 ? `give one of ${fields.join(', ')} (${what})` : `give only one of ${given.join(', ')} (${what})`,
      input: o,
    });
  }
};

export const jobSchema = z
  .strictObject({
    duration: quantity('seconds', 'wall-clock window the job is observed over, e.g. "28 d"', 0, true).optional(),
    steps: positiveInt('training steps the job must complete').optional(),
    tokens: positiveInt('training tokens the job must process (rounded up to whole steps)').optional(),
  })
  .superRefine(exactlyOne(['duration', 'steps', 'tokens'], 'the job is a wall-clock window or an amount of work'))
  .describe('a long job: exactly one of duration, steps, tokens');

const afrError = (iss: IssueLike) => `expected an annual failure rate in (0, 1) (the probability of failing within a year, e.g. 0.05), ${got(iss)}`;

const failureProcess = z
  .strictObject({
    component: oneOf(['chip', 'server', 'ultraserver', 'link'], 'what fails: a chip, a server (instance), an UltraServer, or an EFA link'),
    mtbf: quantity('seconds', 'mean time between failures of one component, e.g. "80000 h"', 0, true).optional(),
    afr: z.number({ error: afrError }).gt(0, { error: afrError }).lt(1, { error: afrError }).describe('annual failure rate of one component, in (0, 1)').optional(),
  })
  .superRefine(exactlyOne(['mtbf', 'afr'], 'the failure rate of one component'))
  .describe('a Poisson failure process over every component of that kind in the system');

const slowdown = z
  .number({ error: (iss) => `expected a factor >= 1, ${got(iss)}` })
  .min(1, { error: (iss) => `expected a factor >= 1, ${got(iss)}` })
  .describe('compute of a straggling chip is divided by this factor (1.5: the chip runs at 2/3 speed)');

const stragglerFraction = z
  .number({ error: (iss) => `expected a fraction in [0, 1), ${got(iss)}` })
  .min(0, { error: (iss) => `expected a fraction in [0, 1), ${got(iss)}` })
  .lt(1, { error: (iss) => `expected a fraction in [0, 1), ${got(iss)}` })
  .describe('mean fraction of chips straggling at any time');

export const reliabilitySchema = z
  .strictObject({
    failures: z
      .array(failureProcess)
      .describe('failure processes; default: chip, server and link rates scaled from Llama 3 (estimates, docs/reliability.md); [] for none')
      .optional(),
    detection: quantity('seconds', 'from a failure until the job notices it; default 1 min (estimate)').optional(),
    restart: quantity('seconds', 'job restart after a failure (reschedule, start, initialise); default 5 min (estimate)').optional(),
    repair: quantity('seconds', 'replacement of a failed server when no hot spare is free; default 48 h (estimate)').optional(),
    spares: z
      .number({ error: (iss) => `expected a non-negative integer, ${got(iss)}` })
      .int({ error: (iss) => `expected a non-negative integer, ${got(iss)}` })
      .min(0, { error: (iss) => `expected a non-negative integer, ${got(iss)}` })
      .describe('hot spare servers; default: as many as needed (every failed server is swapped at once)')
      .optional(),
    checkpoint: z
      .strictObject({
        interval: quantity('seconds', 'running time between checkpoints; default the Young/Daly optimum (1 h without failures)', 0, true).optional(),
        write: quantity('seconds', 'time a checkpoint write stops training; default bytes / bandwidth').optional(),
        restore: quantity('seconds', 'time to load a checkpoint after a restart; default bytes / readBandwidth').optional(),
        bytes: quantity('bytes', 'checkpoint size; default weights + optimizer state of the model', 0, true).optional(),
        bandwidth: quantity('bytesPerSecond', 'storage write bandwidth of the whole job; default 1 TB/s (estimate)', 0, true).optional(),
        readBandwidth: quantity('bytesPerSecond', 'storage read bandwidth of the whole job; default bandwidth', 0, true).optional(),
      })
      .describe('checkpoints: interval and cost (times, or bytes with a storage bandwidth)')
      .optional(),
    stragglers: z
      .strictObject({
        fraction: stragglerFraction,
        slowdown,
        duration: quantity('seconds', 'how long a chip stays slow; default 1 h (estimate)', 0, true).optional(),
      })
      .describe('slow chips: episodes during which one chip computes slower, and the synchronous step with it')
      .optional(),
    linkFlaps: z
      .strictObject({
        rate: quantity('perSecond', 'flaps per EFA link, e.g. "1 /year"'),
        duration: quantity('seconds', 'how long a flapping link stays down, e.g. "30 s"', 0, true),
        link: z.string().min(1).describe('the link whose loss sets the step time during a flap (docs/hardware.md ids); default the EFA NIC uplink of chip 0').optional(),
      })
      .describe('transient EFA link outages: the step runs with the link down, traffic routed around it')
      .optional(),
    replications: positiveInt('independent runs of the long job (seeds derived from the scenario seed); mean and 95 % interval of goodput').max(10_000, {
      error: (iss) => `expected at most 10000 replications, ${got(iss)}`,
    }).default(1),
  })
  .describe('reliability over time: failures, recovery, checkpoints, stragglers and link flaps of a long job');

export type JobParsed = z.output<typeof jobSchema>;
export type ReliabilityParsed = z.output<typeof reliabilitySchema>;
