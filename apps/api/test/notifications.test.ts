import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, createCategory, createThread, createUser, reply, type TestApp, type TestUser } from './helpers.ts';

// What the web's bell, list and mention autocomplete ask of the API.

let t: TestApp;
let fan: TestUser;
let staff: TestUser;

beforeAll(async () => {
  t = await buildTestApp();
  fan = await createUser(t, { name: 'Bellfan' });
  staff = await createUser(t, { role: 'staff', name: 'Bellstaff' });
  await createUser(t, { name: 'Bellwether Gone', suspended: true });
});
afterAll(() => t?.close());

const get = (user: TestUser | null, url: string) => t.app.inject({ method: 'GET', url, headers: user ? { cookie: user.cookie } : {} });

describe('GET /api/users/mentions', () => {
  it('suggests names by prefix to a writer, never the writer or the suspended', async () => {
    const res = await get(fan, '/api/users/mentions?prefix=bell');
    expect(res.statusCode).toBe(200);
    expect(res.json().users).toEqual([expect.objectContaining({ id: staff.id, name: 'Bellstaff', role: 'staff' })]);
    expect((await get(staff, '/api/users/mentions?prefix=BELLF&limit=1')).json().users.map((u: { id: number }) => u.id)).toEqual([fan.id]);
  });

  it('answers guests 401 and a bad prefix 400', async () => {
    expect((await get(null, '/api/users/mentions?prefix=bell')).statusCode).toBe(401);
    expect((await get(fan, '/api/users/mentions?prefix=')).statusCode).toBe(400);
    expect((await get(fan, '/api/users/mentions?prefix=bell&limit=50')).statusCode).toBe(400);
  });
});

describe('the bell: a staff answer, read and read all', () => {
  it('counts the staff answer unread until it is marked read', async () => {
    const admin = await createUser(t, { role: 'admin' });
    const board = await createCategory(t, admin);
    const thread = await createThread(t, fan, board.id);
    await reply(t, staff, thread.id, 'Here is the answer');
    await reply(t, fan, thread.id, 'Thanks! My own reply tells me nothing');
    const list = (await get(fan, '/api/notifications')).json();
    const answered = list.notifications.filter((n: { kind: string }) => n.kind === 'thread.staff_answered');
    expect(answered).toEqual([expect.objectContaining({ readAt: null, data: expect.objectContaining({ name: 'Bellstaff' }) })]);
    expect(list.notifications.some((n: { kind: string }) => n.kind === 'thread.replied')).toBe(false);
    // The writer as names are shown everywhere: with role, level and team.
    expect(answered[0].actor).toEqual({ id: staff.id, name: 'Bellstaff', role: 'staff', level: expect.any(Number), team: null });
    const read = (ids: number[] | null) =>
      t.app.inject({
        method: 'POST',
        url: '/api/notifications/read',
        headers: { cookie: fan.cookie },
        payload: ids ? { ids } : { all: true },
      });
    expect((await read([answered[0].id])).json()).toEqual({ unreadCount: list.unreadCount - 1 });
    expect((await read(null)).json()).toEqual({ unreadCount: 0 });
  });
});
