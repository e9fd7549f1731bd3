import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildTestApp, createCategory, createThread, createUser, reply, type TestApp, type TestUser } from './helpers.ts';

// Thousands of malformed requests to every route of the OpenAPI document
// (so routes added later are fuzzed too): random JSON, wrong types, huge
// strings, bad ids, bad cursors, bad content types, as guests and as each
// role. Nothing may answer 5xx and the server must keep answering.
// Deterministic: FUZZ_SEED and FUZZ_COUNT reproduce a run.

const SEED = Number(process.env.FUZZ_SEED ?? 20261123);
const COUNT = Number(process.env.FUZZ_COUNT ?? 3000);

function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = a;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

interface Route {
  method: string;
  path: string; // with {param}
  pathParams: string[];
  query: string[];
  bodyKeys: string[];
  hasBody: boolean;
  /** Query and body fields that take a calendar date or a timestamp. */
  dateFields: { in: 'query' | 'body'; name: string }[];
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

interface FieldSchema {
  type?: string;
  format?: string;
  pattern?: string;
}
/** A calendar date (LocalDate: YYYY-MM-DD) or a timestamp, as the OpenAPI document describes it. */
const isDateSchema = (s: FieldSchema | undefined): boolean =>
  !!s && (s.format === 'date' || s.format === 'date-time' || s.pattern === '^\\d{4}-\\d{2}-\\d{2}$');

let t: TestApp;
const routes: Route[] = [];
let users: Record<'guest' | 'fan' | 'staff' | 'executive' | 'admin' | 'suspended', TestUser | null>;
const known = {
  threadIds: [] as number[],
  postIds: [] as number[],
  userIds: [] as number[],
  slugs: [] as string[],
  categoryIds: [] as number[],
};

beforeAll(async () => {
  t = await buildTestApp();
  const admin = await createUser(t, { role: 'admin', name: 'Fuzz Admin' });
  users = {
    guest: null,
    fan: await createUser(t, { name: 'Fuzz Fan' }),
    staff: await createUser(t, { role: 'staff', name: 'Fuzz Staff' }),
    executive: await createUser(t, { role: 'executive', name: 'Fuzz Exec' }),
    admin,
    suspended: await createUser(t, { name: 'Fuzz Suspended', suspended: true }),
  };
  for (let c = 0; c < 2; c++) {
    const category = await createCategory(t, admin);
    known.slugs.push(category.slug);
    known.categoryIds.push(category.id);
    for (let i = 0; i < 3; i++) {
      const thread = await createThread(t, users.fan!, category.id, { kind: i === 0 ? 'bug' : 'question', report: { device: 'Pixel' } });
      known.threadIds.push(thread.id);
      known.postIds.push((await reply(t, users.staff!, thread.id, 'Staff answer')).id);
      known.postIds.push((await reply(t, users.fan!, thread.id, 'Fan reply')).id);
    }
  }
  known.userIds.push(...Object.values(users).flatMap((u) => (u ? [u.id] : [])));

  const doc = t.app.swagger() as {
    paths: Record<
      string,
      Record<
        string,
        {
          parameters?: { name: string; in: string; schema?: FieldSchema }[];
          requestBody?: { content?: Record<string, { schema?: Record<string, unknown> }> };
        }
      >
    >;
  };
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      const params = op.parameters ?? [];
      const schema = op.requestBody?.content?.['application/json']?.schema as
        { properties?: Record<string, FieldSchema & { properties?: Record<string, FieldSchema> }> } | undefined;
      const bodyKeys = Object.keys(schema?.properties ?? {});
      const dateFields: Route['dateFields'] = params
        .filter((p) => p.in === 'query' && isDateSchema(p.schema))
        .map((p) => ({ in: 'query', name: p.name }));
      for (const [k, v] of Object.entries(schema?.properties ?? {})) {
        if (isDateSchema(v)) dateFields.push({ in: 'body', name: k });
        for (const [inner, innerSchema] of Object.entries(v?.properties ?? {})) {
          bodyKeys.push(`${k}.${inner}`);
          if (isDateSchema(innerSchema)) dateFields.push({ in: 'body', name: `${k}.${inner}` });
        }
      }
      routes.push({
        method: method.toUpperCase(),
        path,
        pathParams: params.filter((p) => p.in === 'path').map((p) => p.name),
        query: params.filter((p) => p.in === 'query').map((p) => p.name),
        bodyKeys,
        hasBody: Boolean(op.requestBody),
        dateFields,
      });
    }
  }
}, 120_000);
afterAll(() => t?.close());

/** encodeURIComponent that also takes lone surrogates (sent as the raw, invalid UTF-8 bytes). */
const enc = (s: string): string => {
  try {
    return encodeURIComponent(s);
  } catch {
    return s.replace(/[\s\S]/g, (c) => {
      try {
        return encodeURIComponent(c);
      } catch {
        return '%ED%A0%80';
      }
    });
  }
};
const b64 = (v: unknown) => Buffer.from(typeof v === 'string' ? v : JSON.stringify(v)).toString('base64url');

const NASTY_STRINGS = [
  '',
  ' ',
  'a',
  'null',
  'undefined',
  'true',
  '0',
  '-1',
  '1.5',
  '1e309',
  '-0',
  'NaN',
  'Infinity',
  '0x10',
  '2147483648',
  '9223372036854775808',
  '99999999999999999999999',
  '2026-13-45',
  '2026-02-30',
  '0000-00-00',
  '9999-12-31',
  '24:61',
  "' or 1=1 --",
  '"; drop table users; --',
  '\\',
  '%',
  '_',
  '%00',
  '\u0000',
  '\u0000null',
  '\ud800',
  '𝕏𝕐ℤ',
  '日本語の文字列',
  '中文字符串',
  '<script>alert(1)</script>',
  '../../etc/passwd',
  '{"a":1}',
  '[1,2]',
  'a'.repeat(201),
  'x'.repeat(5000),
  'admin@kakera.test',
  'fan@test.dev',
  'javascript:alert(1)',
  'bug',
  'top',
  'staff',
  'admin',
  'day',
  'unanswered',
];

const NASTY_CURSORS = [
  '',
  '!!!',
  '====',
  b64('['),
  b64('null'),
  b64('{}'),
  b64([]),
  b64(['x']),
  b64([1, 2, 3]),
  b64(['2026-01-01T00:00:00.000Z', 1]),
  b64(['2026-01-01T00:00:00.000Z', 1.5]),
  b64(['2026-01-01T00:00:00.000Z', -1]),
  b64(['2026-01-01T00:00:00.000Z', 1e30]),
  b64(['2026-01-01T00:00:00.000Z', 2 ** 31]),
  b64(['2026-01-01T00:00:00.000Z', 2 ** 53]),
  b64(['not a date', 1]),
  b64(['', 1]),
  b64(['275760-09-13T00:00:00.001Z', 1]),
  b64(['-271821-04-20T00:00:00.000Z', 1]),
  b64(['0000-01-01T00:00:00.000Z', 1]),
  b64(['0001-01-01T00:00:00.000Z', 1]),
  b64(['9999-12-31T23:59:59.999Z', 1]),
  b64(['1', 1]),
  b64([1, 1]),
  b64([1.5, 1]),
  b64([1e30, 1]),
  b64([-1e30, -1e30]),
  b64([2 ** 31, 2 ** 31]),
  b64([1, 'x']),
  b64([null, null]),
  b64([[], {}]),
  b64(['2026-01-01T00:00:00.000Z', '1']),
  b64(['a'.repeat(150), 1]),
  b64([1, 2]).repeat(3),
  'x'.repeat(201),
];

const IDS = [
  '0',
  '-1',
  '1',
  '1.5',
  '1e3',
  '1e309',
  '2147483647',
  '2147483648',
  '99999999999999999999',
  'abc',
  'null',
  '%20',
  '%00',
  '0x1f',
  ' 1',
  '+1',
  '١٢',
  'a'.repeat(199),
];

function generator(rand: () => number) {
  const int = (n: number) => Math.floor(rand() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)]!;
  const chance = (p: number) => rand() < p;

  const knownId = () => String(pick([...known.threadIds, ...known.postIds, ...known.userIds, ...known.categoryIds]));
  const randomString = (): string => {
    if (chance(0.6)) return pick(NASTY_STRINGS);
    const len = pick([1, 3, 8, 40, 200, 1000]);
    let s = '';
    for (let i = 0; i < len; i++) s += String.fromCharCode(chance(0.9) ? 32 + int(95) : int(0xffff));
    return s;
  };
  const value = (depth = 0): Json => {
    const r = rand();
    if (r < 0.12) return null;
    if (r < 0.2) return chance(0.5);
    if (r < 0.38)
      return pick([
        0,
        -1,
        1,
        2,
        1.5,
        -0.5,
        2 ** 31,
        -(2 ** 31) - 1,
        2 ** 53,
        1e308,
        -1e308,
        Number.MAX_SAFE_INTEGER,
        ...known.threadIds,
        ...known.postIds,
      ]);
    if (r < 0.75) return randomString();
    if (r < 0.87 && depth < 4) return Array.from({ length: int(4) }, () => value(depth + 1));
    if (depth < 4) {
      const o: Record<string, Json> = {};
      for (let i = 0; i < int(4); i++)
        o[pick(['a', 'id', 'body', '__proto__', 'constructor', 'toString', 'kind', randomString().slice(0, 20)])] = value(depth + 1);
      return o;
    }
    return 'deep';
  };
  const deep = (n: number): Json => (n === 0 ? 1 : [deep(n - 1)]);

  const plausible = (key: string): Json => {
    const leaf = key.split('.').pop()!;
    const table: Record<string, Json[]> = {
      email: ['fuzz@test.dev', 'ADMIN@KAKERA.TEST', 'not-an-email', `f${int(1e6)}@test.dev`],
      password: ['correct horse battery', 'short', 'x'.repeat(201)],
      name: ['Fuzzy', 'x', 'x'.repeat(41)],
      title: ['A fuzzed title', 'ab', 'x'.repeat(161)],
      body: ['Fuzzed body', '   ', 'x'.repeat(50_001)],
      kind: ['bug', 'question', 'discussion', 'suggestion', 'poem'],
      categoryId: [...known.categoryIds, 0, 987654],
      postId: [...known.postIds, 0, 987654],
      slug: ['fuzz-board', 'Bad Slug', 'a', '-x-'],
      slaTargetSeconds: [1, 0, 900, 30 * 24 * 3600 + 1, 1.5],
      role: ['fan', 'staff', 'executive', 'admin', 'root'],
      team: ['Support', '', null, 'x'.repeat(61)],
      suspended: [true, false, 'yes'],
      solved: [true, false, 'no'],
      locale: ['en', 'ja', 'zh-CN', 'fr', null],
      reason: ['spam', '', 'x'.repeat(1000)],
      position: [0, -1, 10_001],
      report: [{ device: 'Pixel' }, { device: 'x'.repeat(121) }, 'report'],
    };
    return table[leaf] ? pick(table[leaf]!) : value();
  };

  const body = (route: Route): { payload?: string | Buffer; contentType?: string } => {
    const r = rand();
    if (r < 0.45 && route.bodyKeys.length) {
      const o: Record<string, Json> = {};
      for (const key of route.bodyKeys) {
        if (chance(0.25)) continue;
        const v = chance(0.5) ? plausible(key) : value();
        const [head, tail] = key.split('.');
        if (tail) {
          const inner = (o[head!] && typeof o[head!] === 'object' && !Array.isArray(o[head!]) ? o[head!] : {}) as Record<string, Json>;
          inner[tail] = v;
          o[head!] = inner;
        } else o[head!] = v;
      }
      if (chance(0.1)) o[randomString().slice(0, 30) || 'extra'] = value();
      return { payload: JSON.stringify(o), contentType: 'application/json' };
    }
    if (r < 0.65) return { payload: JSON.stringify(value()), contentType: 'application/json' };
    if (r < 0.73)
      return {
        payload: pick([
          '{',
          '{"a":',
          '[1,',
          'nul',
          '{"body": "unterminated',
          '\u0000',
          '{"a":1}garbage',
          '{"__proto__":{"polluted":1}}',
          '{"constructor":{"prototype":{"x":1}}}',
        ]),
        contentType: 'application/json',
      };
    if (r < 0.77) return { payload: JSON.stringify(deep(pick([50, 500, 2000]))), contentType: 'application/json' };
    if (r < 0.8)
      return {
        payload: JSON.stringify({ body: 'x'.repeat(pick([60_000, 1_100_000])), title: 'Huge', categoryId: known.categoryIds[0] }),
        contentType: 'application/json',
      };
    if (r < 0.85)
      return {
        payload: 'body=hello&title=world',
        contentType: pick([
          'application/x-www-form-urlencoded',
          'text/plain',
          'multipart/form-data; boundary=x',
          'application/xml',
          'application/json; charset=utf-16',
        ]),
      };
    if (r < 0.9) return { payload: Buffer.from([0xff, 0xfe, 0x00, 0x7b, 0x22]), contentType: 'application/json' };
    if (r < 0.95) return { payload: '', contentType: 'application/json' };
    return {};
  };

  const pathValue = (name: string): string => {
    const r = rand();
    if (name === 'slug') {
      if (r < 0.3) return pick(known.slugs);
      if (r < 0.5) return enc(randomString().slice(0, 60)) || 'x';
    }
    if (name === 'key')
      return enc(pick(['KAK-1', 'KAK-0', 'kak-1', 'KAK-99999999999999', 'X', '', 'KAK--1', randomString().slice(0, 40)])) || 'x';
    if (name === 'date')
      return (
        enc(pick(['2026-01-15', '2026-13-01', '2026-02-30', '0000-01-01', '99999-01-01', 'today', randomString().slice(0, 20)])) || 'x'
      );
    if (r < 0.35) return knownId();
    if (r < 0.85) return enc(pick(IDS));
    return enc(randomString().slice(0, 80)) || 'x';
  };

  const queryValue = (name: string): string => {
    if (name === 'cursor') return chance(0.8) ? pick(NASTY_CURSORS) : randomString();
    if (chance(0.3)) {
      const table: Record<string, string[]> = {
        sort: ['latest', 'newest', 'top', 'votes', 'bogus'],
        filter: ['unanswered', 'answered'],
        limit: ['1', '100', '101', '0', '-5', '1.5', '1e2'],
        groupBy: ['day', 'staff', 'team', 'category', 'week'],
        from: ['2026-01-01', '2026-13-01', '1970-01-01', '9999-12-31'],
        to: ['2026-01-31', '2025-01-01', '0001-01-01', '2026-02-30', '9999-12-31', '0000-01-01'],
        q: ['通知', 'battery', '%', '_', '\\', "'"],
      };
      if (table[name]) return pick(table[name]!);
    }
    return chance(0.5) ? pick(IDS) : randomString();
  };

  return {
    request(route: Route): { options: InjectOptions; label: string; actor: keyof typeof users } {
      const actor = pick(['guest', 'fan', 'staff', 'executive', 'admin', 'suspended'] as const);
      let path = route.path;
      for (const p of route.pathParams) path = path.replace(`{${p}}`, pathValue(p));
      const qs: string[] = [];
      for (const q of route.query) if (chance(0.6)) qs.push(`${q}=${enc(queryValue(q))}`);
      if (chance(0.1)) qs.push(`${pick(route.query.length ? route.query : ['x'])}=${enc(randomString())}`); // duplicates
      if (chance(0.05)) qs.push(`${enc(randomString().slice(0, 20))}=1`);
      const method = chance(0.04) ? pick(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD']) : route.method;
      const headers: Record<string, string> = {};
      const user = users[actor];
      if (user) headers.cookie = chance(0.05) ? `kakera_session=${enc(randomString())}` : user.cookie;
      const options: InjectOptions = {
        method: method as InjectOptions['method'],
        url: `${path}${qs.length ? `?${qs.join('&')}` : ''}`,
        headers,
      };
      if (method !== 'GET' && method !== 'HEAD' && (route.hasBody || chance(0.3))) {
        const b = body(route);
        if (b.payload !== undefined) options.payload = b.payload;
        if (b.contentType) headers['content-type'] = b.contentType;
      }
      return { options, label: `${route.method} ${route.path}`, actor };
    },
  };
}

/** 4xx answers without the documented `{ error: { code, message } }` body, from every phase. */
const shapeFailures: Failure[] = [];

async function refreshSessions() {
  for (const user of Object.values(users)) {
    if (!user) continue;
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: user.email, password: 'correct horse battery' },
    });
    const c = res.cookies.find((x) => x.name === 'kakera_session');
    if (res.statusCode === 200 && c) user.cookie = `kakera_session=${c.value}`;
  }
}

interface Failure {
  label: string;
  actor: string;
  method: string;
  url: string;
  payload: string;
  status: number;
  response: string;
}

async function fire(
  options: InjectOptions,
  label: string,
  actor: string,
  failures: Failure[],
  statuses: Map<string, Map<number, number>>,
): Promise<LightMyRequestResponse> {
  const res = await t.app.inject(options);
  const perRoute = statuses.get(label) ?? new Map<number, number>();
  perRoute.set(res.statusCode, (perRoute.get(res.statusCode) ?? 0) + 1);
  statuses.set(label, perRoute);
  const payload =
    options.payload === undefined ? '' : Buffer.isBuffer(options.payload) ? `<${options.payload.length} bytes>` : String(options.payload);
  const record = {
    label,
    actor,
    method: String(options.method),
    url: String(options.url).slice(0, 300),
    payload: payload.slice(0, 300),
    status: res.statusCode,
    response: res.body.slice(0, 300),
  };
  if (res.statusCode >= 500) failures.push(record);
  else if (res.statusCode >= 400 && options.method !== 'HEAD' && !isErrorBody(res)) shapeFailures.push(record);
  return res;
}

function isErrorBody(res: LightMyRequestResponse): boolean {
  try {
    const body = res.json() as { error?: { code?: unknown; message?: unknown } };
    return typeof body.error?.code === 'string' && typeof body.error?.message === 'string';
  } catch {
    return false;
  }
}

function report(failures: Failure[]): string {
  const groups = new Map<string, Failure[]>();
  for (const f of failures) {
    let code = f.response.slice(0, 80);
    try {
      const body = JSON.parse(f.response) as { error?: { code?: string; message?: string } | string; code?: string };
      code =
        typeof body.error === 'object' ? `${body.error.code}: ${String(body.error.message).slice(0, 80)}` : `${body.code ?? body.error}`;
    } catch {
      // not JSON: keep the raw start
    }
    const key = `${f.status} ${f.label} :: ${code}`;
    groups.set(key, [...(groups.get(key) ?? []), f]);
  }
  return [...groups.entries()]
    .map(([key, fs]) => `${fs.length}× ${key}\n    e.g. ${fs[0]!.actor} ${fs[0]!.method} ${fs[0]!.url} ${fs[0]!.payload.slice(0, 160)}`)
    .join('\n');
}

describe('fuzz', () => {
  it('covers every route of the OpenAPI document', () => {
    const labels = routes.map((r) => `${r.method} ${r.path}`);
    for (const must of [
      'POST /api/auth/register',
      'POST /api/auth/login',
      'POST /api/threads',
      'GET /api/categories/{slug}/threads',
      'PATCH /api/posts/{id}',
      'PATCH /api/users/{id}',
    ]) {
      expect(labels).toContain(must);
    }
  });

  it('bad cursors, ids and pages are answered with 4xx on every route that takes them', async () => {
    const failures: Failure[] = [];
    const statuses = new Map<string, Map<number, number>>();
    for (const route of routes.filter((r) => r.method === 'GET')) {
      for (const actor of ['guest', 'staff'] as const) {
        const headers = users[actor] ? { cookie: users[actor]!.cookie } : {};
        const fill = (v: (name: string) => string) => route.pathParams.reduce((p, name) => p.replace(`{${name}}`, v(name)), route.path);
        const base = fill((name) =>
          name === 'slug' ? known.slugs[0]! : name === 'id' ? String(known.threadIds[0]) : name === 'date' ? '2026-01-15' : 'KAK-1',
        );
        if (route.query.includes('cursor')) {
          for (const cursor of NASTY_CURSORS) {
            await fire(
              { method: 'GET', url: `${base}?cursor=${enc(cursor)}`, headers },
              `${route.method} ${route.path}`,
              actor,
              failures,
              statuses,
            );
          }
        }
        for (const q of route.query) {
          for (const v of ['-1', '0', '1.5', '1e309', '99999999999999999999', 'abc', '', '%', '\u0000', 'x'.repeat(300)]) {
            await fire(
              { method: 'GET', url: `${base}?${q}=${enc(v)}`, headers },
              `${route.method} ${route.path}`,
              actor,
              failures,
              statuses,
            );
          }
        }
        for (const id of IDS) {
          if (!route.pathParams.length) break;
          await fire({ method: 'GET', url: fill(() => enc(id)), headers }, `${route.method} ${route.path}`, actor, failures, statuses);
        }
      }
    }
    expect(failures.length, report(failures)).toBe(0);
  }, 120_000);

  it(`${COUNT} random malformed requests (seed ${SEED}) get no 5xx`, async () => {
    const rand = mulberry32(SEED);
    const gen = generator(rand);
    const failures: Failure[] = [];
    const statuses = new Map<string, Map<number, number>>();
    for (let i = 0; i < COUNT; i++) {
      // Fuzzed logouts and suspensions end sessions; sign everyone in again now and then so roles keep being exercised.
      if (i % 200 === 199) await refreshSessions();
      const route = routes[i % routes.length]!;
      const { options, label, actor } = gen.request(route);
      await fire(options, label, actor, failures, statuses);
    }
    if (process.env.FUZZ_VERBOSE) {
      for (const [label, m] of statuses)
        console.log(
          label.padEnd(48),
          [...m.entries()]
            .sort()
            .map(([s, n]) => `${s}:${n}`)
            .join(' '),
        );
    }
    // The fuzz must reach past validation at least sometimes, or it tests nothing.
    const successes = [...statuses.values()].reduce(
      (n, m) => n + [...m.entries()].filter(([s]) => s < 300).reduce((a, [, c]) => a + c, 0),
      0,
    );
    expect(successes).toBeGreaterThan(COUNT / 50);
    expect(failures.length, `bad answers:\n${report(failures)}`).toBe(0);
  }, 300_000);

  it('NUL characters and other unstorable text in any field are refused with 400, not 500', async () => {
    const failures: Failure[] = [];
    const statuses = new Map<string, Map<number, number>>();
    const [threadId, postId] = [known.threadIds[0]!, known.postIds[0]!];
    const admin = { cookie: users.admin!.cookie };
    const fan = { cookie: users.fan!.cookie };
    const nul = 'nul\u0000here';
    const cases: [string, string, Record<string, string>, object | undefined][] = [
      ['POST', '/api/auth/register', {}, { email: 'nul@test.dev', password: 'long enough', name: nul }],
      ['POST', '/api/auth/login', {}, { email: nul, password: 'long enough' }],
      ['POST', '/api/auth/login', {}, { email: 'nul@test.dev', password: nul }],
      ['PATCH', '/api/me', fan, { name: nul }],
      ['POST', '/api/threads', fan, { categoryId: known.categoryIds[0], title: nul, body: 'ok' }],
      ['POST', '/api/threads', fan, { categoryId: known.categoryIds[0], title: 'Title ok', body: nul }],
      [
        'POST',
        '/api/threads',
        fan,
        { categoryId: known.categoryIds[0], title: 'Title ok', body: 'ok', kind: 'bug', report: { device: nul } },
      ],
      ['POST', `/api/threads/${threadId}/posts`, fan, { body: nul }],
      ['PATCH', `/api/posts/${postId}`, admin, { body: nul }],
      ['POST', '/api/categories', admin, { slug: 'nul-board', name: nul, description: nul }],
      ['PATCH', `/api/categories/${known.slugs[0]}`, admin, { description: nul }],
      ['PATCH', `/api/users/${users.fan!.id}`, admin, { team: nul }],
      ['GET', `/api/categories/${enc(nul)}`, {}, undefined],
      ['GET', `/api/categories/${enc(nul)}/threads`, {}, undefined],
      ['GET', `/api/users?q=${enc(nul)}`, admin, undefined],
    ];
    for (const [method, url, headers, payload] of cases) {
      const res = await fire(
        { method: method as InjectOptions['method'], url, headers, ...(payload && { payload }) },
        `${method} ${url}`,
        'x',
        failures,
        statuses,
      );
      expect(res.statusCode, `${method} ${url}: ${res.body}`).toBeLessThan(500);
    }
    expect(failures.length, report(failures)).toBe(0);
  });

  // Strings that are not Unicode (lone surrogates, which JSON can carry) or
  // that no text column takes (NUL), in every field of every route: always a
  // 400 that names the field, never a 500 from the database or the audit log.
  it('invalid Unicode and NUL in every body, query and path field are refused with 400 naming the field', async () => {
    const failures: Failure[] = [];
    const unnamed: string[] = [];
    const statuses = new Map<string, Map<number, number>>();
    const headers = { cookie: users.admin!.cookie };
    const BAD = ['\ud800', 'ok \udc00 ok', 'high \udbff', 'nul\u0000here'];
    // Over HTTP a URL carries bytes: NUL arrives as %00, a lone surrogate only as its CESU-8 bytes.
    const BAD_IN_URL = ['%00', 'a%00b', '%ED%A0%80', 'x%ED%B0%80'];
    const validParam = (name: string) => (name === 'slug' ? known.slugs[0]! : name === 'id' ? String(known.threadIds[0]) : '2026-01-15');
    const expectNamed = (res: LightMyRequestResponse, where: string, path: string, label: string) => {
      const fields = (res.json() as { error?: { details?: { fields?: { path: string }[] } } }).error?.details?.fields ?? [];
      if (res.statusCode !== 400 || !fields.some((f) => f.path === path))
        unnamed.push(`${label} ${where} ${path}: ${res.statusCode} ${res.body.slice(0, 160)}`);
    };
    for (const route of routes) {
      const label = `${route.method} ${route.path}`;
      const method = route.method as InjectOptions['method'];
      const base = route.pathParams.reduce((p, name) => p.replace(`{${name}}`, validParam(name)), route.path);
      for (const key of route.bodyKeys) {
        for (const bad of BAD) {
          const [head, tail] = key.split('.') as [string, string | undefined];
          const payload = JSON.stringify(tail ? { [head]: { [tail]: bad } } : { [head]: bad });
          const res = await fire(
            { method, url: base, headers: { ...headers, 'content-type': 'application/json' }, payload },
            label,
            'admin',
            failures,
            statuses,
          );
          expectNamed(res, 'body', key, label);
        }
      }
      if (route.hasBody) {
        for (const [payload, path] of [
          ['"\\ud800"', 'body'],
          ['{"\\udc00": 1}', '\udc00'],
          ['[{"a": ["ok", "\\u0000"]}]', '0.a.1'],
        ] as const) {
          const res = await fire(
            { method, url: base, headers: { ...headers, 'content-type': 'application/json' }, payload },
            label,
            'admin',
            failures,
            statuses,
          );
          expectNamed(res, 'body', path, label);
        }
      }
      for (const q of route.query) {
        for (const bad of BAD_IN_URL) {
          const res = await fire({ method, url: `${base}?${q}=${bad}`, headers }, label, 'admin', failures, statuses);
          if (bad.includes('%00')) expectNamed(res, 'query', q, label);
        }
      }
      for (const p of route.pathParams) {
        for (const bad of BAD_IN_URL) {
          const url = route.pathParams.reduce((acc, name) => acc.replace(`{${name}}`, name === p ? bad : validParam(name)), route.path);
          const res = await fire({ method, url, headers, ...(route.hasBody && { payload: {} }) }, label, 'admin', failures, statuses);
          if (bad.includes('%00')) expectNamed(res, 'path', p, label);
        }
      }
    }
    expect(failures.length, report(failures)).toBe(0);
    expect(unnamed, unnamed.join('\n')).toEqual([]);
  });

  it('dates out of range in every date field are refused with 400 naming the field', async () => {
    const dated = routes.filter((r) => r.dateFields.length);
    // The fuzz must find the date fields, or this checks nothing.
    expect(dated.map((r) => `${r.method} ${r.path}`)).toContain('GET /api/sla/stats');
    const failures: Failure[] = [];
    const unnamed: string[] = [];
    const statuses = new Map<string, Map<number, number>>();
    const headers = { cookie: users.admin!.cookie };
    // Well-formed days outside the accepted range (each one once broke a page or a query), then malformed ones.
    const OUT_OF_RANGE = ['9999-12-31', '0000-01-01', '0001-01-01', '0099-12-31', '1900-01-01', '1969-12-31', '1999-12-31', '2101-01-01'];
    const MALFORMED = ['275760-09-13', '+275760-09-13', '-000001-01-01', '99999-01-01', '2026-00-10', '2026-02-29T00:00:00Z'];
    const IN_RANGE = ['2000-01-01', '2026-01-15', '2100-12-31'];
    for (const route of dated) {
      const label = `${route.method} ${route.path}`;
      const base = route.pathParams.reduce(
        (p, name) => p.replace(`{${name}}`, name === 'slug' ? known.slugs[0]! : String(known.threadIds[0])),
        route.path,
      );
      const send = (values: Record<string, string>) => {
        const query = route.dateFields.filter((f) => f.in === 'query' && values[f.name] !== undefined);
        const body = route.dateFields.filter((f) => f.in === 'body' && values[f.name] !== undefined);
        const qs = query.map((f) => `${f.name}=${enc(values[f.name]!)}`).join('&');
        return fire(
          {
            method: route.method as InjectOptions['method'],
            url: qs ? `${base}?${qs}` : base,
            headers,
            ...(route.hasBody && { payload: Object.fromEntries(body.map((f) => [f.name, values[f.name]!])) }),
          },
          label,
          'admin',
          failures,
          statuses,
        );
      };
      for (const field of route.dateFields) {
        const others = route.dateFields.filter((f) => f !== field);
        for (const bad of [...OUT_OF_RANGE, ...MALFORMED]) {
          // Alone, beside every in-range value of the other date fields, and beside another bad one.
          const combos: Record<string, string>[] = [{ [field.name]: bad }];
          for (const other of others) {
            for (const good of IN_RANGE) combos.push({ [field.name]: bad, [other.name]: good });
            combos.push({ [field.name]: bad, [other.name]: bad });
          }
          for (const values of combos) {
            const res = await send(values);
            const fields = (res.json() as { error?: { details?: { fields?: { path: string }[] } } }).error?.details?.fields ?? [];
            if (res.statusCode !== 400 || !fields.some((f) => f.path === field.name))
              unnamed.push(`${label} ${JSON.stringify(values)}: ${res.statusCode} ${res.body.slice(0, 160)}`);
          }
        }
      }
      // The edges of the range are accepted.
      for (const good of IN_RANGE) {
        const res = await send(Object.fromEntries(route.dateFields.map((f) => [f.name, good])));
        expect(res.statusCode, `${label} ${good}: ${res.body}`).toBeLessThan(400);
      }
    }
    expect(failures.length, report(failures)).toBe(0);
    expect(unnamed, unnamed.join('\n')).toEqual([]);
  });

  it('every 4xx answer has the documented error body { error: { code, message } }', () => {
    expect(shapeFailures.length, `answers without the error body:\n${report(shapeFailures)}`).toBe(0);
  });

  it('the server still answers afterwards', async () => {
    const health = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(health.statusCode).toBe(200);
    expect(health.json().database).toBe('up');
    await refreshSessions();
    // As staff: the fuzz may well have hidden the thread, with a valid reason, as an admin.
    const thread = await t.app.inject({
      method: 'GET',
      url: `/api/threads/${known.threadIds[0]}`,
      headers: { cookie: users.staff!.cookie },
    });
    expect(thread.statusCode, thread.body).toBe(200);
    const me = await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: users.admin!.cookie } });
    expect(me.statusCode).toBe(200);
    expect(me.json().user.role).toBe('admin');
  });
});
