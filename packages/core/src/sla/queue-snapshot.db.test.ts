import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { UserActor } from '../shared/actor.ts';
import { createTestDeps, makeCategory, makeUser, type TestDeps } from '../testing/test-deps.ts';
import { createThread } from '../forum/create-thread.ts';
import { createQueueSnapshot, type QueueSnapshot } from './queue-snapshot.ts';

// The read model's refreshes on a real database: by age it keeps answering
// from the generation before while the next one loads (no request waits for
// the load), by event it never answers from before the event.
let d: TestDeps;
let fan: UserActor;
let board: { id: number };
let snap: QueueSnapshot;

beforeAll(async () => {
  d = await createTestDeps('2026-04-01T08:00:00Z');
  fan = await makeUser(d);
  board = await makeCategory(d);
  snap = createQueueSnapshot(d, { maxAgeMs: 5000 });
});
afterAll(async () => {
  snap.stop();
  await d.close();
});

const ask = (title: string) => createThread(d, fan, { categoryId: board.id, title, body: 'It reboots', kind: 'bug' });
const open = async () => (await snap.timeline(board.id)).dueAt.length;
const firstTitles = async () => (await snap.firstRows(board.id, 10)).map((r) => r.o.threadId);
/** A change no event announces (as a renamed board would be): answering an obligation straight in the database. */
const answerSilently = (threadId: number) => d.db.execute(sql`update obligations set status = 'met' where thread_id = ${threadId}`);

describe('the staff queue read model, refreshed', () => {
  it('answers from the last generation while the next one loads after maxAgeMs, then from the new one', async () => {
    const a = await ask('One');
    const b = await ask('Two');
    expect(await open()).toBe(2);
    expect(await firstTitles()).toEqual([a.id, b.id]);

    await answerSilently(a.id);
    d.clock.advance(1000);
    expect(await open()).toBe(2); // within maxAgeMs: remembered

    d.clock.advance(5000); // 6 s after it was built: a new generation loads, the old one answers meanwhile
    expect(await open()).toBe(2);
    expect(await firstTitles()).toEqual([a.id, b.id]);
    await vi.waitFor(async () => expect(await open()).toBe(1));
    await vi.waitFor(async () => expect(await firstTitles()).toEqual([b.id]));
  });

  it('waits for a fresh load when the last generation is more than twice maxAgeMs old', async () => {
    const c = await ask('Three');
    const before = await open();
    await answerSilently(c.id);
    d.clock.advance(10_001);
    expect(await open()).toBe(before - 1);
  });

  it('never answers from before an event, not even while a refresh by age loads', async () => {
    const before = await open();
    d.clock.advance(6000); // the next call starts a refresh by age...
    expect(await open()).toBe(before);
    await ask('Four'); // ...and this thread's staff-queue event throws both generations away
    expect(await open()).toBe(before + 1);
  });
});
