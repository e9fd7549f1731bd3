import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { notifications, obligations, posts, userBadges, users } from '@kakera/db';
import { buildTestApp, createCategory, createThread, createUser, reply, type TestApp, type TestUser } from './helpers.ts';
import { connectWs } from './ws-client.ts';

// The tracker through the API (product.md, "Promotion into engineering
// issues" and "Voting"), on PGlite and, in CI, PostgreSQL.

let t: TestApp;
let admin: TestUser;
let staff: TestUser;
let staff2: TestUser;
let reporter: TestUser;
let fans: TestUser[];
let board: { id: number; slug: string };

beforeAll(async () => {
  t = await buildTestApp();
  admin = await createUser(t, { role: 'admin', name: 'Admin' });
  staff = await createUser(t, { role: 'staff', name: 'Engineer Emi' });
  staff2 = await createUser(t, { role: 'staff', name: 'Support Sam' });
  reporter = await createUser(t, { name: 'Reporter Rin' });
  fans = [];
  for (let i = 0; i < 50; i++) fans.push(await createUser(t, { name: `Voter ${i}` }));
  board = await createCategory(t, admin, { slaTargetSeconds: 900 });
  // Fifty real registrations (argon2 each): slow on a busy machine.
}, 180_000);
afterAll(() => t.close());

async function call(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, user?: TestUser, payload?: object) {
  const res = await t.app.inject({ method, url, headers: user ? { cookie: user.cookie } : {}, ...(payload && { payload }) });
  return { status: res.statusCode, body: res.json() };
}

const bugThread = (title = 'Battery drains overnight after 2.1') =>
  createThread(t, reporter, board.id, {
    kind: 'bug',
    title,
    body: 'My phone loses 40 % overnight.',
    report: { device: 'Kakera 12', softwareVersion: '2.1.0', stepsToReproduce: 'Leave it charged' },
  });

async function promote(threadId: number, body: object = {}) {
  const res = await call('POST', `/api/threads/${threadId}/promote`, staff, body);
  expect(res.status, JSON.stringify(res.body)).toBeLessThan(300);
  return res;
}

describe('promotion', () => {
  it('creates KAK-n from the thread, prefilled, links it, and the thread shows the badge', async () => {
    const thread = await bugThread();
    const draft = await call('GET', `/api/threads/${thread.id}/promote`, staff);
    expect(draft.body.draft).toMatchObject({ title: 'Battery drains overnight after 2.1', type: 'bug', affectedVersion: '2.1.0' });
    expect(draft.body.draft.description).toContain('**Device:** Kakera 12');
    const res = await promote(thread.id);
    expect(res.status).toBe(201);
    expect(res.body.issue).toMatchObject({
      key: expect.stringMatching(/^KAK-\d+$/),
      status: 'new',
      type: 'bug',
      affectedVersion: '2.1.0',
      reporter: { id: reporter.id },
      linkedThreadIds: [thread.id],
    });
    expect(res.body.issue.description).toContain(`/t/${thread.id}`);
    const view = await call('GET', `/api/threads/${thread.id}`, reporter);
    expect(view.body.thread.issue).toMatchObject({ key: res.body.issue.key, status: 'new', voteCount: 0, canVote: true });
    const system = view.body.posts.find((p: { kind: string }) => p.kind === 'system');
    expect(system.body).toContain(res.body.issue.key);
    // A thread belongs to one issue.
    const again = await call('POST', `/api/threads/${thread.id}/promote`, staff, {});
    expect(again.status).toBe(409);
  });

  it('links a second thread to the same issue (200), and suggests it as the most similar, in English and Japanese', async () => {
    const first = await bugThread('Camera app crashes when zooming');
    const { body } = await promote(first.id);
    const ja = await createThread(t, reporter, board.id, { kind: 'bug', title: '充電すると電池が熱くなる', body: '熱い' });
    const jaIssue = (await promote(ja.id)).body.issue;
    const second = await createThread(t, fans[0]!, board.id, { kind: 'bug', title: 'Camera crashes while zooming in' });
    const similar = await call('GET', `/api/threads/${second.id}/promote`, staff);
    expect(similar.body.similar[0]).toMatchObject({ key: body.issue.key });
    const jaSimilar = await call('GET', `/api/issues/similar?title=${encodeURIComponent('電池が熱くなる問題')}`, staff);
    expect(jaSimilar.body.issues[0]).toMatchObject({ key: jaIssue.key });
    expect(jaSimilar.body.issues.map((i: { key: string }) => i.key)).not.toContain(body.issue.key);
    const linked = await call('POST', `/api/threads/${second.id}/promote`, staff, { issueKey: body.issue.key });
    expect(linked.status).toBe(200);
    expect(linked.body.issue.linkedThreadIds).toEqual([first.id, second.id]);
    expect((await call('GET', `/api/threads/${second.id}`)).body.thread.issueKey).toBe(body.issue.key);
  });

  it('promotes one post of a thread', async () => {
    const thread = await createThread(t, reporter, board.id, { kind: 'discussion', title: 'Thoughts on 2.1' });
    const post = await reply(t, fans[1]!, thread.id, 'The Wi-Fi toggle does nothing for me');
    const res = await promote(thread.id, { postId: post.id, title: 'Wi-Fi toggle does nothing' });
    expect(res.body.issue).toMatchObject({ title: 'Wi-Fi toggle does nothing', reporter: { id: fans[1]!.id } });
    expect(res.body.issue.description).toContain('The Wi-Fi toggle does nothing for me');
  });

  it('gives 20 concurrent promotions 20 distinct, consecutive keys', async () => {
    const threads = await Promise.all(Array.from({ length: 20 }, (_, i) => bugThread(`Concurrent report number ${i}`)));
    const results = await Promise.all(threads.map((th) => call('POST', `/api/threads/${th.id}/promote`, staff, {})));
    expect(results.map((r) => r.status)).toEqual(Array(20).fill(201));
    const numbers = results.map((r) => Number(r.body.issue.key.split('-')[1])).sort((a, b) => a - b);
    expect(new Set(numbers).size).toBe(20);
    expect(numbers[19]! - numbers[0]!).toBe(19);
  });
});

describe('votes', () => {
  it('are exact under concurrency: 50 fans at once → 50; again → 50; one withdraws → 49', async () => {
    const { body } = await promote((await bugThread('Vote storm')).id);
    const key = body.issue.key as string;
    const votes = await Promise.all(fans.map((f) => call('POST', `/api/issues/${key}/vote`, f)));
    expect(votes.every((v) => v.status === 200 && v.body.voted)).toBe(true);
    expect((await call('GET', `/api/issues/${key}`)).body.issue.voteCount).toBe(50);
    const again = await Promise.all(fans.slice(0, 10).map((f) => call('POST', `/api/issues/${key}/vote`, f)));
    expect(again.every((v) => v.body.voteCount === 50)).toBe(true);
    expect((await call('DELETE', `/api/issues/${key}/vote`, fans[0])).body).toEqual({ voteCount: 49, voted: false });
    expect((await call('DELETE', `/api/issues/${key}/vote`, fans[0])).body).toEqual({ voteCount: 49, voted: false });
    const issue = (await call('GET', `/api/issues/${key}`, fans[1])).body.issue;
    expect(issue).toMatchObject({ voteCount: 49, votedByMe: true, recentVotes: 49 });
    expect((await call('POST', `/api/issues/${key}/vote`)).status).toBe(401);
  });

  it('are seen live by a reader of a linked thread', async () => {
    const thread = await bugThread('Live vote count');
    const key = (await promote(thread.id)).body.issue.key;
    const ws = await connectWs(t.app);
    await ws.subscribe(`thread:${thread.id}`);
    await call('POST', `/api/issues/${key}/vote`, fans[2]);
    const frame = await ws.next((f) => f.type === 'vote.changed');
    expect(frame.data).toEqual({ key, voteCount: 1 });
    ws.ws.terminate();
  });
});

describe('merge', () => {
  it('makes B a duplicate of A, moves its threads, and counts overlapping voters once', async () => {
    const ta = await bugThread('Merge target');
    const tb = await bugThread('Merge source');
    const a = (await promote(ta.id)).body.issue.key;
    const b = (await promote(tb.id)).body.issue.key;
    for (const f of fans.slice(0, 6)) await call('POST', `/api/issues/${a}/vote`, f);
    for (const f of fans.slice(4, 10)) await call('POST', `/api/issues/${b}/vote`, f);
    const merged = await call('POST', `/api/issues/${b}/merge`, staff, { intoKey: a });
    expect(merged.status).toBe(200);
    expect(merged.body.issue).toMatchObject({ key: a, voteCount: 10, linkedThreadIds: [ta.id, tb.id] });
    const bNow = (await call('GET', `/api/issues/${b}`)).body;
    expect(bNow.issue).toMatchObject({ status: 'duplicate', duplicateOf: a, voteCount: 0 });
    expect(bNow.history.map((h: { field: string }) => h.field)).toContain('merged_into');
    expect((await call('GET', `/api/issues/${a}`)).body.history.map((h: { field: string }) => h.field)).toContain('merged_from');
    expect((await call('GET', `/api/threads/${tb.id}`)).body.thread.issueKey).toBe(a);
    // Into itself, into a duplicate, or back the other way: refused.
    expect((await call('POST', `/api/issues/${a}/merge`, staff, { intoKey: a })).status).toBe(409);
    expect((await call('POST', `/api/issues/${a}/merge`, staff, { intoKey: b })).status).toBe(409);
    expect((await call('POST', `/api/issues/${b}/merge`, staff, { intoKey: a })).status).toBe(409);
  });
});

describe('the workflow and closing the loop', () => {
  it('refuses a move outside the workflow with 409 and the reason', async () => {
    const key = (await promote((await bugThread('Workflow check')).id)).body.issue.key;
    expect((await call('PATCH', `/api/issues/${key}`, staff, { status: 'planned' })).status).toBe(200);
    const back = await call('PATCH', `/api/issues/${key}`, staff, { status: 'new' });
    expect(back.status).toBe(409);
    expect(back.body.error.message).toContain('back only to triaged');
    expect((await call('PATCH', `/api/issues/${key}`, staff, { status: 'duplicate' })).status).toBe(409);
  });

  it('posts one system message per linked thread and notifies reporters and voters once, not the actor; no obligation is met or opened', async () => {
    const t1 = await bugThread('Closing the loop one');
    const t2 = await createThread(t, fans[3]!, board.id, { kind: 'bug', title: 'Closing the loop two' });
    const key = (await promote(t1.id)).body.issue.key;
    await call('POST', `/api/threads/${t2.id}/promote`, staff, { issueKey: key });
    await call('POST', `/api/issues/${key}/vote`, fans[7]);
    await call('POST', `/api/issues/${key}/vote`, staff);
    const before = await t.database.db.select().from(obligations).where(eq(obligations.threadId, t1.id));
    expect(before.map((o) => o.status)).toEqual(['open']);

    const res = await call('PATCH', `/api/issues/${key}`, staff, { status: 'fixed', fixedInVersion: '2.1.1', severity: 'S2' });
    expect(res.status).toBe(200);
    for (const th of [t1, t2]) {
      const sys = await t.database.db
        .select()
        .from(posts)
        .where(and(eq(posts.threadId, th.id), eq(posts.kind, 'system'), sql`${posts.body} like '%now **fixed**%'`));
      expect(sys).toHaveLength(1);
      expect(sys[0]!.body).toContain('2.1.1');
    }
    const sent = await t.database.db
      .select({ userId: notifications.userId })
      .from(notifications)
      .where(and(eq(notifications.kind, 'issue.status_changed'), sql`${notifications.data}->>'key' = ${key}`));
    expect(sent.map((n) => n.userId).sort()).toEqual([reporter.id, fans[3]!.id, fans[7]!.id].sort());
    const after = await t.database.db.select().from(obligations).where(eq(obligations.threadId, t1.id));
    expect(after.map((o) => o.status)).toEqual(['open']);
    // The reporter reads it in their list.
    const list = await call('GET', '/api/notifications', reporter);
    const statusNote = list.body.notifications.find((n: { kind: string }) => n.kind === 'issue.status_changed');
    expect(statusNote).toMatchObject({ kind: 'issue.status_changed', data: { key, to: 'fixed' }, readAt: null });
    expect(list.body.unreadCount).toBeGreaterThan(0);
    expect((await call('POST', '/api/notifications/read', reporter, { all: true })).body).toEqual({ unreadCount: 0 });
  });

  it('rewards adoption exactly once across planned → triaged → planned', async () => {
    const idea = await createThread(t, fans[4]!, board.id, { kind: 'suggestion', title: 'Dark mode for the gallery' });
    const key = (await promote(idea.id)).body.issue.key;
    const points = async () => (await t.database.db.select({ p: users.points }).from(users).where(eq(users.id, fans[4]!.id)))[0]!.p;
    const start = await points();
    for (const status of ['planned', 'triaged', 'planned', 'in_progress']) {
      expect((await call('PATCH', `/api/issues/${key}`, staff, { status })).status).toBe(200);
    }
    expect((await points()) - start).toBe(50);
    const badges = await t.database.db
      .select()
      .from(userBadges)
      .where(and(eq(userBadges.userId, fans[4]!.id), eq(userBadges.badge, 'adopted')));
    expect(badges).toEqual([expect.objectContaining({ badge: 'adopted', source: `issue:${key}` })]);
    const adopted = await t.database.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, fans[4]!.id), eq(notifications.kind, 'issue.adopted')));
    expect(adopted).toHaveLength(1);
  });
});

describe('confirmed bugs', () => {
  it('reward the reporter once when the bug reaches triaged, with the Bug hunter badge', async () => {
    const bugger = await createUser(t, { name: 'Bug Reporter' });
    const thread = await createThread(t, bugger, board.id, { kind: 'bug', title: 'Bluetooth drops in the car' });
    const key = (await promote(thread.id)).body.issue.key;
    const points = async () => (await t.database.db.select({ p: users.points }).from(users).where(eq(users.id, bugger.id)))[0]!.p;
    const start = await points();
    for (const status of ['triaged', 'planned', 'triaged', 'in_progress']) {
      expect((await call('PATCH', `/api/issues/${key}`, staff, { status })).status).toBe(200);
    }
    expect((await points()) - start).toBe(15);
    const badges = await call('GET', `/api/users/${bugger.id}/badges`);
    expect(badges.body.badges.map((b: { badge: string }) => b.badge)).toEqual(['first_post', 'bug_hunter']);
    const history = await call('GET', `/api/users/${bugger.id}/points`);
    expect(history.body.entries[0]).toMatchObject({ reason: 'bugConfirmed', source: `issue:${key}`, points: 15, url: `/issues/${key}` });
  });
});

describe('internal notes', () => {
  it('never reach a fan: not over REST, not by a socket replay', async () => {
    const key = (await promote((await bugThread('Notes check')).id)).body.issue.key;
    const since = Number(
      ((await t.database.db.execute(sql`select max(id)::int as id from events`)) as unknown as { rows: { id: number }[] }).rows[0]!.id,
    );
    const note = await call('POST', `/api/issues/${key}/notes`, staff, { body: 'Root cause is the modem firmware' });
    expect(note.status).toBe(201);
    expect((await call('GET', `/api/issues/${key}`, staff2)).body.notes.map((n: { body: string }) => n.body)).toEqual([
      'Root cause is the modem firmware',
    ]);
    const asFan = await call('GET', `/api/issues/${key}`, fans[5]);
    expect(asFan.body.notes).toEqual([]);
    expect(JSON.stringify(asFan.body)).not.toContain('modem firmware');
    expect((await call('POST', `/api/issues/${key}/notes`, fans[5], { body: 'me too' })).status).toBe(403);
    const fanWs = await connectWs(t.app, fans[5]!.cookie);
    await fanWs.subscribe(`issue:${key}`);
    await fanWs.resume(since);
    expect(fanWs.frames.some((f) => f.type === 'issue.noted')).toBe(false);
    fanWs.ws.terminate();
    const staffWs = await connectWs(t.app, staff2.cookie);
    await staffWs.subscribe(`issue:${key}`);
    await staffWs.resume(since);
    expect(staffWs.frames.some((f) => f.type === 'issue.noted')).toBe(true);
    staffWs.ws.terminate();
  });
});

describe('lists, triage and the roadmap', () => {
  it('filters the triage queue, sorts by votes, and pages with a cursor', async () => {
    const needs = await call('GET', '/api/issues?status=needs_triage&limit=5', staff);
    expect(needs.status).toBe(200);
    expect(needs.body.issues.every((i: { status: string; assignee: unknown }) => i.status === 'new' || i.assignee === null)).toBe(true);
    const seen = new Set<string>();
    let cursor: string | null = null;
    let last = Infinity;
    do {
      const page: { body: { issues: { key: string; voteCount: number }[]; nextCursor: string | null } } = await call(
        'GET',
        `/api/issues?sort=votes&limit=7${cursor ? `&cursor=${cursor}` : ''}`,
      );
      for (const i of page.body.issues) {
        expect(seen.has(i.key)).toBe(false);
        expect(i.voteCount).toBeLessThanOrEqual(last);
        last = i.voteCount;
        seen.add(i.key);
      }
      cursor = page.body.nextCursor;
    } while (cursor);
    const all = await call('GET', '/api/issues?limit=200');
    expect(seen.size).toBe(all.body.issues.length);
  });

  it('bulk-updates, keeping what succeeded when one move is refused', async () => {
    const a = (await promote((await bugThread('Bulk one')).id)).body.issue.key;
    const b = (await promote((await bugThread('Bulk two')).id)).body.issue.key;
    await call('PATCH', `/api/issues/${b}`, staff, { status: 'released' });
    const res = await call('PATCH', '/api/issues', staff, { keys: [a, b], set: { status: 'triaged', assigneeId: staff2.id } });
    expect(res.body.updated).toEqual([a]);
    expect(res.body.failed).toEqual([expect.objectContaining({ key: b, code: 'conflict' })]);
    expect((await call('GET', `/api/issues/${a}`)).body.issue).toMatchObject({ status: 'triaged', assignee: { id: staff2.id } });
    const notStaff = await call('PATCH', '/api/issues', staff, { keys: [a], set: { assigneeId: fans[0]!.id } });
    expect(notStaff.status).toBe(400);
  });

  it('shows feature and feedback issues on the roadmap by status', async () => {
    const idea = await createThread(t, fans[6]!, board.id, { kind: 'suggestion', title: 'Roadmap idea: widgets' });
    const key = (await promote(idea.id, { component: 'Launcher' })).body.issue.key;
    await call('PATCH', `/api/issues/${key}`, staff, { status: 'planned' });
    const map = await call('GET', '/api/roadmap');
    expect(map.body.planned.map((i: { key: string }) => i.key)).toContain(key);
    expect(map.body.components).toContain('Launcher');
    const bugsOnly = (await call('GET', '/api/roadmap')).body.planned.filter((i: { type: string }) => i.type === 'bug');
    expect(bugsOnly).toEqual([]);
    expect((await call('GET', '/api/roadmap?component=Nothing')).body.planned).toEqual([]);
  });
});

describe('escalations', () => {
  it('land in the recipient’s inbox until acknowledged, once', async () => {
    const thread = await bugThread('Escalate me');
    const res = await call('POST', '/api/escalations', staff, {
      threadId: thread.id,
      toUserId: staff2.id,
      note: 'Customer is a journalist',
    });
    expect(res.status).toBe(201);
    const inbox = await call('GET', '/api/escalations', staff2);
    expect(inbox.body.openCount).toBe(1);
    expect(inbox.body.escalations[0]).toMatchObject({
      thread: { id: thread.id },
      from: { id: staff.id },
      note: 'Customer is a journalist',
    });
    expect((await call('POST', `/api/escalations/${res.body.escalation.id}/acknowledge`, staff)).status).toBe(403);
    const ack = await call('POST', `/api/escalations/${res.body.escalation.id}/acknowledge`, staff2);
    expect(ack.body.escalation.acknowledgedBy).toMatchObject({ id: staff2.id });
    expect((await call('GET', '/api/escalations', staff2)).body.openCount).toBe(0);
    expect((await call('POST', '/api/escalations', staff, { threadId: thread.id, toUserId: fans[0]!.id, note: 'x' })).status).toBe(400);
  });
});

describe('pickers and what the header offers', () => {
  it('lists staff for staff only, and says in Me.can which parts of the site a person may use', async () => {
    expect((await call('GET', '/api/users/staff')).status).toBe(401);
    expect((await call('GET', '/api/users/staff', fans[0])).status).toBe(403);
    const list = await call('GET', '/api/users/staff', staff);
    expect(list.body.staff.map((s: { id: number }) => s.id)).toEqual(expect.arrayContaining([staff.id, staff2.id, admin.id]));
    expect(list.body.staff.map((s: { id: number }) => s.id)).not.toContain(fans[0]!.id);
    expect((await call('GET', '/api/me', fans[0])).body.user.can).toEqual({ staffTools: false, admin: false, digest: false });
    expect((await call('GET', '/api/me', staff)).body.user.can).toEqual({ staffTools: true, admin: false, digest: false });
    expect((await call('GET', '/api/me', admin)).body.user.can).toEqual({ staffTools: true, admin: true, digest: true });
  });
});
