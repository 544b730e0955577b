/** `--calibration <file>` of run, collective and sweep: the constants of a `trnsim calibrate` file, for this command. */
import { readCalibrationFile } from '../scenario/index.js';
import { applyConstants } from '../workload/fitted-constants.js';

export const CALIBRATION_FLAG_HELP = 'constants fitted by `trnsim calibrate --out` (a calibration.json) to run with';

/** Reads the file and applies its constants for the rest of the process (a CLI command is one run). */
export function applyCalibrationFlag(path: string | undefined): Record<string, number> | undefined {
  if (path === undefined) return undefined;
  const constants = readCalibrationFile(path);
  applyConstants(constants);
  return constants;
}
