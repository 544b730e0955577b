/**
 * `trnsim calibrate`: fits the named constants (src/workload/fitted-constants.ts) to a user's
 * measurements, with the bundled cases unless onlyMine, and returns the calibration file and the
 * before/after error of every point (docs/validation.md "Calibrate").
 */
import { CALIBRATION_FORMAT_VERSION } from '../scenario/index.js';
import type { CalibrationFile } from '../scenario/index.js';
import { FITTED_CONSTANTS, currentConstants } from '../workload/fitted-constants.js';
import { UserInputError } from '../user-input-error.js';
import { version } from '../version.js';
import { fitConstants, simulateAll } from './fit.js';
import type { FitCase } from './fit.js';
import { validationFitCases } from './fit-cases.js';
import { loadMeasurements } from './measurements.js';
import type { MeasurementPoint } from './measurements.js';
import { medianAbs } from './run-validation.js';

/**
 * calibrate's Huber threshold on |log(simulated / measured)| (fit.ts FitOptions.robustLogError):
 * a user's size sweep often holds a point or two that no setting of the named constants reaches
 * (a size where the runtime switches to an algorithm trnsim does not model); beyond 10 % such a
 * point weighs in linearly, so it does not pull the constants off the rest of the sweep. On the
 * AR64N2 sweep (9 sizes) this takes the median after the fit from 5.4 % to 3.5 %.
 */
export const CALIBRATE_ROBUST_LOG_ERROR = 0.1;

export interface CalibratedPoint {
  readonly id: string;
  readonly mine: boolean;
  readonly published: number;
  readonly relErrorBefore: number;
  readonly relErrorAfter: number;
}

export interface CalibrationRun {
  readonly points: readonly CalibratedPoint[];
  readonly fitted: readonly string[];
  readonly constants: Record<string, number>;
  readonly medianBefore: number;
  readonly medianAfter: number;
  readonly file: CalibrationFile;
}

export interface CalibrateOptions {
  readonly onlyMine?: boolean;
  readonly onIteration?: (iteration: number, loss: number) => void;
  /** Bundled cases directory (tests). */
  readonly dataDir?: string;
}

/** Relative change of the points below which a constant counts as not moving them. */
const SENSITIVITY = 1e-4;

/** The constants the points can move (a 10 % change moves some point by more than SENSITIVITY). */
export function sensitiveConstants(points: readonly FitCase[]): string[] {
  const kinds = new Set(points.map((p) => p.kind));
  const base = simulateAll(points, {});
  const out: string[] = [];
  for (const c of FITTED_CONSTANTS) {
    if (!c.affects.some((k) => kinds.has(k))) continue;
    const v = c.get();
    const trial = simulateAll(points, { [c.name]: Math.min(c.max, Math.max(c.min, v > 0 ? v * 1.1 : c.max * 1e-3)) });
    if (trial.some((t, i) => Math.abs(t / base[i]! - 1) > SENSITIVITY)) out.push(c.name);
  }
  return out;
}

export async function calibrate(measurementsPath: string, options: CalibrateOptions = {}): Promise<CalibrationRun> {
  const mine: MeasurementPoint[] = loadMeasurements(measurementsPath);
  // a table (one nccom file or one CSV) needs at least two points to say anything about a shape
  const byTable = new Map<string, MeasurementPoint[]>();
  for (const p of mine) byTable.set(p.table, [...(byTable.get(p.table) ?? []), p]);
  for (const pts of byTable.values()) {
    if (pts.length < 2 && pts[0]!.kind === 'collective') {
      throw new UserInputError(`${pts[0]!.where}: one nccom-test row is too few points to fit a constant; give a size sweep (e.g. nccom-test -b 8 -e 1GB -f 2).`);
    }
  }
  const names = sensitiveConstants(mine);
  if (names.length === 0) {
    throw new UserInputError(`${mine[0]?.where ?? measurementsPath}: too few points to fit a constant: no fitted constant moves these measurements (docs/validation.md "Calibrate" lists which measurements constrain which constants).`);
  }
  if (options.onlyMine && mine.length < names.length) {
    throw new UserInputError(`${mine[0]!.where}: too few points to fit a constant: ${mine.length} point(s) for ${names.length} constants (${names.join(', ')}); add measurements or drop --only-mine to fit with the bundled cases.`);
  }
  const bundled = options.onlyMine ? [] : await validationFitCases(options.dataDir);
  const cases: FitCase[] = [...mine, ...bundled];
  const start = currentConstants();
  const before = simulateAll(cases, start);
  const fit = fitConstants(cases, {
    names: options.onlyMine ? names : [...new Set([...names, ...FITTED_CONSTANTS.filter((c) => !c.anchored).map((c) => c.name)])],
    start,
    prior: start,
    priorWeight: options.onlyMine ? 1e-3 : 0.01,
    maxIterations: 20,
    robustLogError: CALIBRATE_ROBUST_LOG_ERROR,
    ...(options.onIteration ? { onIteration: options.onIteration } : {}),
  });
  const mineIds = new Set(mine.map((m) => m.id));
  const points = cases.map((c, i) => ({ id: c.id, mine: mineIds.has(c.id), published: c.published, relErrorBefore: before[i]! / c.published - 1, relErrorAfter: fit.relErrors[c.id]! }));
  const constants: Record<string, number> = {};
  for (const n of fit.names) constants[n] = fit.values[n]!;
  const minePts = points.filter((p) => p.mine);
  return {
    points,
    fitted: fit.names,
    constants,
    medianBefore: medianAbs(minePts.map((p) => p.relErrorBefore)),
    medianAfter: medianAbs(minePts.map((p) => p.relErrorAfter)),
    file: {
      trnsimCalibration: CALIBRATION_FORMAT_VERSION,
      constants,
      createdBy: `trnsim calibrate ${version}`,
      measurements: measurementsPath,
      onlyMine: options.onlyMine === true,
      points: mine.length,
      medianRelErrorBefore: medianAbs(minePts.map((p) => p.relErrorBefore)),
      medianRelErrorAfter: medianAbs(minePts.map((p) => p.relErrorAfter)),
    },
  };
}
