import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { users } from '@kakera/db';
import { buildTestApp, sessionCookie, type TestApp } from './helpers.ts';

// Accounts and sessions: register, login, logout, /api/me, the cookie's
// attributes, the Origin check, and the login rate limit.

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t?.close());

let n = 0;
const email = (tag = 'a') => `auth-${tag}-${++n}@test.dev`;
const register = (app: TestApp, body: Record<string, unknown>, headers: Record<string, string> = {}) =>
  app.app.inject({ method: 'POST', url: '/api/auth/register', payload: body, headers });
const login = (app: TestApp, body: Record<string, unknown>, opts: { remoteAddress?: string; headers?: Record<string, string> } = {}) =>
  app.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: body,
    headers: opts.headers ?? {},
    ...(opts.remoteAddress && { remoteAddress: opts.remoteAddress }),
  });
const me = (app: TestApp, cookie?: string) => app.app.inject({ method: 'GET', url: '/api/me', headers: cookie ? { cookie } : {} });
const fieldPaths = (res: { json(): { error: { details?: { fields?: { path: string }[] } } } }) =>
  (res.json().error.details?.fields ?? []).map((f) => f.path);

describe('register', () => {
  it('answers 201 with the user and an httpOnly, SameSite=Lax session cookie', async () => {
    const address = email();
    const res = await register(t, { email: address, password: 'a good password', name: 'Rei' });
    expect(res.statusCode).toBe(201);
    const { user } = res.json();
    expect(user).toMatchObject({ name: 'Rei', role: 'fan', email: address, points: 0, suspended: false });
    expect(typeof user.id).toBe('number');
    expect(typeof user.level).toBe('number');
    expect(user).not.toHaveProperty('passwordHash');
    expect(res.body).not.toContain('a good password');

    const cookie = res.cookies.find((c) => c.name === 'kakera_session');
    expect(cookie).toBeDefined();
    expect(cookie!.httpOnly).toBe(true);
    expect(String(cookie!.sameSite).toLowerCase()).toBe('lax');
    expect(cookie!.path).toBe('/');
    expect(cookie!.secure).toBeFalsy(); // plain http PUBLIC_URL
    expect(cookie!.value.length).toBeGreaterThanOrEqual(32);
    const raw = String(res.headers['set-cookie']);
    expect(raw).toMatch(/HttpOnly/i);
    expect(raw).toMatch(/SameSite=Lax/i);

    const who = await me(t, sessionCookie(res));
    expect(who.statusCode).toBe(200);
    expect(who.json().user).toMatchObject({ id: user.id, name: 'Rei', role: 'fan' });
  });

  it('stores an argon2id hash, never the password', async () => {
    const address = email();
    const res = await register(t, { email: address, password: 'hash me please', name: 'Hash' });
    expect(res.statusCode).toBe(201);
    const [row] = await t.database.db.select().from(users).where(eq(users.id, res.json().user.id));
    expect(row!.passwordHash).toMatch(/^\$argon2id\$/);
    expect(row!.passwordHash).not.toContain('hash me please');
  });

  it('answers 409 email_taken for an address already registered, whatever its case', async () => {
    const address = email('dup');
    expect((await register(t, { email: address, password: 'first password', name: 'First' })).statusCode).toBe(201);
    const again = await register(t, { email: address, password: 'second password', name: 'Second' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('email_taken');
    expect(fieldPaths(again)).toContain('email');
    const shouting = await register(t, { email: address.toUpperCase(), password: 'third password', name: 'Third' });
    expect(shouting.statusCode).toBe(409);
    expect(shouting.json().error.code).toBe('email_taken');
    expect(again.cookies.find((c) => c.name === 'kakera_session')).toBeUndefined();
  });

  it('answers 400 naming the field for a bad email, a short password or a missing name', async () => {
    const badEmail = await register(t, { email: 'not-an-email', password: 'long enough', name: 'Bad' });
    expect(badEmail.statusCode).toBe(400);
    expect(badEmail.json().error.code).toBe('invalid_input');
    expect(fieldPaths(badEmail)).toContain('email');

    const short = await register(t, { email: email(), password: 'short', name: 'Short' });
    expect(short.statusCode).toBe(400);
    expect(fieldPaths(short)).toContain('password');

    const noName = await register(t, { email: email(), password: 'long enough' });
    expect(noName.statusCode).toBe(400);
    expect(fieldPaths(noName)).toContain('name');
  });

  it('answers 400 naming the password for one made only of whitespace, and for a common one', async () => {
    for (const [password, code] of [
      ['        ', 'password_blank'],
      ['\t \n \t \n \t', 'password_blank'],
      ['password1', 'password_common'],
      ['Password1', 'password_common'],
      ['qwertyuiop', 'password_common'],
      ['iloveyou', 'password_common'],
    ]) {
      const address = email('weak');
      const res = await register(t, { email: address, password, name: 'Weak' });
      expect(res.statusCode, JSON.stringify(password)).toBe(400);
      expect(res.json().error.code).toBe('invalid_input');
      expect(res.json().error.details.fields).toEqual([{ path: 'password', message: expect.any(String), code }]);
      expect(res.cookies.find((c) => c.name === 'kakera_session')).toBeUndefined();
      expect((await login(t, { email: address, password })).statusCode).toBe(401);
    }
  });

  it('makes an address listed in ADMIN_EMAILS an admin', async () => {
    const res = await register(t, { email: 'Admin@Test.dev', password: 'admin password', name: 'Boss' });
    expect(res.statusCode).toBe(201);
    expect(res.json().user.role).toBe('admin');
  });
});

describe('login', () => {
  const address = `login-${Date.now()}@test.dev`;
  beforeAll(async () => {
    expect((await register(t, { email: address, password: 'open sesame!', name: 'Login' })).statusCode).toBe(201);
  });

  it('answers 200 with the user and a fresh session cookie', async () => {
    const res = await login(t, { email: address, password: 'open sesame!' });
    expect(res.statusCode).toBe(200);
    expect(res.json().user).toMatchObject({ email: address, name: 'Login', role: 'fan' });
    const cookie = res.cookies.find((c) => c.name === 'kakera_session');
    expect(cookie?.httpOnly).toBe(true);
    expect(String(cookie?.sameSite).toLowerCase()).toBe('lax');
    expect((await me(t, sessionCookie(res))).statusCode).toBe(200);
  });

  it('accepts the address in another case and with spaces around it', async () => {
    const res = await login(t, { email: `  ${address.toUpperCase()} `, password: 'open sesame!' });
    expect(res.statusCode).toBe(200);
  });

  it('answers 401 invalid_credentials for a wrong password and for an unknown address, the same way', async () => {
    const wrong = await login(t, { email: address, password: 'open sesame?' });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().error.code).toBe('invalid_credentials');
    expect(wrong.cookies.find((c) => c.name === 'kakera_session')).toBeUndefined();
    const unknown = await login(t, { email: 'nobody-here@test.dev', password: 'open sesame!' });
    expect(unknown.statusCode).toBe(401);
    expect(unknown.json().error).toEqual(wrong.json().error);
  });

  it('answers 400 for a body without a password', async () => {
    const res = await login(t, { email: address });
    expect(res.statusCode).toBe(400);
    expect(fieldPaths(res)).toContain('password');
  });
});

describe('sessions', () => {
  it('answers /api/me with 401 for guests and for unknown or malformed cookies', async () => {
    for (const cookie of [undefined, 'kakera_session=nope', `kakera_session=${'x'.repeat(500)}`, 'kakera_session=', 'other=1']) {
      const res = await me(t, cookie);
      expect(res.statusCode, String(cookie)).toBe(401);
      expect(res.json().error.code).toBe('unauthenticated');
    }
  });

  it('logout revokes that session on the server and clears the cookie; other sessions stay', async () => {
    const address = email('logout');
    const first = await register(t, { email: address, password: 'bye bye bye', name: 'Bye' });
    const a = sessionCookie(first);
    const b = sessionCookie(await login(t, { email: address, password: 'bye bye bye' }));
    expect(a).not.toBe(b);

    const out = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: a } });
    expect(out.statusCode).toBe(200);
    expect(out.json()).toEqual({ ok: true });
    const cleared = out.cookies.find((c) => c.name === 'kakera_session');
    expect(cleared).toBeDefined();
    expect(!cleared!.value || (cleared!.expires && cleared!.expires.getTime() <= Date.now()) || cleared!.maxAge === 0).toBe(true);

    // Replaying the old cookie does not work: the session is gone server-side.
    expect((await me(t, a)).statusCode).toBe(401);
    const write = await t.app.inject({ method: 'PATCH', url: '/api/me', headers: { cookie: a }, payload: { locale: 'ja' } });
    expect(write.statusCode).toBe(401);
    expect((await me(t, b)).statusCode).toBe(200);
  });

  it('logout as a guest is harmless', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/logout' });
    expect(res.statusCode).toBe(200);
  });

  it('expires sessions after their lifetime (the clock moves, nobody sleeps)', async () => {
    const res = await register(t, { email: email('ttl'), password: 'time flies!', name: 'Ttl' });
    const cookie = sessionCookie(res);
    expect((await me(t, cookie)).statusCode).toBe(200);
    const expires = res.cookies.find((c) => c.name === 'kakera_session')!.expires!;
    expect(expires.getTime()).toBeGreaterThan(t.clock.now().getTime());
    const before = t.clock.now();
    t.clock.set(expires.getTime() + 1000);
    try {
      expect((await me(t, cookie)).statusCode).toBe(401);
    } finally {
      t.clock.set(before);
    }
  });

  it('PATCH /api/me changes the locale and the name of the signed-in user', async () => {
    const cookie = sessionCookie(await register(t, { email: email('me'), password: 'my settings', name: 'Before' }));
    const res = await t.app.inject({ method: 'PATCH', url: '/api/me', headers: { cookie }, payload: { locale: 'zh-CN', name: 'After' } });
    expect(res.statusCode).toBe(200);
    expect(res.json().user).toMatchObject({ locale: 'zh-CN', name: 'After' });
    const bad = await t.app.inject({ method: 'PATCH', url: '/api/me', headers: { cookie }, payload: { locale: 'fr' } });
    expect(bad.statusCode).toBe(400);
    expect(fieldPaths(bad)).toContain('locale');
  });
});

describe('origin check on state-changing requests', () => {
  const body = { email: 'x@test.dev', password: 'whatever' };
  it('refuses another site’s Origin with 403 origin_mismatch', async () => {
    const res = await login(t, body, { headers: { origin: 'https://evil.example' } });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('origin_mismatch');
  });
  it('refuses Sec-Fetch-Site: cross-site', async () => {
    const res = await register(t, { email: email(), password: 'long enough', name: 'Cross' }, { 'sec-fetch-site': 'cross-site' });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('origin_mismatch');
  });
  it('lets its own origin through', async () => {
    const res = await login(t, body, { headers: { origin: 'http://localhost:3000', 'sec-fetch-site': 'same-origin' } });
    expect(res.statusCode).toBe(401); // reached the handler: wrong credentials, not a refused origin
  });
  it('does not apply to reads', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/categories', headers: { origin: 'https://evil.example' } });
    expect(res.statusCode).toBe(200);
  });
});

describe('security headers', () => {
  it('sends a Content-Security-Policy and nosniff on API answers', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-security-policy']).toBeTruthy();
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });
});

describe('login rate limit (RATE_LIMIT=on) and Secure cookies behind HTTPS', () => {
  let r: TestApp;
  beforeAll(async () => {
    r = await buildTestApp({ RATE_LIMIT: 'on', PUBLIC_URL: 'https://forum.example' });
  });
  afterAll(() => r?.close());

  it('marks the session cookie Secure when PUBLIC_URL is https', async () => {
    const res = await register(r, { email: 'secure@test.dev', password: 'secure password', name: 'Secure' });
    expect(res.statusCode).toBe(201);
    expect(res.cookies.find((c) => c.name === 'kakera_session')!.secure).toBe(true);
  });

  type Res = Awaited<ReturnType<typeof login>>;
  const expectRateLimited = (res: Res, retryAfter?: number) => {
    expect(res.statusCode, res.body).toBe(429);
    const body = res.json();
    expect(body.error.code).toBe('rate_limited');
    expect(typeof body.error.message).toBe('string');
    const retry = Number(res.headers['retry-after']);
    expect(Number.isInteger(retry) && retry > 0).toBe(true);
    expect(body.error.details.retryAfterSeconds).toBe(retry);
    if (retryAfter !== undefined) expect(retry).toBe(retryAfter);
  };

  it('wrong passwords from one address never lock the owner out from another, admins included', async () => {
    const address = 'admin@test.dev';
    expect((await register(r, { email: address, password: 'the real one', name: 'Owner' })).statusCode).toBe(201);
    const statuses: number[] = [];
    for (let i = 0; i < 30; i++) {
      statuses.push((await login(r, { email: address, password: `guess ${i}` }, { remoteAddress: '203.0.113.66' })).statusCode);
    }
    // The attacker's own address is slowed down …
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.slice(5).every((s) => s === 429)).toBe(true);
    expectRateLimited(await login(r, { email: address, password: 'the real one' }, { remoteAddress: '203.0.113.66' }));
    // … and the owner, from theirs, signs in at once.
    const owner = await login(r, { email: address, password: 'the real one' }, { remoteAddress: '198.51.100.20' });
    expect(owner.statusCode, owner.body).toBe(200);
    expect(owner.json().user.role).toBe('admin');
  });

  it('delays grow with each wrong password and pass with time (the clock moves, nobody sleeps)', async () => {
    const address = 'slow@test.dev';
    const ip = '203.0.113.70';
    expect((await register(r, { email: address, password: 'slow and steady', name: 'Slow' })).statusCode).toBe(201);
    for (let i = 0; i < 5; i++) expect((await login(r, { email: address, password: 'nope' }, { remoteAddress: ip })).statusCode).toBe(401);
    for (const wait of [1, 2, 4, 8]) {
      expectRateLimited(await login(r, { email: address, password: 'nope' }, { remoteAddress: ip }), wait);
      r.clock.advanceSeconds(wait - 0.5);
      expectRateLimited(await login(r, { email: address, password: 'nope' }, { remoteAddress: ip }), 1);
      r.clock.advanceSeconds(0.5);
      expect((await login(r, { email: address, password: 'nope' }, { remoteAddress: ip })).statusCode).toBe(401);
    }
    expectRateLimited(await login(r, { email: address, password: 'slow and steady' }, { remoteAddress: ip }), 16);
    r.clock.advanceSeconds(16);
    expect((await login(r, { email: address, password: 'slow and steady' }, { remoteAddress: ip })).statusCode).toBe(200);
    // Signing in forgot this address's failures on this account.
    for (let i = 0; i < 5; i++) expect((await login(r, { email: address, password: 'nope' }, { remoteAddress: ip })).statusCode).toBe(401);
  });

  it('a burst of parallel guesses is counted as it starts: only the free ones reach the password check', async () => {
    const address = 'burst@test.dev';
    expect((await register(r, { email: address, password: 'hold the line', name: 'Burst' })).statusCode).toBe(201);
    const all = await Promise.all(
      Array.from({ length: 15 }, (_, i) => login(r, { email: address, password: `guess ${i}` }, { remoteAddress: '203.0.113.80' })),
    );
    expect(all.filter((res) => res.statusCode === 401)).toHaveLength(5);
    expect(all.filter((res) => res.statusCode === 429)).toHaveLength(10);
  });

  it('successful logins do not spend anyone’s budget: an office behind one address signs in all day', async () => {
    const office = '198.51.100.99';
    const people = ['office-a@test.dev', 'office-b@test.dev', 'office-c@test.dev'];
    for (const address of people) {
      expect((await register(r, { email: address, password: 'office password', name: 'Office' })).statusCode).toBe(201);
    }
    for (let i = 0; i < 45; i++) {
      const res = await login(r, { email: people[i % 3]!, password: 'office password' }, { remoteAddress: office });
      expect(res.statusCode, `login ${i}: ${res.body}`).toBe(200);
    }
    // The whole allowance of mistakes is still there.
    for (let i = 0; i < 5; i++) {
      expect((await login(r, { email: people[0]!, password: 'typo' }, { remoteAddress: office })).statusCode).toBe(401);
    }
  });

  it('delays one address guessing across many accounts, and not others; the delay passes', async () => {
    const ip = '192.0.2.77';
    const statuses: number[] = [];
    for (let i = 0; i < 25; i++) {
      statuses.push((await login(r, { email: `spray-${i}@test.dev`, password: 'Summer2026!' }, { remoteAddress: ip })).statusCode);
    }
    expect(statuses.slice(0, 20).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(20).every((s) => s === 429)).toBe(true);
    expectRateLimited(await login(r, { email: 'spray-99@test.dev', password: 'x' }, { remoteAddress: ip }), 1);
    const other = await login(r, { email: 'spray-0@test.dev', password: 'Summer2026!' }, { remoteAddress: '198.51.100.5' });
    expect(other.statusCode).toBe(401);
    r.clock.advanceSeconds(1);
    expect((await login(r, { email: 'spray-99@test.dev', password: 'x' }, { remoteAddress: ip })).statusCode).toBe(401);
  });
});
