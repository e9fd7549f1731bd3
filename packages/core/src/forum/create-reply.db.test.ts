import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../shared/app-error.ts';
import { createTestDeps, makeCategory, makeUser, recordedEvents, type TestDeps } from '../testing/test-deps.ts';
import type { UserActor } from '../shared/actor.ts';
import { createReply } from './create-reply.ts';
import { createThread } from './create-thread.ts';
import { getThread } from './get-thread.ts';
import { hideThread } from './hide-thread.ts';
import { updateThread } from './threads.repo.ts';

let d: TestDeps;
let fan: UserActor;
let other: UserActor;
let staff: UserActor;
let board: { id: number };

beforeAll(async () => {
  d = await createTestDeps();
  fan = await makeUser(d);
  other = await makeUser(d);
  staff = await makeUser(d, { role: 'staff', team: 'Support' });
  board = await makeCategory(d, { slaTargetSeconds: 600 });
});
afterAll(() => d.close());

const newThread = (kind: 'question' | 'discussion' = 'question') =>
  createThread(d, fan, { categoryId: board.id, title: 'The battery drains overnight', body: 'Since the update.', kind });

describe('createReply', () => {
  it('numbers replies after the opening post and counts them; a staff reply meets the open obligation', async () => {
    const thread = await newThread();
    expect(thread.obligation).toMatchObject({ state: 'open', targetSeconds: 600 });
    d.clock.advanceSeconds(30);
    const fanReply = await createReply(d, other, thread.id, 'Same here');
    d.clock.advanceSeconds(30);
    const staffReply = await createReply(d, staff, thread.id, 'Fixed in 2.1');
    expect([fanReply.position, staffReply.position]).toEqual([2, 3]);
    const view = await getThread(d, fan, thread.id, { page: 1, limit: 50 });
    expect(view.thread.replyCount).toBe(2);
    expect(view.thread.obligation).toMatchObject({ state: 'met', respondedAt: d.clock.now().toISOString() });
    // The author may now answer "did this solve your problem?"; others may not.
    expect(view.thread.can.answerResolution).toBe(true);
    expect((await getThread(d, other, thread.id, { page: 1, limit: 50 })).thread.can.answerResolution).toBe(false);
  });

  it('says what the replier may do with the new post', async () => {
    const thread = await newThread();
    const mine = await createReply(d, other, thread.id, 'Try safe mode');
    expect(mine.can).toEqual({ edit: true, delete: true, like: false, accept: false, viewRevisions: true, flag: false, hide: false });
    const asAuthor = (await getThread(d, fan, thread.id, { page: 1, limit: 50 })).posts[1]!;
    expect(asAuthor.can).toEqual({ edit: false, delete: false, like: true, accept: true, viewRevisions: true, flag: true, hide: false });
  });

  it('refuses fans in a locked thread, not staff', async () => {
    const thread = await newThread();
    await d.db.transaction((tx) => updateThread(tx, thread.id, { locked: true }));
    await expect(createReply(d, other, thread.id, 'Let me in')).rejects.toMatchObject({ code: 'thread_locked' });
    await expect(createReply(d, staff, thread.id, 'Staff can still answer')).resolves.toMatchObject({ position: 2 });
  });

  it('sends the new post to everyone, worded for nobody; in a hidden thread to staff only', async () => {
    const open = await newThread();
    await createReply(d, staff, open.id, 'Public answer');
    const hidden = await newThread();
    await hideThread(d, staff, hidden.id, { reason: 'spam' });
    await createReply(d, staff, hidden.id, 'Staff-only talk');
    const sent = await recordedEvents(d, 'post.created');
    const publicOne = sent.find((e) => e.topic === `thread:${open.id}`)!;
    expect(publicOne.staffOnly).toBe(false);
    expect(publicOne.data).toMatchObject({ threadCan: { reply: false, moderate: false }, thread: { id: open.id, staffReplied: true } });
    expect(sent.find((e) => e.topic === `thread:${hidden.id}`)!.staffOnly).toBe(true);
  });

  it('is refused to guests, suspended users and in threads readers cannot see', async () => {
    const thread = await newThread();
    const suspended = await makeUser(d, { suspended: true });
    await expect(createReply(d, { kind: 'guest' }, thread.id, 'hi')).rejects.toMatchObject({ code: 'unauthenticated' });
    await expect(createReply(d, suspended, thread.id, 'hi')).rejects.toMatchObject({ code: 'suspended' });
    await hideThread(d, staff, thread.id, { reason: 'spam' });
    await expect(createReply(d, other, thread.id, 'hi')).rejects.toBeInstanceOf(AppError);
    await expect(createReply(d, other, thread.id, 'hi')).rejects.toMatchObject({ code: 'not_found' });
  });
});
