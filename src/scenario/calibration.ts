/**
 * Calibration files (`trnsim calibrate --out calibration.json`) and the scenario field
 * `calibration:` that applies one: { "trnsimCalibration": 1, "constants": { name: value } } plus
 * free provenance fields. The constants are the fitted ones of src/workload/fitted-constants.ts;
 * unknown names or out-of-range values are a UserInputError naming the file.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { checkConstants } from '../workload/fitted-constants.js';
import { UserInputError } from '../user-input-error.js';

export const CALIBRATION_FORMAT_VERSION = 1;

export interface CalibrationFile {
  readonly trnsimCalibration: number;
  readonly constants: Readonly<Record<string, number>>;
  readonly [provenance: string]: unknown;
}

/** The constants of a parsed calibration document (or of an inline { constants } object). */
export function calibrationConstants(doc: unknown, where: string): Record<string, number> {
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) throw new UserInputError(`${where}: expected a calibration object { "trnsimCalibration": 1, "constants": { ... } }, as \`trnsim calibrate --out\` writes; give the file calibrate wrote.`);
  const d = doc as Record<string, unknown>;
  if (d.trnsimCalibration !== undefined && d.trnsimCalibration !== CALIBRATION_FORMAT_VERSION) {
    throw new UserInputError(`${where}: trnsimCalibration ${JSON.stringify(d.trnsimCalibration)} is not a supported version; expected ${CALIBRATION_FORMAT_VERSION} (re-run trnsim calibrate).`);
  }
  const c = d.constants;
  if (c === null || typeof c !== 'object' || Array.isArray(c)) throw new UserInputError(`${where}: "constants" must be an object of { name: value }, as \`trnsim calibrate --out\` writes; give the file calibrate wrote.`);
  return checkConstants(c as Record<string, unknown>, where);
}

/** Reads a calibration file; `base` resolves a relative path (a scenario's directory). */
export function readCalibrationFile(path: string, base?: string): Record<string, number> {
  const full = isAbsolute(path) || base === undefined ? resolve(path) : resolve(base, path);
  if (!existsSync(full)) throw new UserInputError(`calibration: file ${path} does not exist; give the file \`trnsim calibrate --out\` wrote.`);
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(full, 'utf8'));
  } catch (e) {
    throw new UserInputError(`calibration: ${path} is not valid JSON (${(e as Error).message}); give the file \`trnsim calibrate --out\` wrote.`);
  }
  return calibrationConstants(doc, `calibration ${path}`);
}

/** The scenario field `calibration:` (a file path relative to the scenario, or an inline object) as constants. */
export function scenarioCalibration(value: unknown, origin: string): Record<string, number> | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string') return readCalibrationFile(value, origin === 'scenario' ? undefined : dirname(origin));
  return calibrationConstants(value, `${origin}: calibration`);
}
