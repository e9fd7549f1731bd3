import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { explainSearch } from '@kakera/core';
import { posts, rowsOf, threads } from '@kakera/db';
import { buildTestApp, createCategory, createThread, createUser, reply, type TestApp, type TestUser } from './helpers.ts';

// Search on a real database (PGlite here; PostgreSQL with TEST_DATABASE_URL):
// real Chinese text and its exact word counts, Japanese, English stems,
// filters, ranking, who finds what, and a plan that uses the index.

let t: TestApp;
let admin: TestUser;
let fan: TestUser;
let otherFan: TestUser;
let staff: TestUser;

beforeAll(async () => {
  t = await buildTestApp();
  admin = await createUser(t, { role: 'admin', name: 'Search Admin' });
  fan = await createUser(t, { name: 'Search Fan' });
  otherFan = await createUser(t, { name: 'Other Fan' });
  staff = await createUser(t, { role: 'staff', name: 'Search Staff' });
});
afterAll(() => t?.close());

interface Result {
  threadId: number;
  postId: number;
  position: number;
  title: string;
  titleHighlights: { start: number; end: number }[];
  snippet: string;
  highlights: { start: number; end: number }[];
  titleMatch: boolean;
  kind: string;
  category: { id: number; slug: string; name: string };
  author: { id: number; name: string };
  solved: boolean;
  hidden: boolean;
}

async function search(query: Record<string, string | number>, who?: TestUser) {
  const res = await t.app.inject({
    method: 'GET',
    url: `/api/search?${new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)]))}`,
    headers: who ? { cookie: who.cookie } : {},
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { results: Result[]; nextCursor: string | null };
}

/** Every result of a search, page after page. */
async function searchAll(query: Record<string, string | number>, who?: TestUser): Promise<Result[]> {
  const out: Result[] = [];
  let cursor: string | null = null;
  do {
    const page = await search({ ...query, limit: 100, ...(cursor ? { cursor } : {}) }, who);
    out.push(...page.results);
    cursor = page.nextCursor;
  } while (cursor);
  return out;
}

const marked = (text: string, ranges: { start: number; end: number }[]) => ranges.map((r) => text.slice(r.start, r.end));

// ── Cofacts 真的假的 ─────────────────────────────────────────────────────────
// ../shared/data/cofacts-zh-sample: Taiwanese fact-checkers' replies,
// Traditional Chinese, CC0 1.0 (cofacts/opendata at 6fd6b18). Its README gives,
// for 20 two-character words, how many replies contain the word (`replies`)
// and how many contain both characters but never side by side (`apart`).

const COFACTS = new URL('../../../../shared/data/cofacts-zh-sample/', import.meta.url);
const WORDS: [word: string, replies: number, apart: number][] = [
  ['疫苗', 2, 0],
  ['颱風', 3, 0],
  ['地震', 1, 0],
  ['電池', 4, 0],
  ['謠言', 282, 1],
  ['訊息', 558, 2],
  ['網路', 232, 10],
  ['政府', 83, 5],
  ['台灣', 122, 0],
  ['臺灣', 20, 1],
  ['健康', 101, 1],
  ['癌症', 46, 3],
  ['食物', 107, 41],
  ['手機', 35, 9],
  ['醫生', 64, 96],
  ['中國', 50, 123],
  ['病毒', 35, 16],
  ['信用', 6, 88],
  ['喝水', 6, 25],
  ['肝癌', 1, 12],
];

/** RFC 4180: quoted fields may hold commas, quotes ("") and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',' || c === '\n') {
      row.push(field);
      field = '';
      if (c === '\n') {
        rows.push(row);
        row = [];
      }
    } else field += c;
  }
  if (field || row.length) rows.push([...row, field]);
  return rows;
}

describe('Chinese: the Cofacts sample', () => {
  let replies: { id: string; text: string; postId: number }[] = [];

  beforeAll(async () => {
    const [header, ...rows] = parseCsv(readFileSync(new URL('replies.csv', COFACTS), 'utf8'));
    const idAt = header!.indexOf('id');
    const textAt = header!.indexOf('text');
    const category = await createCategory(t, admin, { name: 'Cofacts 真的假的' });
    // As a bulk import writes them (straight into the forum's tables), so that the backfill job indexes them.
    const now = t.clock.now();
    for (let i = 0; i < rows.length; i += 400) {
      const chunk = rows.slice(i, i + 400);
      const made = await t.database.db
        .insert(threads)
        .values(
          chunk.map((r) => ({
            categoryId: category.id,
            authorId: fan.id,
            title: `Cofacts reply ${r[idAt]}`,
            kind: 'discussion' as const,
            createdAt: now,
            lastActivityAt: now,
            lastPosition: 1,
          })),
        )
        .returning({ id: threads.id });
      const written = await t.database.db
        .insert(posts)
        .values(
          chunk.map((r, j) => ({
            threadId: made[j]!.id,
            authorId: fan.id,
            authorRole: 'fan' as const,
            body: r[textAt]!,
            html: '',
            createdAt: now,
            position: 1,
          })),
        )
        .returning({ id: posts.id });
      replies.push(...chunk.map((r, j) => ({ id: r[idAt]!, text: r[textAt]!, postId: written[j]!.id })));
    }
    replies = replies.filter((r) => r.id);
    // The job indexes what the forum's use cases did not write: 2,000 posts a run.
    for (let run = 0; run < 2; run++) {
      t.clock.advance(5000);
      expect(await t.app.jobs.runDue('search-backfill')).toBe('ran');
    }
  }, 120_000);

  it('holds the 2,292 replies of the README', () => {
    expect(replies).toHaveLength(2292);
  });

  it.each(WORDS)(
    'finds %s in exactly the replies that contain it (%i), and in none that hold its characters apart (%i)',
    async (word, count, apart) => {
      const [a, b] = [...word] as [string, string];
      const expected = new Set(replies.filter((r) => r.text.includes(word)).map((r) => r.postId));
      const apartRows = replies.filter((r) => !r.text.includes(word) && r.text.includes(a) && r.text.includes(b)).map((r) => r.postId);
      // The sample agrees with its README…
      expect([expected.size, apartRows.length]).toEqual([count, apart]);
      // …and search finds exactly those rows.
      const found = await searchAll({ q: word });
      const ids = found.map((r) => r.postId);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids.filter((id) => !expected.has(id))).toEqual([]);
      expect(ids.length).toBe(count);
      for (const id of apartRows) expect(ids).not.toContain(id);
      // Every snippet marks the word.
      for (const r of found) expect(marked(r.snippet, r.highlights)).toContain(word);
    },
  );

  it('keeps 台灣 and 臺灣 apart (two spellings, two words)', async () => {
    const tai = new Set((await searchAll({ q: '台灣' })).map((r) => r.postId));
    const both = replies.filter((r) => r.text.includes('台灣') && r.text.includes('臺灣')).length;
    const taiwan = (await searchAll({ q: '臺灣' })).filter((r) => tai.has(r.postId));
    expect(taiwan).toHaveLength(both);
  });
});

// ── Japanese and English, through the forum's own writes ────────────────────

describe('Japanese and English', () => {
  let board: { id: number; slug: string };
  let battery: number;
  let pond: number;

  beforeAll(async () => {
    board = await createCategory(t, admin, { name: 'バッテリー' });
    battery = (await createThread(t, fan, board.id, { title: '充電中に電池が熱くなる', body: 'MIUI 14 にしてから電池の減りが早いです。' }))
      .id;
    pond = (await createThread(t, fan, board.id, { title: '電気の池について', body: '池の近くで電気を使う話です。' })).id;
  });

  it('finds 電池 in a Japanese thread, marked in the title and the snippet, and not 電 … 池 apart', async () => {
    // (The Cofacts replies above hold 電池 too: this board's threads only.)
    const { results } = await search({ q: '電池', category: board.slug });
    expect(results.map((r) => r.threadId)).toEqual([battery]);
    expect(results[0]).toMatchObject({ titleMatch: true, position: 1 });
    expect(marked(results[0]!.title, results[0]!.titleHighlights)).toEqual(['電池']);
    expect(marked(results[0]!.snippet, results[0]!.highlights)).toEqual(['電池']);
    expect((await search({ q: '池', category: board.slug })).results.map((r) => r.threadId)).toContain(pond);
  });

  it('finds a longer word as its pairs side by side only', async () => {
    expect((await search({ q: '電池の減り', category: board.slug })).results.map((r) => r.threadId)).toEqual([battery]);
    expect((await search({ q: '池の減り電', category: board.slug })).results).toEqual([]);
  });

  it('finds English words by stem, in any case, all of them', async () => {
    const t1 = await createThread(t, fan, board.id, { title: 'Phone overheating', body: 'The BATTERY drains while charging.' });
    for (const q of ['battery', 'batteries', 'Drained', 'charge', 'drain batteries']) {
      expect(
        (await search({ q })).results.map((r) => r.threadId),
        q,
      ).toContain(t1.id);
    }
    expect((await search({ q: 'battery camera' })).results).toEqual([]);
  });

  it('answers nothing, not an error, for no query or common words only', async () => {
    for (const q of ['', '   ', 'the of', '!?']) expect(await search({ q })).toEqual({ results: [], nextCursor: null });
    const none = await t.app.inject({ method: 'GET', url: '/api/search?kind=bug' });
    expect(none.json()).toEqual({ results: [], nextCursor: null });
  });
});

// ── Filters, ranking, paging ────────────────────────────────────────────────

describe('filters and ranking', () => {
  let boardA: { id: number; slug: string };
  let boardB: { id: number; slug: string };
  const made: Record<string, number> = {};

  beforeAll(async () => {
    boardA = await createCategory(t, admin);
    boardB = await createCategory(t, admin);
    t.clock.set('2026-02-01T10:00:00Z');
    made.bugA = (await createThread(t, fan, boardA.id, { title: 'Quokka bug', body: 'it crashes', kind: 'bug' })).id;
    t.clock.set('2026-02-03T10:00:00Z');
    made.questionB = (
      await createThread(t, otherFan, boardB.id, { title: 'Question about setup', body: 'a quokka question', kind: 'question' })
    ).id;
    t.clock.set('2026-02-05T10:00:00Z');
    const answer = await reply(t, staff, made.questionB, 'Quokka answer: restart it');
    const accept = await t.app.inject({
      method: 'POST',
      url: `/api/threads/${made.questionB}/accept`,
      headers: { cookie: otherFan.cookie },
      payload: { postId: answer.id },
    });
    expect(accept.statusCode, accept.body).toBe(200);
    made.answer = answer.id;
  });

  const threadsOf = async (q: Record<string, string>) => (await searchAll({ q: 'quokka', ...q })).map((r) => r.threadId);

  it('filters by board, kind, author, solved and date', async () => {
    expect(await threadsOf({ category: boardA.slug })).toEqual([made.bugA]);
    expect(await threadsOf({ category: 'no-such-board' })).toEqual([]);
    expect(await threadsOf({ kind: 'bug' })).toEqual([made.bugA]);
    expect(await threadsOf({ author: String(otherFan.id) })).toEqual([made.questionB]);
    expect(await threadsOf({ author: String(staff.id) })).toEqual([made.questionB]);
    expect(new Set(await threadsOf({ solved: 'true' }))).toEqual(new Set([made.questionB]));
    expect(await threadsOf({ solved: 'false' })).toEqual([made.bugA]);
    expect(await threadsOf({ from: '2026-02-02', to: '2026-02-04' })).toEqual([made.questionB]);
    expect(await threadsOf({ to: '2026-02-01' })).toEqual([made.bugA]);
    const bad = await t.app.inject({ method: 'GET', url: '/api/search?q=quokka&from=2026-02-05&to=2026-02-01' });
    expect(bad.statusCode).toBe(400);
  });

  it('ranks title matches first, then the newest, and says whether the thread is solved', async () => {
    const results = await searchAll({ q: 'quokka' });
    expect(results.map((r) => [r.threadId, r.titleMatch])).toEqual([
      [made.bugA, true],
      [made.questionB, false], // the answer, newest
      [made.questionB, false], // the question
    ]);
    expect(results[1]).toMatchObject({ postId: made.answer, solved: true, author: { id: staff.id, name: 'Search Staff' } });
    expect(results[0]).toMatchObject({ kind: 'bug', category: { id: boardA.id, slug: boardA.slug }, solved: false });
  });

  it('pages with a cursor, one result at a time, without repeats', async () => {
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const page = await search({ q: 'quokka', limit: 1, ...(cursor ? { cursor } : {}) });
      seen.push(...page.results.map((r) => r.postId));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual((await searchAll({ q: 'quokka' })).map((r) => r.postId));
    const bad = await t.app.inject({ method: 'GET', url: '/api/search?q=quokka&cursor=nonsense' });
    expect(bad.statusCode).toBe(400);
  });
});

// ── Who finds what ───────────────────────────────────────────────────────────

describe('visibility', () => {
  it('never shows guests or fans a hidden thread or a deleted post; staff find them, marked hidden', async () => {
    const board = await createCategory(t, admin);
    const spam = await createThread(t, fan, board.id, { title: 'Zebrafish spam', body: 'zebrafish deals' });
    const kept = await createThread(t, fan, board.id, { title: 'Kept thread', body: 'a fine post' });
    const gone = await reply(t, fan, kept.id, 'my zebrafish secret');
    const hide = await t.app.inject({
      method: 'POST',
      url: `/api/threads/${spam.id}/hide`,
      headers: { cookie: staff.cookie },
      payload: { reason: 'spam' },
    });
    expect(hide.statusCode, hide.body).toBe(200);
    const del = await t.app.inject({ method: 'DELETE', url: `/api/posts/${gone.id}`, headers: { cookie: fan.cookie } });
    expect(del.statusCode, del.body).toBe(200);
    for (const who of [undefined, fan, otherFan]) expect((await search({ q: 'zebrafish' }, who)).results).toEqual([]);
    for (const who of [staff, admin]) {
      const { results } = await search({ q: 'zebrafish' }, who);
      expect(results.map((r) => [r.postId, r.hidden]).sort()).toEqual(
        [
          [gone.id, true],
          [results.find((r) => r.threadId === spam.id)!.postId, true],
        ].sort(),
      );
    }
  });

  it('keeps snippets plain text: markup in a post is returned as the text it is', async () => {
    const board = await createCategory(t, admin);
    await createThread(t, fan, board.id, {
      title: 'Markup thread',
      body: 'Try <img src=x onerror=alert(1)> **walrusy** [link](javascript:alert(1))',
    });
    const [r] = (await search({ q: 'walrusy' })).results;
    expect(r!.snippet).toBe('Try <img src=x onerror=alert(1)> walrusy [link](javascript:alert(1))');
    expect(marked(r!.snippet, r!.highlights)).toEqual(['walrusy']);
  });
});

// ── Similar threads while writing ───────────────────────────────────────────

describe('GET /api/search/similar', () => {
  it('lists threads whose titles are like the one being typed, CJK too, solved marked', async () => {
    const board = await createCategory(t, admin);
    const en = await createThread(t, fan, board.id, { title: 'Bluetooth disconnects from car', body: 'x', kind: 'question' });
    const zh = await createThread(t, fan, board.id, { title: '接種疫苗後手機藍牙斷線', body: 'x' });
    const answer = await reply(t, staff, en.id, 'Reset the pairing');
    await t.app.inject({
      method: 'POST',
      url: `/api/threads/${en.id}/accept`,
      headers: { cookie: fan.cookie },
      payload: { postId: answer.id },
    });
    const similar = async (title: string) => {
      const res = await t.app.inject({ method: 'GET', url: `/api/search/similar?title=${encodeURIComponent(title)}` });
      expect(res.statusCode, res.body).toBe(200);
      return res.json().threads as { threadId: number; solved: boolean; similarity: number }[];
    };
    const typed = await similar('bluetooth disconn');
    expect(typed[0]).toMatchObject({ threadId: en.id, solved: true });
    expect((await similar('藍牙斷線')).map((s) => s.threadId)).toEqual([zh.id]);
    expect(await similar('藍色的斷')).toEqual([]);
  });
});

// ── The plan ─────────────────────────────────────────────────────────────────

describe('the query plan', () => {
  it('reads matches from the GIN index, never by a sequential scan of the documents', async () => {
    // 30,000 documents, as the backfill would have written them; few hold the words searched for.
    const db = t.database.db;
    const board = await createCategory(t, admin);
    const [th] = await db
      .insert(threads)
      .values({ categoryId: board.id, authorId: fan.id, title: 'Bulk', createdAt: t.clock.now(), lastActivityAt: t.clock.now() })
      .returning({ id: threads.id });
    await db.execute(sql`insert into posts (thread_id, author_id, author_role, body, html, created_at, position)
      select ${th!.id}, ${fan.id}, 'fan', 'bulk post ' || g, '', now(), g from generate_series(1, 30000) g`);
    await db.execute(sql`insert into search_documents (post_id, thread_id, category_id, thread_kind, author_id, opening, position,
        created_at, thread_hidden, post_hidden, body, terms)
      select p.id, p.thread_id, ${board.id}, 'discussion', p.author_id, false, p.position, p.created_at, false, false, p.body,
        array_to_tsvector(array['bulk', 'post', 'w' || (p.position % 3000)::text, chr(19968 + p.position % 5000) || chr(19968 + (p.position + 1) % 5000)])
      from posts p where p.thread_id = ${th!.id}`);
    // As autovacuum leaves a table after a bulk load: the GIN index's pending list merged, statistics current.
    // (Right after the insert, the pending list holds every entry and the planner rightly prefers a scan.)
    await db.execute(sql`vacuum analyze search_documents`);
    const nodes = (plan: unknown): { type: string; relation?: string; index?: string }[] => {
      const out: { type: string; relation?: string; index?: string }[] = [];
      const walk = (n: Record<string, unknown>) => {
        out.push({ type: String(n['Node Type']), relation: n['Relation Name'] as string, index: n['Index Name'] as string });
        for (const c of (n['Plans'] as Record<string, unknown>[] | undefined) ?? []) walk(c);
      };
      walk((plan as { Plan: Record<string, unknown> }[])[0]!.Plan);
      return out;
    };
    const guest = { kind: 'guest' } as const;
    for (const q of ['w42', '電池', 'w42 quokka']) {
      const plan = nodes(await explainSearch(t.app.deps, guest, { q, limit: 20, timeZone: 'UTC' }));
      expect(
        plan.filter((n) => n.relation === 'search_documents' && n.type === 'Seq Scan'),
        q,
      ).toEqual([]);
      expect(
        plan.map((n) => n.index),
        q,
      ).toContain('search_documents_terms_idx');
    }
    // A word in every post: its newest matches read in index order, not all 30,000 sorted.
    const common = nodes(await explainSearch(t.app.deps, guest, { q: 'bulk', limit: 20, timeZone: 'UTC' }));
    expect(common.map((n) => n.index)).toContain('search_documents_recent_idx');
    expect(common.filter((n) => n.relation === 'search_documents' && n.type === 'Seq Scan')).toEqual([]);
    // The same with filters and a cursor.
    const filtered = nodes(
      await explainSearch(t.app.deps, guest, {
        q: 'w42',
        kind: 'bug',
        solved: 'false',
        from: '2026-01-01',
        limit: 20,
        cursor: Buffer.from(JSON.stringify([0, '2026-02-01T00:00:00.000Z', 5])).toString('base64url'),
        timeZone: 'UTC',
      }),
    );
    // With a cursor and a date range the planner may also read the documents by time: an index either way.
    expect(filtered.filter((n) => n.relation === 'search_documents' && n.type === 'Seq Scan')).toEqual([]);
    expect(filtered.map((n) => n.index).filter((i) => i?.startsWith('search_documents_'))).not.toEqual([]);
    const count = rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from search_documents`))[0]!.n;
    expect(count).toBeGreaterThan(30_000);
  });
});
