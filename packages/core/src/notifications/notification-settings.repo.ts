import { randomBytes } from 'node:crypto';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { NotificationKind } from '@kakera/contracts';
import { notificationSettings, type DbOrTx } from '@kakera/db';

// Queries on `notification_settings`, this module's table. No row means the
// defaults (the table's column defaults, the same as DEFAULT_SETTINGS); a row
// is made the first time someone changes a setting or is mailed (the mail's
// unsubscribe link needs its token).

export type SettingsRow = typeof notificationSettings.$inferSelect;
export type SettingsPatch = Partial<Pick<SettingsRow, 'mutedKinds' | 'emailKinds' | 'emailMode' | 'digestEmail'>>;

/** A one-click unsubscribe token: 192 random bits, unguessable, usable without signing in. */
const newToken = () => randomBytes(24).toString('base64url');

export async function findSettingsRow(db: DbOrTx, userId: number): Promise<SettingsRow | undefined> {
  const [row] = await db.select().from(notificationSettings).where(eq(notificationSettings.userId, userId)).limit(1);
  return row;
}

/** The rows of these people, made with the defaults where missing. */
export async function ensureSettingsRows(db: DbOrTx, userIds: number[], now: Date): Promise<Map<number, SettingsRow>> {
  const ids = [...new Set(userIds)];
  if (!ids.length) return new Map();
  await db
    .insert(notificationSettings)
    .values(ids.map((userId) => ({ userId, unsubscribeToken: newToken(), updatedAt: now })))
    .onConflictDoNothing();
  const rows = await db.select().from(notificationSettings).where(inArray(notificationSettings.userId, ids));
  return new Map(rows.map((r) => [r.userId, r]));
}

/** Changes some settings, making the row if there was none. */
export async function upsertSettings(db: DbOrTx, userId: number, patch: SettingsPatch, now: Date): Promise<SettingsRow> {
  const [row] = await db
    .insert(notificationSettings)
    .values({ userId, ...patch, unsubscribeToken: newToken(), updatedAt: now })
    .onConflictDoUpdate({ target: notificationSettings.userId, set: { ...patch, updatedAt: now } })
    .returning();
  return row!;
}

/** Turns one list off for the holder of a token; answers whose it was (undefined: no such token). */
export async function unsubscribeByToken(
  db: DbOrTx,
  token: string,
  list: 'digest' | 'notifications',
  now: Date,
): Promise<number | undefined> {
  const [row] = await db
    .update(notificationSettings)
    .set({ ...(list === 'digest' ? { digestEmail: false } : { emailMode: 'off' }), updatedAt: now })
    .where(eq(notificationSettings.unsubscribeToken, token))
    .returning({ userId: notificationSettings.userId });
  return row?.userId;
}

/** Those among `userIds` who muted `kind`. */
export async function findMutedAmong(db: DbOrTx, userIds: number[], kind: NotificationKind): Promise<Set<number>> {
  if (!userIds.length) return new Set();
  const rows = await db
    .select({ userId: notificationSettings.userId })
    .from(notificationSettings)
    .where(and(inArray(notificationSettings.userId, userIds), sql`${kind} = any(${notificationSettings.mutedKinds})`));
  return new Set(rows.map((r) => r.userId));
}
