/** Name used in messages about one sweep point (no imports: workers load it cheaply). */
import type { PointContext } from './types.js';

export function pointOrigin(point: PointContext): string {
  return `sweep point ${point.index}`;
}
