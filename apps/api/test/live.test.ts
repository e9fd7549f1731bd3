import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, createCategory, createThread, createUser, reply, type TestApp, type TestUser } from './helpers.ts';
import { connectWs } from './ws-client.ts';

let t: TestApp;
let admin: TestUser;
let fan: TestUser;
let staff: TestUser;
let categoryId: number;

beforeAll(async () => {
  t = await buildTestApp();
  admin = await createUser(t, { role: 'admin' });
  fan = await createUser(t);
  staff = await createUser(t, { role: 'staff' });
  categoryId = (await createCategory(t, admin)).id;
});
afterAll(() => t.close());

const connect = (cookie?: string) => connectWs(t.app, cookie);

describe('live events over /ws', () => {
  it('delivers a new reply to a reader of the thread, and a new thread to a reader of the category', async () => {
    const thread = await createThread(t, fan, categoryId);
    const reader = await connect();
    reader.send({ type: 'subscribe', topic: `thread:${thread.id}` });
    reader.send({ type: 'subscribe', topic: `category:${categoryId}` });
    await reader.next((f) => f.type === 'subscribed' && f.topic === `category:${categoryId}`);

    const post = await reply(t, staff, thread.id, 'Staff answer arrives live');
    const created = await reader.next((f) => f.type === 'post.created');
    expect(created.topic).toBe(`thread:${thread.id}`);
    expect((created.data!.post as { id: number; body: string }).id).toBe(post.id);
    expect(typeof created.id).toBe('number');

    const other = await createThread(t, fan, categoryId, { title: 'Another one live' });
    const threadCreated = await reader.next((f) => f.type === 'thread.created' && (f.data!.thread as { id: number }).id === other.id);
    expect((threadCreated.data!.thread as { title: string }).title).toBe('Another one live');
    reader.ws.terminate();
  });

  it('replays what a reconnecting client missed with resume', async () => {
    const thread = await createThread(t, fan, categoryId);
    const first = await connect();
    first.send({ type: 'subscribe', topic: `thread:${thread.id}` });
    await first.next((f) => f.type === 'subscribed');
    await reply(t, staff, thread.id, 'one');
    const seen = await first.next((f) => f.type === 'post.created');
    first.ws.terminate();

    // Another reader sees both arrive: the server has delivered them before the first one comes back (delivery is
    // asynchronous, after the commit; one landing between `subscribe` and `resume` would be sent live and replayed).
    const observer = await connect();
    observer.send({ type: 'subscribe', topic: `thread:${thread.id}` });
    await observer.next((f) => f.type === 'subscribed');
    await reply(t, fan, thread.id, 'two, while away');
    await reply(t, staff, thread.id, 'three, while away');
    await observer.next((f) => f.type === 'post.created' && (f.data!.post as { body: string }).body === 'three, while away');
    observer.ws.terminate();

    const again = await connect();
    again.send({ type: 'subscribe', topic: `thread:${thread.id}` });
    await again.next((f) => f.type === 'subscribed');
    again.send({ type: 'resume', since: seen.id });
    const resumed = await again.next((f) => f.type === 'resumed');
    const replayed = again.frames.filter((f) => f.type === 'post.created').map((f) => (f.data!.post as { body: string }).body);
    expect(replayed).toEqual(['two, while away', 'three, while away']);
    // The two posts, and the wait they opened and ended (obligation events go to the thread's readers too).
    expect(again.frames.filter((f) => f.type.startsWith('obligation.')).map((f) => f.type)).toEqual([
      'obligation.opened',
      'obligation.met',
    ]);
    expect((resumed as unknown as { count: number }).count).toBe(4);
    again.ws.terminate();
  });

  it('sends a subscription given `since` (GET /api/live, read before the page) what the topic saw after it, then what comes live', async () => {
    const thread = await createThread(t, fan, categoryId);
    const observer = await connect();
    observer.send({ type: 'subscribe', topic: `thread:${thread.id}` });
    await observer.next((f) => f.type === 'subscribed');
    await reply(t, staff, thread.id, 'before the page was read');
    const delivered = await observer.next((f) => f.type === 'post.created');
    const position = await t.app.inject({ method: 'GET', url: '/api/live' });
    expect(position.statusCode).toBe(200);
    const { since } = position.json() as { since: number };
    expect(since).toBeGreaterThanOrEqual(delivered.id!);
    // Posted between reading the page and subscribing, and delivered before this reader subscribed (the
    // observer has it): only the catch-up can bring it. (Delivered after, it could come live and then again
    // in the catch-up, with one id; clients drop the second.)
    await reply(t, fan, thread.id, 'while the page loaded');
    await observer.next((f) => f.type === 'post.created' && (f.data!.post as { body: string }).body === 'while the page loaded');
    const reader = await connect();
    reader.send({ type: 'subscribe', topic: `thread:${thread.id}`, since });
    await reader.next((f) => f.type === 'post.created' && (f.data!.post as { body: string }).body === 'while the page loaded');
    await reply(t, staff, thread.id, 'live');
    await reader.next((f) => f.type === 'post.created' && (f.data!.post as { body: string }).body === 'live');
    const bodies = reader.frames.filter((f) => f.type === 'post.created').map((f) => (f.data!.post as { body: string }).body);
    expect(bodies).toEqual(['while the page loaded', 'live']);
    // Without `since`, nothing from before.
    const plain = await connect();
    plain.send({ type: 'subscribe', topic: `thread:${thread.id}` });
    await plain.next((f) => f.type === 'subscribed');
    await reply(t, staff, thread.id, 'live again');
    await plain.next((f) => f.type === 'post.created');
    expect(plain.frames.filter((f) => f.type === 'post.created')).toHaveLength(1);
    for (const c of [observer, reader, plain]) c.ws.terminate();
  });

  it('keeps the staff queue to staff', async () => {
    const guest = await connect();
    guest.send({ type: 'subscribe', topic: 'staff-queue' });
    expect((await guest.next((f) => f.type === 'error')).type).toBe('error');
    guest.ws.terminate();

    const fanWs = await connect(fan.cookie);
    fanWs.send({ type: 'subscribe', topic: 'staff-queue' });
    expect((await fanWs.next((f) => f.type === 'error')).type).toBe('error');
    fanWs.ws.terminate();

    const staffWs = await connect(staff.cookie);
    staffWs.send({ type: 'subscribe', topic: 'staff-queue' });
    await staffWs.next((f) => f.type === 'subscribed');
    const thread = await createThread(t, fan, categoryId);
    const opened = await staffWs.next((f) => f.type === 'obligation.opened');
    expect(opened.data!.threadId).toBe(thread.id);
    staffWs.ws.terminate();
  });

  it('tells readers of a thread when its obligation is closed without an answer', async () => {
    const thread = await createThread(t, fan, categoryId);
    const reader = await connect();
    reader.send({ type: 'subscribe', topic: `thread:${thread.id}` });
    await reader.next((f) => f.type === 'subscribed');
    const read = await t.app.inject({ method: 'GET', url: `/api/threads/${thread.id}` });
    const obligationId = read.json().thread.obligation.id as number;
    const closed = await t.app.inject({
      method: 'POST',
      url: `/api/sla/obligations/${obligationId}/close`,
      headers: { cookie: staff.cookie },
      payload: { reason: 'thanks!' },
    });
    expect(closed.statusCode).toBe(200);
    const event = await reader.next((f) => f.type === 'obligation.closed');
    expect(event.topic).toBe(`thread:${thread.id}`);
    expect(event.data).toMatchObject({ obligationId, threadId: thread.id, state: 'no_response_needed' });
    reader.ws.terminate();
  });

  it('sends a reader’s own events under the topic they subscribed to (`notifications`), live and on resume', async () => {
    const staff2 = await createUser(t, { role: 'staff' });
    const thread = await createThread(t, fan, categoryId);
    const inbox = await connect(staff2.cookie);
    await inbox.subscribe('notifications');
    const escalate = () =>
      t.app.inject({
        method: 'POST',
        url: '/api/escalations',
        headers: { cookie: staff.cookie },
        payload: { threadId: thread.id, toUserId: staff2.id, note: 'Please look' },
      });
    expect((await escalate()).statusCode).toBe(201);
    const changed = await inbox.next((f) => f.type === 'escalation.changed');
    expect(changed).toMatchObject({ topic: 'notifications', data: { openCount: 1 } });
    expect(await inbox.next((f) => f.type === 'notification.created')).toMatchObject({ topic: 'notifications' });
    inbox.ws.terminate();

    const again = await connect(staff2.cookie);
    await again.subscribe('notifications');
    await again.resume(changed.id! - 1);
    expect(again.frames.filter((f) => f.type === 'escalation.changed').map((f) => f.topic)).toEqual(['notifications']);
    again.ws.terminate();
  });

  it('answers an unknown message with an error, not a crash', async () => {
    const c = await connect();
    c.ws.send('not json');
    expect((await c.next((f) => f.type === 'error')).type).toBe('error');
    c.send({ type: 'subscribe', topic: 'thread:abc' });
    c.send({ type: 'ping' });
    await c.next((f) => f.type === 'pong');
    c.ws.terminate();
  });
});
