import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { EventData } from '@kakera/contracts';
import { createSystemPost } from '@kakera/core';
import { auditLog, obligations } from '@kakera/db';
import { buildTestApp, createCategory, createThread, createUser, reply, type TestApp, type TestUser } from './helpers.ts';
import { createAdmin, getJson, recordEvents, send, threadObligation } from './sla-helpers.ts';

// Every sentence of product.md, "The 15-minute staff-response rule", against
// the real API and database, with a moved clock. The sweeper's timer is set
// far out so that only explicit ticks sweep.

let t: TestApp;
let admin: TestUser;
let fan: TestUser;
let fan2: TestUser;
let staff: TestUser;
let staff2: TestUser;
let fast: { id: number; slug: string }; // target 60 s
let normal: { id: number; slug: string }; // default target 900 s
let events: ReturnType<typeof recordEvents>;

const tick = () => t.app.slaSweeper.tick();
const queue = async (user: TestUser = staff) => (await getJson(t, '/api/sla/queue?limit=500', user)).body;
const inQueue = async (obligationId: number) => (await queue()).obligations.find((o: { id: number }) => o.id === obligationId);

beforeAll(async () => {
  t = await buildTestApp({ SLA_SWEEP_MS: '600000' });
  admin = await createAdmin(t);
  fan = await createUser(t, { name: 'Fan One' });
  fan2 = await createUser(t, { name: 'Fan Two' });
  staff = await createUser(t, { role: 'staff', name: 'Staff One' });
  staff2 = await createUser(t, { role: 'staff', name: 'Staff Two' });
  fast = await createCategory(t, admin, { slaTargetSeconds: 60 });
  normal = await createCategory(t, admin);
  events = recordEvents(t);
});
afterAll(async () => {
  events.stop();
  await t.close();
});

describe('opening', () => {
  it('a fan post in a thread with no open obligation opens one: opened_at = post time, due_at = opened_at + the category target', async () => {
    const openedAt = t.clock.now().toISOString();
    const thread = await createThread(t, fan, normal.id);
    const o = await threadObligation(t, thread.id);
    expect(o).toMatchObject({ state: 'open', openedAt, targetSeconds: 900, respondedAt: null });
    expect(new Date(o!.dueAt).getTime() - new Date(openedAt).getTime()).toBe(900_000);
    await events.expectCount('obligation.opened', 1, o!.id);
  });

  it('further fan posts before a staff answer do not restart the clock', async () => {
    const thread = await createThread(t, fan, normal.id);
    const first = await threadObligation(t, thread.id);
    t.clock.advanceSeconds(120);
    await reply(t, fan, thread.id, 'anyone?');
    t.clock.advanceSeconds(120);
    await reply(t, fan2, thread.id, 'same here');
    const after = await threadObligation(t, thread.id);
    expect(after).toEqual({ ...first, state: 'open' });
    const rows = await t.database.db.select().from(obligations).where(eq(obligations.threadId, thread.id));
    expect(rows).toHaveLength(1);
  });

  it('a post by staff opens nothing, and the role at posting time decides (later role changes never rewrite history)', async () => {
    const staffThread = await createThread(t, staff, normal.id);
    expect(await threadObligation(t, staffThread.id)).toBeNull();

    const convert = await createUser(t, { name: 'Later Staff' });
    const thread = await createThread(t, convert, normal.id);
    const opened = await threadObligation(t, thread.id);
    expect(opened?.state).toBe('open');
    expect((await send(t, 'PATCH', `/api/users/${convert.id}`, admin, { role: 'staff' })).status).toBe(200);
    // the fan post stays a fan post: the obligation is still open
    expect((await threadObligation(t, thread.id))?.state).toBe('open');
    // demoting a staff member does not turn their earlier post into a fan post
    expect((await send(t, 'PATCH', `/api/users/${staff2.id}`, admin, { role: 'fan' })).status).toBe(200);
    expect(await threadObligation(t, staffThread.id)).toBeNull();
    expect((await send(t, 'PATCH', `/api/users/${staff2.id}`, admin, { role: 'staff' })).status).toBe(200);
  });
});

describe('meeting', () => {
  it('is met by the next public staff post: responded_at and responder are recorded, and the row leaves the queue', async () => {
    const thread = await createThread(t, fan, normal.id);
    const o = (await threadObligation(t, thread.id))!;
    expect(await inQueue(o.id)).toBeDefined();
    t.clock.advanceSeconds(300);
    const answeredAt = t.clock.now();
    const post = await reply(t, staff, thread.id, 'Thanks, looking into it');
    const [row] = await t.database.db.select().from(obligations).where(eq(obligations.id, o.id));
    expect(row).toMatchObject({ status: 'met', respondedAt: answeredAt, responderId: staff.id, responsePostId: post.id });
    expect((await threadObligation(t, thread.id))?.state).toBe('met');
    expect(await inQueue(o.id)).toBeUndefined();
    await events.expectCount('obligation.met', 1, o.id);

    // the next fan post opens a new obligation with a fresh clock
    t.clock.advanceSeconds(60);
    await reply(t, fan, thread.id, 'It still happens');
    const next = (await threadObligation(t, thread.id))!;
    expect(next.id).not.toBe(o.id);
    expect(next.openedAt).toBe(t.clock.now().toISOString());
  });

  it('executives and admins are staff here too', async () => {
    const exec = await createUser(t, { role: 'executive' });
    const a = await createThread(t, fan, normal.id);
    await reply(t, exec, a.id);
    expect((await threadObligation(t, a.id))?.state).toBe('met');
    const b = await createThread(t, fan, normal.id);
    await reply(t, admin, b.id);
    expect((await threadObligation(t, b.id))?.state).toBe('met');
  });

  it('likes, edits, accepting an answer and system messages do not meet it', async () => {
    const thread = await createThread(t, fan, normal.id, { kind: 'question' });
    const o = (await threadObligation(t, thread.id))!;
    const fanReply = await reply(t, fan2, thread.id, 'try restarting');
    const { body: detail } = await getJson(t, `/api/threads/${thread.id}`);
    const firstPostId = detail.posts[0].id as number;
    // a staff like
    expect((await send(t, 'POST', `/api/posts/${firstPostId}/like`, staff)).status).toBe(200);
    // a staff edit of the fan's post
    expect((await send(t, 'PATCH', `/api/posts/${firstPostId}`, staff, { body: 'edited by staff' })).status).toBe(200);
    // a status change by staff: marking a fan's reply as the answer
    expect((await send(t, 'POST', `/api/threads/${thread.id}/accept`, staff, { postId: fanReply.id })).status).toBe(200);
    // a system message (as status changes and promotions post them)
    await t.database.db.transaction((tx) =>
      createSystemPost(tx, t.app.deps, {
        threadId: thread.id,
        author: { id: staff.id, role: 'staff', teamId: null },
        body: 'Linked to KAK-1',
      }),
    );
    const after = (await threadObligation(t, thread.id))!;
    expect(after).toMatchObject({ id: o.id, state: 'open', respondedAt: null });
  });
});

describe('no response needed', () => {
  it('staff close an obligation with a reason; it is counted apart, not as met; audited; only once', async () => {
    const thread = await createThread(t, fan, fast.id, { title: 'Thanks everyone!' });
    const o = (await threadObligation(t, thread.id))!;
    expect((await send(t, 'POST', `/api/sla/obligations/${o.id}/close`, fan, { reason: 'thanks' })).status).toBe(403);
    expect((await send(t, 'POST', `/api/sla/obligations/${o.id}/close`, undefined, { reason: 'thanks' })).status).toBe(401);
    expect((await send(t, 'POST', `/api/sla/obligations/${o.id}/close`, staff, { reason: '' })).status).toBe(400);
    const closed = await send(t, 'POST', `/api/sla/obligations/${o.id}/close`, staff, { reason: 'A fan saying thanks' });
    expect(closed.status).toBe(200);
    expect(closed.body.obligation).toMatchObject({
      id: o.id,
      status: 'no_response_needed',
      state: 'no_response_needed',
      closedReason: 'A fan saying thanks',
    });
    expect((await send(t, 'POST', `/api/sla/obligations/${o.id}/close`, staff, { reason: 'again' })).status).toBe(409);
    expect(await inQueue(o.id)).toBeUndefined();
    const audit = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'obligation.closed'), eq(auditLog.targetId, String(o.id))));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorId: staff.id, data: { reason: 'A fan saying thanks' } });
    // past its due time it is still not breached, and the sweeper leaves it alone
    t.clock.advanceSeconds(120);
    await tick();
    expect(events.of('obligation.breached', o.id)).toHaveLength(0);
    expect((await send(t, 'POST', `/api/sla/obligations/999999/close`, staff, { reason: 'x' })).status).toBe(404);
  });
});

describe('cancelling', () => {
  it('hiding the thread as spam cancels its obligation (staff only, audited); unhiding does not reopen it', async () => {
    const thread = await createThread(t, fan, fast.id, { title: 'Buy cheap watches' });
    const o = (await threadObligation(t, thread.id))!;
    expect((await send(t, 'POST', `/api/threads/${thread.id}/hide`, fan, { reason: 'spam' })).status).toBe(403);
    expect((await send(t, 'POST', `/api/threads/${thread.id}/hide`, undefined, { reason: 'spam' })).status).toBe(401);
    const hidden = await send(t, 'POST', `/api/threads/${thread.id}/hide`, staff, { reason: 'spam' });
    expect(hidden.status).toBe(200);
    expect(hidden.body.thread.obligation).toMatchObject({ id: o.id, state: 'cancelled' });
    expect((await getJson(t, `/api/threads/${thread.id}`, fan)).status).toBe(404);
    expect(await inQueue(o.id)).toBeUndefined();
    const audit = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'thread.hidden'), eq(auditLog.targetId, String(thread.id))));
    expect(audit[0]).toMatchObject({ actorId: staff.id, data: { reason: 'spam' } });
    await events.expectCount('obligation.closed', 1, o.id);

    const shown = await send(t, 'POST', `/api/threads/${thread.id}/unhide`, staff);
    expect(shown.status).toBe(200);
    expect(shown.body.thread.obligation).toMatchObject({ id: o.id, state: 'cancelled' });
    expect((await getJson(t, `/api/threads/${thread.id}`, fan)).status).toBe(200);
    t.clock.advanceSeconds(120);
    await tick();
    expect(events.of('obligation.breached', o.id)).toHaveLength(0);
    expect((await send(t, 'POST', `/api/threads/999999/hide`, staff, { reason: 'spam' })).status).toBe(404);
  });

  it('deleting the fan post that opened it cancels it', async () => {
    const thread = await createThread(t, fan, fast.id);
    const o = (await threadObligation(t, thread.id))!;
    const [row] = await t.database.db.select().from(obligations).where(eq(obligations.id, o.id));
    expect((await send(t, 'DELETE', `/api/posts/${row!.openedPostId}`, fan)).status).toBe(200);
    expect((await threadObligation(t, thread.id))?.state).toBe('cancelled');
  });
});

describe('warnings and breaches', () => {
  it('warns at two thirds of the target and breaches at the due time, each exactly once however often the sweeper runs', async () => {
    const thread = await createThread(t, fan, fast.id);
    const o = (await threadObligation(t, thread.id))!;
    t.clock.advanceSeconds(39);
    await tick();
    expect(events.of('obligation.warned', o.id)).toHaveLength(0);
    expect((await inQueue(o.id)).state).toBe('open');
    t.clock.advanceSeconds(1); // 40 s = two thirds of 60
    await Promise.all([tick(), tick(), tick()]);
    await tick();
    await events.expectCount('obligation.warned', 1, o.id);
    expect((await inQueue(o.id)).state).toBe('warned');
    t.clock.advanceSeconds(19);
    await tick();
    expect(events.of('obligation.breached', o.id)).toHaveLength(0);
    t.clock.advanceSeconds(1); // 60 s: due
    await Promise.all([tick(), tick(), tick()]);
    await tick();
    await events.expectCount('obligation.breached', 1, o.id);
    expect((await inQueue(o.id)).state).toBe('breached');
    const breach = events.of('obligation.breached', o.id)[0]!;
    const warning = events.of('obligation.warned', o.id)[0]!;
    expect(breach.topic).toBe('staff-queue');
    expect(EventData['obligation.breached'].parse(breach.data)).toEqual({
      obligationId: o.id,
      threadId: thread.id,
      categoryId: fast.id,
      dueAt: o.dueAt,
    });
    expect(EventData['obligation.warned'].parse(warning.data)).toEqual({
      obligationId: o.id,
      threadId: thread.id,
      categoryId: fast.id,
      dueAt: o.dueAt,
    });
    expect(warning.createdAt).toBe(new Date(new Date(o.openedAt).getTime() + 40_000).toISOString());
    // answered late: met, but counted as breached; no second breach
    t.clock.advanceSeconds(30);
    await reply(t, staff, thread.id);
    await tick();
    await events.expectCount('obligation.met', 1, o.id);
    expect(events.of('obligation.breached', o.id)).toHaveLength(1);
    const [row] = await t.database.db.select().from(obligations).where(eq(obligations.id, o.id));
    expect(row!.respondedAt!.getTime() - row!.dueAt.getTime()).toBe(30_000);
  });

  it('an obligation first swept past its due time gets its breach and no late warning', async () => {
    const thread = await createThread(t, fan, fast.id);
    const o = (await threadObligation(t, thread.id))!;
    t.clock.advanceSeconds(600);
    await tick();
    await tick();
    await events.expectCount('obligation.breached', 1, o.id);
    expect(events.of('obligation.warned', o.id)).toHaveLength(0);
  });

  it('answered late before any sweep: the breach still fires once, then the met', async () => {
    const thread = await createThread(t, fan, fast.id);
    const o = (await threadObligation(t, thread.id))!;
    t.clock.advanceSeconds(61);
    await reply(t, staff, thread.id);
    await tick();
    await events.expectCount('obligation.breached', 1, o.id);
    await events.expectCount('obligation.met', 1, o.id);
    const breach = events.of('obligation.breached', o.id)[0]!;
    const met = events.of('obligation.met', o.id)[0]!;
    expect(breach.id).toBeLessThan(met.id);
  });

  it('answered exactly at the due time is on time', async () => {
    const thread = await createThread(t, fan, fast.id);
    const o = (await threadObligation(t, thread.id))!;
    t.clock.advanceSeconds(60);
    await reply(t, staff, thread.id);
    const [row] = await t.database.db.select().from(obligations).where(eq(obligations.id, o.id));
    expect(row).toMatchObject({ status: 'met', breachedAt: null });
  });

  it('targets are per category', async () => {
    const a = await createThread(t, fan, fast.id);
    const b = await createThread(t, fan, normal.id);
    const oa = (await threadObligation(t, a.id))!;
    const ob = (await threadObligation(t, b.id))!;
    expect(oa.targetSeconds).toBe(60);
    expect(ob.targetSeconds).toBe(900);
    t.clock.advanceSeconds(60);
    await tick();
    await events.expectCount('obligation.breached', 1, oa.id);
    expect(events.of('obligation.breached', ob.id)).toHaveLength(0);
    expect(events.of('obligation.warned', ob.id)).toHaveLength(0);
    expect((await inQueue(ob.id)).state).toBe('open');
    t.clock.advanceSeconds(540); // 600 s: two thirds of 900
    await tick();
    await events.expectCount('obligation.warned', 1, ob.id);
    // a changed target applies to obligations opened afterwards
    expect((await send(t, 'PATCH', `/api/categories/${fast.slug}`, admin, { slaTargetSeconds: 30 })).status).toBe(200);
    const c = await createThread(t, fan, fast.id);
    expect((await threadObligation(t, c.id))!.targetSeconds).toBe(30);
    expect((await threadObligation(t, a.id))!.targetSeconds).toBe(60);
    expect((await send(t, 'PATCH', `/api/categories/${fast.slug}`, admin, { slaTargetSeconds: 60 })).status).toBe(200);
  });
});

describe('the queue and claiming', () => {
  it('lists open obligations by due time, breached on top, with the documented fields; staff only', async () => {
    expect((await getJson(t, '/api/sla/queue', fan)).status).toBe(403);
    expect((await getJson(t, '/api/sla/queue')).status).toBe(401);
    const a = await createThread(t, fan, normal.id, { title: 'Later one' }); // due in 900 s
    t.clock.advanceSeconds(1);
    const b = await createThread(t, fan, fast.id, { title: 'Sooner one' }); // due in 60 s
    t.clock.advanceSeconds(61); // b breached, a open
    const { obligations: rows, counts, now, nextCursor } = await queue();
    expect(now).toBe(t.clock.now().toISOString());
    expect(nextCursor).toBeNull();
    const ids = rows.map((r: { threadId: number }) => r.threadId);
    expect(ids.indexOf(b.id)).toBeLessThan(ids.indexOf(a.id));
    const dues = rows.map((r: { dueAt: string }) => r.dueAt);
    expect([...dues].sort()).toEqual(dues);
    const states = rows.map((r: { state: string }) => r.state);
    const firstNotBreached = states.findIndex((s: string) => s !== 'breached');
    expect(states.slice(firstNotBreached).includes('breached')).toBe(false);
    const rowB = rows.find((r: { threadId: number }) => r.threadId === b.id);
    expect(Object.keys(rowB)).toEqual(expect.arrayContaining(['id', 'threadId', 'categoryId', 'openedAt', 'dueAt', 'state', 'claimedBy']));
    expect(rowB).toMatchObject({ categoryId: fast.id, state: 'breached', claimedBy: null, thread: { title: 'Sooner one' } });
    expect(counts.breached + counts.warned + counts.open).toBe(rows.length);
    expect(counts.breached).toBe(states.filter((s: string) => s === 'breached').length);

    // paging by cursor returns the same rows in the same order
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const { body } = await getJson(t, `/api/sla/queue?limit=2${cursor ? `&cursor=${cursor}` : ''}`, staff);
      seen.push(...body.obligations.map((r: { id: number }) => r.id));
      cursor = body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(rows.map((r: { id: number }) => r.id));
    expect(
      (await getJson(t, `/api/sla/queue?categoryId=${fast.id}`, staff)).body.obligations.every(
        (r: { categoryId: number }) => r.categoryId === fast.id,
      ),
    ).toBe(true);
    expect((await getJson(t, '/api/sla/queue?cursor=garbage', staff)).status).toBe(400);
  });

  it('claim ("on it") shows who is on it and does not stop the clock; release; conflicts', async () => {
    const thread = await createThread(t, fan, fast.id);
    const o = (await threadObligation(t, thread.id))!;
    expect((await send(t, 'POST', `/api/sla/obligations/${o.id}/claim`, fan)).status).toBe(403);
    expect((await send(t, 'POST', `/api/sla/obligations/${o.id}/claim`)).status).toBe(401);
    const claimed = await send(t, 'POST', `/api/sla/obligations/${o.id}/claim`, staff);
    expect(claimed.status).toBe(200);
    expect(claimed.body.obligation).toMatchObject({
      id: o.id,
      claimedBy: staff.id,
      claimer: { id: staff.id, name: 'Staff One' },
      state: 'open',
    });
    expect((await send(t, 'POST', `/api/sla/obligations/${o.id}/claim`, staff)).status).toBe(200); // idempotent
    expect((await send(t, 'POST', `/api/sla/obligations/${o.id}/claim`, staff2)).status).toBe(409);
    expect((await inQueue(o.id)).claimedBy).toBe(staff.id);
    await events.expectCount('obligation.claimed', 1, o.id);

    t.clock.advanceSeconds(60);
    await tick();
    await events.expectCount('obligation.breached', 1, o.id);
    expect((await inQueue(o.id)).state).toBe('breached');

    const released = await send(t, 'DELETE', `/api/sla/obligations/${o.id}/claim`, staff2);
    expect(released.status).toBe(200);
    expect(released.body.obligation.claimedBy).toBeNull();
    const audit = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'obligation.unclaimed'), eq(auditLog.targetId, String(o.id))));
    expect(audit).toHaveLength(1);
    expect((await send(t, 'POST', `/api/sla/obligations/${o.id}/claim`, staff2)).status).toBe(200);
    await reply(t, staff2, thread.id);
    expect((await send(t, 'POST', `/api/sla/obligations/${o.id}/claim`, staff)).status).toBe(409);
    expect((await send(t, 'POST', `/api/sla/obligations/999999/claim`, staff)).status).toBe(404);
    expect((await send(t, 'POST', `/api/sla/obligations/abc/claim`, staff)).status).toBe(400);
  });

  it('a suspended staff member cannot act on the queue', async () => {
    const suspended = await createUser(t, { role: 'staff', suspended: true });
    const thread = await createThread(t, fan, normal.id);
    const o = (await threadObligation(t, thread.id))!;
    expect((await send(t, 'POST', `/api/sla/obligations/${o.id}/claim`, suspended)).status).toBe(403);
    expect((await getJson(t, '/api/sla/queue', suspended)).status).toBe(403);
  });
});
