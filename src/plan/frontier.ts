/**
 * Pareto frontiers of plans over objectives that are all minimised (time, cost, energy). A point
 * dominates another when it is no worse in every objective and better in at least one. An unknown
 * cost (a system without a price) counts as +Infinity: worse than any known cost.
 */

/** Objective values of a plan, all minimised. */
export type Objectives = readonly number[];

export function dominates(a: Objectives, b: Objectives): boolean {
  let strictly = false;
  for (let i = 0; i < a.length; i++) {
    if (a[i]! > b[i]!) return false;
    if (a[i]! < b[i]!) strictly = true;
  }
  return strictly;
}

/** A set of mutually non-dominated points, each with its payload. Insertion keeps it minimal. */
export class ParetoSet<T> {
  private readonly points: { readonly objectives: Objectives; readonly item: T }[] = [];

  /** Whether some point of the set dominates `o`. */
  dominated(o: Objectives): boolean {
    for (const p of this.points) if (dominates(p.objectives, o)) return true;
    return false;
  }

  /** Adds a point unless it is dominated; removes the points it dominates. Returns whether it was added. */
  add(objectives: Objectives, item: T): boolean {
    if (this.dominated(objectives)) return false;
    for (let i = this.points.length - 1; i >= 0; i--) if (dominates(objectives, this.points[i]!.objectives)) this.points.splice(i, 1);
    this.points.push({ objectives, item });
    return true;
  }

  items(): T[] {
    return this.points.map((p) => p.item);
  }

  get size(): number {
    return this.points.length;
  }
}

function equal(a: Objectives, b: Objectives): boolean {
  return a.every((v, i) => v === b[i]);
}

/**
 * The non-dominated items of a list (order kept); of items with equal objectives only the one
 * with the smallest `rank` stays (plans that differ only in a setting that changes nothing, such
 * as a decode batch larger than the load needs). O(n^2): for frontiers of hundreds.
 */
export function paretoFilter<T>(items: readonly T[], objectives: (t: T) => Objectives, rank: (t: T) => number = () => 0): T[] {
  const obj = items.map(objectives);
  const r = items.map(rank);
  return items.filter((_, i) => !obj.some((o, j) => j !== i && (dominates(o, obj[i]!) || (equal(o, obj[i]!) && r[j]! < r[i]!))));
}
