/**
 * `--objective path[:max|min]`: which output ranks the points, and a streaming top-k of the best
 * points (ties broken by the lower index, so the answer does not depend on completion order).
 */
import { getPath } from './dot-path.js';
import { SweepErrors } from './errors.js';
import type { SweepLine } from './types.js';

export interface Objective {
  readonly path: string;
  readonly direction: 'max' | 'min';
}

/** Tried in order when no objective is given: the first numeric output found is used. */
export const DEFAULT_OBJECTIVES: readonly Objective[] = [
  { path: 'tokensPerSecond', direction: 'max' },
  { path: 'outputTokensPerSecond', direction: 'max' },
  { path: 'stepTimeS', direction: 'min' },
];

export function parseObjective(text: string): Objective {
  const m = /^([A-Za-z0-9_$][\w$.-]*)(?::(max|min))?$/.exec(text.trim());
  if (!m) throw SweepErrors.badObjective(text);
  return { path: m[1]!, direction: (m[2] as 'max' | 'min' | undefined) ?? 'max' };
}

export function objectiveText(o: Objective): string {
  return `${o.path}:${o.direction}`;
}

export interface RankedPoint {
  readonly line: SweepLine;
  readonly value: number;
}

/** Keeps the k best "ok" lines by the objective, in O(k) memory. */
export class BestPoints {
  private objective: Objective | undefined;
  private readonly best: RankedPoint[] = [];
  constructor(
    objective: Objective | undefined,
    private readonly k = 5,
  ) {
    this.objective = objective;
  }

  get current(): Objective | undefined {
    return this.objective;
  }

  offer(line: SweepLine): void {
    if (line.status !== 'ok') return;
    if (this.objective === undefined) {
      this.objective = DEFAULT_OBJECTIVES.find((o) => typeof getPath(line.outputs, o.path) === 'number');
      if (this.objective === undefined) return;
    }
    const value = getPath(line.outputs, this.objective.path);
    if (typeof value !== 'number' || !Number.isFinite(value)) return;
    const better = (a: RankedPoint, b: RankedPoint): boolean =>
      a.value !== b.value ? (this.objective!.direction === 'max' ? a.value > b.value : a.value < b.value) : a.line.index < b.line.index;
    const cand = { line, value };
    if (this.best.length === this.k && !better(cand, this.best[this.k - 1]!)) return;
    let i = this.best.length;
    while (i > 0 && better(cand, this.best[i - 1]!)) i--;
    this.best.splice(i, 0, cand);
    if (this.best.length > this.k) this.best.pop();
  }

  /** Best first. */
  top(): readonly RankedPoint[] {
    return this.best.slice();
  }
}
