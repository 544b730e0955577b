/**
 * trnsim: the public library API. The CLI calls only what is exported here.
 * Layers are exported as namespaces (`import { hardware, collectives } from 'trnsim'`); the
 * scenario entry points are exported by name.
 */
export * as engine from './engine/index.js';
export * as hardware from './hardware/index.js';
export * as network from './network/index.js';
export * as collectives from './collectives/index.js';
export * as units from './units.js';
export { Simulator } from './engine/index.js';
export { UserInputError, isUserInputError } from './user-input-error.js';
export { version } from './version.js';
