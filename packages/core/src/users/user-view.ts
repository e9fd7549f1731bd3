import type { Me } from '@kakera/contracts';
import type { users } from '@kakera/db';
import { levelFor } from '../ranks/level-policy.ts';
import { accountCan } from './account-policy.ts';

type UserRow = typeof users.$inferSelect;

export { toUserRef } from './user-reads.ts';

export const toMe = (u: UserRow, team: string | null): Me => ({
  id: u.id,
  name: u.name,
  email: u.email,
  role: u.role,
  team,
  points: u.points,
  level: levelFor(u.points),
  locale: (u.locale as Me['locale']) ?? null,
  suspended: u.suspendedAt !== null,
  can: accountCan({ role: u.role, suspended: u.suspendedAt !== null }),
});
