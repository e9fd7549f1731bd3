import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { auditLog } from '@kakera/db';
import type { UserActor } from '../shared/actor.ts';
import { createTestDeps, makeCategory, makeUser, recordedEvents, type TestDeps } from '../testing/test-deps.ts';
import { createThread } from './create-thread.ts';
import { getThread } from './get-thread.ts';
import { listCategoryThreads } from './list-threads.ts';
import { hideThread, unhideThread } from './hide-thread.ts';

let d: TestDeps;
let fan: UserActor;
let staff: UserActor;
let board: { id: number; slug: string };

beforeAll(async () => {
  d = await createTestDeps();
  fan = await makeUser(d);
  staff = await makeUser(d, { role: 'staff' });
  board = await makeCategory(d);
});
afterAll(() => d.close());

describe('hideThread and unhideThread', () => {
  it('hide the thread from fans, cancel its obligation, tell its readers, and audit both', async () => {
    const thread = await createThread(d, fan, { categoryId: board.id, title: 'Buy cheap phones here', body: 'spam', kind: 'discussion' });
    await expect(hideThread(d, fan, thread.id, { reason: 'x' })).rejects.toMatchObject({ code: 'forbidden' });
    const hidden = await hideThread(d, staff, thread.id, { reason: 'spam' });
    expect(hidden.obligation?.state).toBe('cancelled');
    await expect(getThread(d, fan, thread.id, { page: 1, limit: 50 })).rejects.toMatchObject({ code: 'not_found' });
    const list = (s: UserActor) => listCategoryThreads(d, s, board.slug, { sort: 'latest', limit: 20, cursor: undefined });
    expect((await list(fan)).threads.map((t) => t.id)).not.toContain(thread.id);
    expect((await list(staff)).threads.map((t) => t.id)).toContain(thread.id);
    expect((await recordedEvents(d, 'thread.hidden')).map((e) => [e.topic, e.data.hidden])).toEqual([
      [`thread:${thread.id}`, true],
      [`category:${board.id}`, true],
    ]);
    // Hiding twice changes nothing.
    await hideThread(d, staff, thread.id, { reason: 'spam' });
    await unhideThread(d, staff, thread.id);
    expect((await getThread(d, fan, thread.id, { page: 1, limit: 50 })).thread.obligation?.state).toBe('cancelled');
    const audit = await d.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.targetId, String(thread.id)));
    expect(audit.map((a) => a.action)).toEqual(['thread.hidden', 'thread.unhidden']);
    expect(audit[0]!.data).toMatchObject({ reason: 'spam', cancelledObligations: [hidden.obligation!.id] });
  });
});
