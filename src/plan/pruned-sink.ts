/** Hears the candidates the closed forms prune: ids first .. first + n - 1, why, and the degrees known there. */
import type { JsonObject } from '../sweep/types.js';

export type PrunedSink = (firstId: number, n: number, reason: string, where: JsonObject) => void;
