import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UserActor } from '../shared/actor.ts';
import { createTestDeps, makeCategory, makeUser, recordedEvents, type TestDeps } from '../testing/test-deps.ts';
import { createReply } from './create-reply.ts';
import { createThread } from './create-thread.ts';
import { deletePost } from './delete-post.ts';
import { getThread } from './get-thread.ts';

let d: TestDeps;
let fan: UserActor;
let other: UserActor;
let staff: UserActor;
let board: { id: number };

beforeAll(async () => {
  d = await createTestDeps();
  fan = await makeUser(d);
  other = await makeUser(d);
  staff = await makeUser(d, { role: 'staff' });
  board = await makeCategory(d);
});
afterAll(() => d.close());

describe('deletePost', () => {
  it('keeps the post’s place without its words for readers, cancels the obligation it opened, and is idempotent', async () => {
    const thread = await createThread(d, fan, { categoryId: board.id, title: 'Wi-Fi drops', body: 'Every hour', kind: 'question' });
    const reply = await createReply(d, fan, thread.id, 'Still dropping');
    const opening = (await getThread(d, fan, thread.id, { page: 1, limit: 50 })).posts[0]!;
    const deleted = await deletePost(d, fan, opening.id);
    expect(deleted).toMatchObject({ deleted: true, position: 1, can: { edit: false, delete: false } });
    const asOther = await getThread(d, other, thread.id, { page: 1, limit: 50 });
    expect(asOther.posts.map((p) => [p.position, p.body])).toEqual([
      [1, ''],
      [2, 'Still dropping'],
    ]);
    expect(asOther.thread.obligation?.state).toBe('cancelled');
    expect((await getThread(d, staff, thread.id, { page: 1, limit: 50 })).posts[0]!.body).toBe('Every hour');
    const closed = await recordedEvents(d, 'obligation.closed', `thread:${thread.id}`);
    expect(closed.map((e) => e.data.state)).toEqual(['cancelled']);
    await expect(deletePost(d, fan, opening.id)).resolves.toMatchObject({ deleted: true });
    expect(await recordedEvents(d, 'obligation.closed', `thread:${thread.id}`)).toHaveLength(1);
    expect(reply.position).toBe(2);
  });

  it('lets staff delete anyone’s post but not other fans', async () => {
    const thread = await createThread(d, fan, { categoryId: board.id, title: 'Screen flicker', body: 'At 60 Hz', kind: 'bug' });
    const post = await createReply(d, fan, thread.id, 'Video attached');
    await expect(deletePost(d, other, post.id)).rejects.toMatchObject({ code: 'forbidden' });
    await expect(deletePost(d, staff, post.id)).resolves.toMatchObject({ deleted: true });
  });
});
