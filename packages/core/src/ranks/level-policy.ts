/**
 * Levels by points (product.md, "Fan ranks"): level n from the n-th
 * threshold on. The thresholds are configuration (LEVEL_THRESHOLDS, set once
 * at start by apps/api); the titles are the web app's words (level_1 …).
 */
export const DEFAULT_LEVEL_THRESHOLDS: readonly number[] = [0, 10, 50, 150, 400, 1000, 2500, 6000];

let thresholds: readonly number[] = DEFAULT_LEVEL_THRESHOLDS;

/** Sets the thresholds (ascending, starting at 0) for this process. */
export function configureLevels(next: readonly number[]): void {
  if (!next.length || next[0] !== 0 || next.some((v, i) => i > 0 && v <= next[i - 1]!)) {
    throw new Error('Level thresholds must start at 0 and increase');
  }
  thresholds = [...next];
}

export function levelFor(points: number, within: readonly number[] = thresholds): number {
  let level = 1;
  for (let i = 0; i < within.length; i++) if (points >= within[i]!) level = i + 1;
  return level;
}

/** Points needed for the next level, or null at the top. */
export function nextLevelAt(points: number, within: readonly number[] = thresholds): number | null {
  return within.find((t) => t > points) ?? null;
}
