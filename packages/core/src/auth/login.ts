import { eq } from 'drizzle-orm';
import type { LoginBody, Me } from '@kakera/contracts';
import { teams, users } from '@kakera/db';
import { AppError } from '../shared/app-error.ts';
import type { Deps } from '../shared/deps.ts';
import { toMe } from '../users/user-view.ts';
import { verifyNothing, verifyPassword } from './password.ts';
import { createSession, type SessionMeta } from './sessions.ts';

export async function login(deps: Deps, input: LoginBody, meta: SessionMeta): Promise<{ user: Me; token: string; expiresAt: Date }> {
  const email = input.email.trim().toLowerCase();
  const rows = await deps.db
    .select({ user: users, team: teams.name })
    .from(users)
    .leftJoin(teams, eq(teams.id, users.teamId))
    .where(eq(users.email, email))
    .limit(1);
  const row = rows[0];
  const ok = row?.user.passwordHash ? await verifyPassword(row.user.passwordHash, input.password) : await verifyNothing(input.password);
  if (!row || !ok) throw new AppError('invalid_credentials', 'Wrong email or password');
  const session = await createSession(deps, row.user.id, meta);
  return { user: toMe(row.user, row.team), ...session };
}
