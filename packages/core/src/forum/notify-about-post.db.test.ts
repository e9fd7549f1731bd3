import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { notifications } from '@kakera/db';
import type { UserActor } from '../shared/actor.ts';
import { createTestDeps, makeCategory, makeUser, recordedEvents, type TestDeps } from '../testing/test-deps.ts';
import { setAcceptedAnswer } from './accept-answer.ts';
import { createReply } from './create-reply.ts';
import { createThread } from './create-thread.ts';
import { hideThread } from './hide-thread.ts';

let d: TestDeps;
let asker: UserActor;
let helper: UserActor;
let staff: UserActor;
let board: { id: number };

beforeAll(async () => {
  d = await createTestDeps();
  asker = await makeUser(d, { name: 'Asker' });
  helper = await makeUser(d, { name: 'helper' });
  staff = await makeUser(d, { role: 'staff', name: 'Staffer' });
  board = await makeCategory(d);
});
afterAll(() => d.close());

// What a person heard about posts (levels and badges they reach meanwhile are other tests').
const inbox = async (u: UserActor) =>
  (await d.db.select().from(notifications).where(eq(notifications.userId, u.id)).orderBy(notifications.id))
    .map((n) => n.kind)
    .filter((k) => !k.startsWith('rank.'));

describe('notifications about posts', () => {
  it('tells the thread’s author of a reply, of a staff answer as such, of an accepted answer; never the writer; once each', async () => {
    const before = { asker: (await inbox(asker)).length, helper: (await inbox(helper)).length };
    const thread = await createThread(d, asker, { categoryId: board.id, title: 'Router keeps rebooting', body: 'Help', kind: 'question' });
    const fanReply = await createReply(d, helper, thread.id, 'Same for me');
    await createReply(d, staff, thread.id, 'Firmware 1.2 fixes it');
    await createReply(d, asker, thread.id, 'Thanks!');
    expect((await inbox(asker)).slice(before.asker)).toEqual(['thread.replied', 'thread.staff_answered']);
    await setAcceptedAnswer(d, asker, thread.id, fanReply.id);
    await setAcceptedAnswer(d, asker, thread.id, fanReply.id);
    expect((await inbox(helper)).slice(before.helper)).toEqual(['answer.accepted']);
    // Live, to that person only.
    const live = (await recordedEvents(d, 'notification.created')).filter(
      (e) => e.topic === `user:${helper.id}` && (e.data.notification as { kind: string }).kind === 'answer.accepted',
    );
    expect(live).toHaveLength(1);
  });

  it('tells whoever a post @mentions, by link or by a one-word name', async () => {
    const before = (await inbox(staff)).length;
    const thread = await createThread(d, asker, {
      categoryId: board.id,
      title: 'Who knows NFC?',
      body: 'Asking [@Staffer](/u/' + staff.id + ')',
      kind: 'question',
    });
    await createReply(d, helper, thread.id, '@staffer probably knows');
    expect((await inbox(staff)).slice(before)).toEqual(['mention', 'mention']);
  });

  it('tells nobody about posts in a hidden thread', async () => {
    const thread = await createThread(d, asker, { categoryId: board.id, title: 'Spammy', body: 'x', kind: 'discussion' });
    await hideThread(d, staff, thread.id, { reason: 'spam' });
    const before = (await inbox(asker)).length;
    await createReply(d, staff, thread.id, 'Internal talk');
    expect((await inbox(asker)).length).toBe(before);
  });
});
