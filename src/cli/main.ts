#!/usr/bin/env node
/**
 * The trnsim executable: a thin shell that parses flags and calls the library API (program.ts).
 * Each command lives in commands/<name>.ts and exports `register(program)`.
 */
import { main } from './program.js';

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
