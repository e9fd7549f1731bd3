import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UserActor } from '../shared/actor.ts';
import { createTestDeps, makeCategory, makeUser, type TestDeps } from '../testing/test-deps.ts';
import { setAcceptedAnswer } from './accept-answer.ts';
import { setResolution } from './answer-resolution.ts';
import { createReply } from './create-reply.ts';
import { createThread } from './create-thread.ts';
import { getThread } from './get-thread.ts';
import { setLike } from './like-post.ts';
import { getUserProfile } from '../users/get-user-profile.ts';

let d: TestDeps;
let fan: UserActor;
let helper: UserActor;
let staff: UserActor;
let board: { id: number };

beforeAll(async () => {
  d = await createTestDeps();
  fan = await makeUser(d);
  helper = await makeUser(d);
  staff = await makeUser(d, { role: 'staff' });
  board = await makeCategory(d);
});
afterAll(() => d.close());

const ask = () => createThread(d, fan, { categoryId: board.id, title: 'How to reset the router', body: '?', kind: 'question' });

describe('accepting an answer', () => {
  it('the author marks a reply as the answer and the thread is solved; other fans may not; staff may', async () => {
    const thread = await ask();
    const answer = await createReply(d, helper, thread.id, 'Hold the button 10 s');
    await expect(setAcceptedAnswer(d, helper, thread.id, answer.id)).rejects.toMatchObject({ code: 'forbidden' });
    expect(await setAcceptedAnswer(d, fan, thread.id, answer.id)).toMatchObject({ solved: true, acceptedPostId: answer.id });
    expect(await setAcceptedAnswer(d, staff, thread.id, null)).toMatchObject({ solved: false, acceptedPostId: null });
    const opening = (await getThread(d, fan, thread.id, { page: 1, limit: 10 })).posts[0]!;
    await expect(setAcceptedAnswer(d, fan, thread.id, opening.id)).rejects.toMatchObject({ code: 'invalid_input' });
  });
});

describe('"did this solve your problem?"', () => {
  it('is the author’s to answer, only after a staff reply', async () => {
    const thread = await ask();
    await expect(setResolution(d, fan, thread.id, true)).rejects.toMatchObject({ code: 'conflict' });
    await createReply(d, staff, thread.id, 'Hold the button');
    await expect(setResolution(d, helper, thread.id, true)).rejects.toMatchObject({ code: 'forbidden' });
    expect(await setResolution(d, fan, thread.id, true)).toMatchObject({ solved: true, resolution: 'yes' });
  });
});

describe('discussions and suggestions', () => {
  it.each(['discussion', 'suggestion'] as const)(
    'a %s has no accepted answer and no resolution prompt: both refused, both flags false',
    async (kind) => {
      const thread = await createThread(d, fan, { categoryId: board.id, title: `A ${kind} to talk over`, body: '!', kind });
      const reply = await createReply(d, staff, thread.id, 'Thanks for sharing');
      await expect(setAcceptedAnswer(d, fan, thread.id, reply.id)).rejects.toMatchObject({ code: 'not_solvable' });
      await expect(setAcceptedAnswer(d, staff, thread.id, reply.id)).rejects.toMatchObject({ code: 'not_solvable' });
      await expect(setResolution(d, fan, thread.id, true)).rejects.toMatchObject({ code: 'not_solvable' });
      // Who may not is still told so first.
      await expect(setAcceptedAnswer(d, helper, thread.id, reply.id)).rejects.toMatchObject({ code: 'forbidden' });
      await expect(setResolution(d, helper, thread.id, true)).rejects.toMatchObject({ code: 'forbidden' });
      for (const viewer of [fan, staff]) {
        const read = await getThread(d, viewer, thread.id, { page: 1, limit: 10 });
        expect(read.thread.can).toMatchObject({ acceptAnswer: false, answerResolution: false });
        expect(read.posts.map((p) => p.can.accept)).toEqual([false, false]);
        expect(read.thread).toMatchObject({ solved: false, acceptedPostId: null, resolution: null });
      }
    },
  );

  it('a bug report has both, like a question', async () => {
    const thread = await createThread(d, fan, { categoryId: board.id, title: 'The screen flickers', body: 'Since 2.1', kind: 'bug' });
    const reply = await createReply(d, staff, thread.id, 'Fixed in 2.2');
    const read = await getThread(d, fan, thread.id, { page: 1, limit: 10 });
    expect(read.thread.can).toMatchObject({ acceptAnswer: true, answerResolution: true });
    expect(read.posts[1]!.can.accept).toBe(true);
    expect(await setAcceptedAnswer(d, fan, thread.id, reply.id)).toMatchObject({ solved: true });
    expect(await setResolution(d, fan, thread.id, true)).toMatchObject({ resolution: 'yes' });
  });
});

describe('likes', () => {
  it('count once per person, earn the author points, and are taken back', async () => {
    const thread = await ask();
    const answer = await createReply(d, helper, thread.id, 'Try this');
    const before = (await getUserProfile(d, helper.id)).points;
    expect(await setLike(d, fan, answer.id, true)).toEqual({ likeCount: 1, liked: true });
    expect(await setLike(d, fan, answer.id, true)).toEqual({ likeCount: 1, liked: true });
    expect((await getUserProfile(d, helper.id)).points).toBe(before + 1);
    await expect(setLike(d, helper, answer.id, true)).rejects.toMatchObject({ code: 'forbidden' });
    expect(await setLike(d, fan, answer.id, false)).toEqual({ likeCount: 0, liked: false });
    expect((await getUserProfile(d, helper.id)).points).toBe(before);
  });
});
