import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { auditLog } from '@kakera/db';
import { createThread } from '../forum/create-thread.ts';
import { getThread } from '../forum/get-thread.ts';
import type { UserActor } from '../shared/actor.ts';
import { createTestDeps, makeCategory, makeUser, recordedEvents, type TestDeps } from '../testing/test-deps.ts';
import { dismissFlag } from './dismiss-flag.ts';
import { flagPost } from './flag-post.ts';
import { resolveFlag } from './resolve-flag.ts';

let d: TestDeps;
let author: UserActor;
let fan: UserActor;
let staff: UserActor;
let board: { id: number; slug: string };

beforeAll(async () => {
  d = await createTestDeps();
  author = await makeUser(d);
  fan = await makeUser(d);
  staff = await makeUser(d, { role: 'staff' });
  board = await makeCategory(d);
});
afterAll(() => d.close());

const opening = async (title: string) => {
  const thread = await createThread(d, author, { categoryId: board.id, title, body: 'Cheap phones at my link', kind: 'question' });
  const page = await getThread(d, staff, thread.id, { page: 1, limit: 50 });
  return { thread, postId: page.posts[0]!.id };
};

describe('resolveFlag', () => {
  it('hides the post, cancels the obligation it opened, and audits both in one transaction; staff hear of it on staff-queue', async () => {
    const { thread, postId } = await opening('Buy cheap phones');
    const flag = await flagPost(d, fan, postId, { reason: 'spam', note: '' });
    expect((await recordedEvents(d, 'flag.changed', 'staff-queue')).map((e) => e.data)).toContainEqual({
      flagId: flag.id,
      postId,
      status: 'open',
    });
    await expect(resolveFlag(d, fan, flag.id, {})).rejects.toMatchObject({ code: 'forbidden' });

    const resolved = await resolveFlag(d, staff, flag.id, {});
    expect(resolved).toMatchObject({ status: 'resolved', post: { hidden: true } });
    const after = await getThread(d, staff, thread.id, { page: 1, limit: 50 });
    expect(after.thread.obligation?.state).toBe('cancelled');
    const lines = await d.db.select().from(auditLog).where(eq(auditLog.actorId, staff.id));
    expect(lines.map((l) => [l.action, l.targetId])).toEqual(
      expect.arrayContaining([
        ['post.hidden', String(postId)],
        ['flag.resolved', String(flag.id)],
      ]),
    );
    await expect(dismissFlag(d, staff, flag.id, {})).rejects.toMatchObject({ code: 'conflict' });
  });

  it('dismissing leaves the post and its obligation as they were', async () => {
    const { thread, postId } = await opening('A real question');
    const flag = await flagPost(d, fan, postId, { reason: 'off_topic', note: '' });
    await dismissFlag(d, staff, flag.id, { reason: 'fine' });
    const after = await getThread(d, fan, thread.id, { page: 1, limit: 50 });
    expect(after.posts[0]).toMatchObject({ hidden: false });
    expect(after.thread.obligation?.state).toBe('open');
  });
});
