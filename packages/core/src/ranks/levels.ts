/** Points needed for each level, from level 1. Ranks (titles, badges) build on this. */
export const LEVEL_THRESHOLDS = [0, 10, 50, 150, 400, 1000, 2500, 6000] as const;

export function levelFor(points: number): number {
  let level = 1;
  for (let i = 0; i < LEVEL_THRESHOLDS.length; i++) if (points >= LEVEL_THRESHOLDS[i]!) level = i + 1;
  return level;
}
