import { eq } from 'drizzle-orm';
import type { Me, RegisterBody } from '@kakera/contracts';
import { users } from '@kakera/db';
import { AppError } from '../shared/app-error.ts';
import { isUniqueViolation } from '../shared/db-errors.ts';
import type { Deps } from '../shared/deps.ts';
import { toMe } from '../users/user-view.ts';
import { hashPassword } from './password.ts';
import { assertAcceptablePassword } from './password-policy.ts';
import { createSession, type SessionMeta } from './sessions.ts';

/** Creates a fan account (an admin when the address is in ADMIN_EMAILS) and signs it in. */
export async function register(deps: Deps, input: RegisterBody, meta: SessionMeta): Promise<{ user: Me; token: string; expiresAt: Date }> {
  assertAcceptablePassword(input.password);
  const email = input.email.trim().toLowerCase();
  const taken = await deps.db.select({ id: users.id }).from(users).where(eq(users.email, email)).limit(1);
  if (taken.length) throw emailTaken();
  const role = deps.config.adminEmails.includes(email) ? 'admin' : 'fan';
  const passwordHash = await hashPassword(input.password);
  let row;
  try {
    [row] = await deps.db
      .insert(users)
      .values({ email, name: input.name.trim(), passwordHash, role, createdAt: deps.clock.now() })
      .returning();
  } catch (e) {
    if (isUniqueViolation(e)) throw emailTaken();
    throw e;
  }
  const session = await createSession(deps, row!.id, meta);
  return { user: toMe(row!, null), ...session };
}

const emailTaken = () =>
  new AppError('email_taken', 'An account with this email already exists', {
    fields: [{ path: 'email', message: 'An account with this email already exists' }],
  });
