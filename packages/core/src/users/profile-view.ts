import type { UserProfile } from '@kakera/contracts';
import { levelFor } from '../ranks/level-policy.ts';
import { isStaffRole } from '@kakera/contracts';
import { isStaff, type Actor } from '../shared/actor.ts';
import { canSuspend } from './suspension-policy.ts';
import type { ProfileRow } from './users.repo.ts';

/** A profile as `viewer` sees it: `can` says what they may do to this person. */
export const toProfile = (r: ProfileRow, viewer: Actor): UserProfile => ({
  id: r.user.id,
  name: r.user.name,
  role: r.user.role,
  team: r.team,
  points: r.user.points,
  level: levelFor(r.user.points),
  suspended: r.user.suspendedAt !== null,
  createdAt: r.user.createdAt.toISOString(),
  threadCount: Number(r.threadCount),
  postCount: Number(r.postCount),
  // Scorecards are the statistics' (staff only), and only staff have one.
  can: { suspend: canSuspend(viewer, r.user), scorecard: isStaff(viewer) && isStaffRole(r.user.role) },
});
