/**
 * The command table. Each entry registers one subcommand; add new commands here.
 */
import type { Command } from 'commander';
import { register as hardware } from './hardware.js';
import { register as collective } from './collective.js';
import { register as validate } from './validate.js';
import { register as run } from './run.js';
import { register as schema } from './schema.js';
import { register as sweep } from './sweep.js';
import { register as merge } from './merge.js';
import { register as calibrate } from './calibrate.js';
import { register as compare } from './compare.js';
import { register as plan } from './plan.js';

export const commands: Array<(program: Command) => void> = [hardware, collective, validate, run, schema, sweep, merge, compare, plan, calibrate];
