import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { obligations } from '@kakera/db';
import type { UserActor } from '../shared/actor.ts';
import { createTestDeps, makeCategory, makeUser, recordedEvents, type TestDeps } from '../testing/test-deps.ts';
import { createReply } from '../forum/create-reply.ts';
import { createSystemPost } from '../forum/create-system-post.ts';
import { createThread } from '../forum/create-thread.ts';
import { deletePost } from '../forum/delete-post.ts';
import { getThread } from '../forum/get-thread.ts';
import { sweepObligations } from './sweep-obligations.ts';

// The response rule as the forum's posts drive it, on a real database.
let d: TestDeps;
let fan: UserActor;
let staff: UserActor;
let exec: UserActor;
let board: { id: number };

beforeAll(async () => {
  d = await createTestDeps('2026-04-01T08:00:00Z');
  fan = await makeUser(d);
  staff = await makeUser(d, { role: 'staff', team: 'Support' });
  exec = await makeUser(d, { role: 'executive' });
  board = await makeCategory(d, { slaTargetSeconds: 90 });
});
afterAll(() => d.close());

const rows = (threadId: number) => d.db.select().from(obligations).where(eq(obligations.threadId, threadId)).orderBy(obligations.id);
const start = () => createThread(d, fan, { categoryId: board.id, title: 'My phone reboots', body: 'Twice a day', kind: 'bug' });

describe('applyPostToObligation', () => {
  it('a fan post opens one obligation (due at the target, warned at two thirds); more fan posts do not restart it', async () => {
    const thread = await start();
    d.clock.advanceSeconds(20);
    await createReply(d, fan, thread.id, 'And again');
    const [o, ...more] = await rows(thread.id);
    expect(more).toEqual([]);
    expect(o).toMatchObject({ status: 'open', targetSeconds: 90 });
    expect(o!.warnAt.getTime() - o!.openedAt.getTime()).toBe(60_000);
    expect(o!.dueAt.getTime() - o!.openedAt.getTime()).toBe(90_000);
    const opened = await recordedEvents(d, 'obligation.opened', `thread:${thread.id}`);
    expect(opened).toHaveLength(1);
    expect(opened[0]!.data).toMatchObject({ warnAt: o!.warnAt.toISOString(), dueAt: o!.dueAt.toISOString(), targetSeconds: 90 });
  });

  it('the next public staff post meets it, with responder and team; an executive counts as staff', async () => {
    const thread = await start();
    d.clock.advanceSeconds(45);
    await createReply(d, staff, thread.id, 'On it');
    expect((await rows(thread.id))[0]).toMatchObject({ status: 'met', responderId: staff.id, responderTeamId: staff.teamId });
    const other = await start();
    await createReply(d, exec, other.id, 'Looking');
    expect((await rows(other.id))[0]).toMatchObject({ status: 'met', responderId: exec.id });
  });

  it('a system message neither meets nor opens one', async () => {
    const thread = await start();
    await d.db.transaction((tx) =>
      createSystemPost(tx, d, {
        threadId: thread.id,
        author: { id: staff.id, role: 'staff', teamId: staff.teamId },
        body: 'Linked to KAK-7',
      }),
    );
    expect((await rows(thread.id)).map((o) => o.status)).toEqual(['open']);
  });

  it('a late answer before any sweep still announces the breach, once', async () => {
    const thread = await start();
    d.clock.advanceSeconds(120);
    await createReply(d, staff, thread.id, 'Sorry for the wait');
    const [o] = await rows(thread.id);
    expect(o).toMatchObject({ status: 'met' });
    expect(o!.breachedAt).not.toBeNull();
    await sweepObligations(d);
    const breaches = (await recordedEvents(d, 'obligation.breached', 'staff-queue')).filter((e) => e.data.obligationId === o!.id);
    expect(breaches).toHaveLength(1);
  });

  it('deleting the fan post that opened it cancels it (the forum asks the rule)', async () => {
    const thread = await start();
    const [o] = await rows(thread.id);
    const { posts } = await getThread(d, fan, thread.id, { page: 1, limit: 10 });
    await deletePost(d, fan, posts[0]!.id);
    expect((await rows(thread.id))[0]).toMatchObject({ id: o!.id, status: 'cancelled', closedReason: 'post_deleted' });
  });
});
