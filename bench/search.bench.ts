// Search timings (quality.md: "search, a common word and a CJK two-character
// word: p99 ≤ 50 ms", 50 connections from a second process, beside the
// framework and database ceilings measured in the same run), with the plans
// PostgreSQL chose, for docs/performance.md.
//
//   npm run bench                                             # on a throwaway PostgreSQL
//   BENCH_DB=pglite node --import tsx bench/search.bench.ts   # embedded PGlite
//   BENCH_DATABASE_URL=postgres://… node --import tsx bench/search.bench.ts
//
// The named database is truncated and left with the seeded rows in it: point
// it at a scratch database. BENCH_POSTS (default 100,000) posts in threads of
// five, a third each English, Japanese and Chinese (real sentences of the
// Cofacts 真的假的 sample, CC0), indexed by the backfill as an existing forum's
// would be. BENCH_EXPLAIN=1 prints the plans with EXPLAIN (ANALYZE, BUFFERS).
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { sql } from 'drizzle-orm';
import { backfillSearchIndex, explainSearch, ManualClock, searchPosts, type Actor } from '@kakera/core';
import { createDatabase, migrate, posts, rowsOf, threads, type Database } from '@kakera/db';
import { buildApp, loadConfig } from '@kakera/api';
import { frameworkCeiling, load, loop, percentile } from './harness.ts';
import { EN_LINKS, EN_WORDS } from './bench-words.ts';

const POSTS = Number(process.env.BENCH_POSTS ?? 100_000);
const PER_THREAD = 5;
const LOAD_SECONDS = Number(process.env.BENCH_LOAD_SECONDS ?? 10);
const SEQUENTIAL = Number(process.env.BENCH_SEQUENTIAL ?? 300);
const url = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;

const T0 = new Date('2026-01-01T00:00:00Z');
const ms = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;
const fmt = (n: number) => n.toFixed(2);
const pctOf = (a: number, b: number) => `${Math.round((100 * a) / b)} %`;

// A small deterministic generator, so that every run seeds the same text.
let state = 42;
const rand = () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;

// The common word measured: in about one English post in ten.
const EN_COMMON = 'battery';
const JA_SENTENCES = [
  'アップデートしてから通知が届かなくなりました。',
  '同期が途中で止まってしまいます。',
  'ウィジェットの色を変えたいです。',
  'カメラで撮った写真が保存されません。',
  '縦書きで表示できると嬉しいです。',
  'ダークモードの切り替えが遅いです。',
  '設定画面が開けなくなりました。',
  'キーボードのショートカットを教えてください。',
  'フォルダを家族と共有したいです。',
  'ログインできない状態が続いています。',
  '再起動しても直りません。',
  'よろしくお願いします。',
];
// The CJK word measured: in about one Japanese post in ten.
const JA_COMMON = ['充電中に電池が熱くなります。', '電池の減りが早い気がします。'];

function chineseSentences(): string[] {
  try {
    const text = readFileSync(new URL('../../shared/data/cofacts-zh-sample/replies.csv', import.meta.url), 'utf8');
    const out = text.split(/[。！？\n]/).filter((s) => /\p{Script=Han}{6}/u.test(s) && s.length < 120);
    if (out.length > 100) return out.map((s) => `${s.replace(/[",]/g, '')}。`);
  } catch {
    // without the sample, a few sentences of our own
  }
  return ['更新到新版本之后，充电时屏幕偶尔会闪烁。', '如何导出全部笔记？', '希望支持繁体中文界面。', '同步一直没有完成。'];
}

function postText(lang: number, zh: string[]): { title: string; body: string } {
  if (lang === 0) {
    const words = Array.from({ length: 20 + Math.floor(rand() * 40) }, () => (rand() < 0.3 ? pick(EN_LINKS) : pick(EN_WORDS)));
    if (rand() < 0.1) words.splice(Math.floor(rand() * words.length), 0, EN_COMMON);
    return { title: `${pick(EN_WORDS)} ${pick(EN_WORDS)} ${pick(EN_WORDS)} problem`, body: `${words.join(' ')}.` };
  }
  if (lang === 1) {
    const s = Array.from({ length: 2 + Math.floor(rand() * 4) }, () => pick(JA_SENTENCES));
    if (rand() < 0.1) s.splice(Math.floor(rand() * s.length), 0, pick(JA_COMMON));
    return { title: pick(JA_SENTENCES).replace('。', ''), body: s.join('') };
  }
  const s = Array.from({ length: 1 + Math.floor(rand() * 3) }, () => pick(zh));
  return { title: pick(zh).slice(0, 30), body: s.join('') };
}

async function seed(database: Database): Promise<{ seedMs: number; indexMs: number }> {
  const db = database.db;
  await db.execute(
    sql`truncate search_documents, events, obligations, posts, threads, categories, sessions, users restart identity cascade`,
  );
  const [user] = rowsOf<{ id: number }>(await db.execute(sql`insert into users (name, role) values ('Bench fan', 'fan') returning id`));
  const cats = rowsOf<{ id: number }>(
    await db.execute(
      sql`insert into categories (slug, name) select 'board-' || g, 'Board ' || g from generate_series(1, 5) g returning id`,
    ),
  );
  const zh = chineseSentences();
  const t = process.hrtime.bigint();
  const threadCount = Math.ceil(POSTS / PER_THREAD);
  for (let from = 0; from < threadCount; from += 1000) {
    const n = Math.min(1000, threadCount - from);
    // One language per thread, a third each.
    const texts = Array.from({ length: n * PER_THREAD }, (_, k) => postText((from + Math.floor(k / PER_THREAD)) % 3, zh));
    const at = (k: number) => new Date(T0.getTime() + (from * PER_THREAD + k) * 60_000);
    const made = await db
      .insert(threads)
      .values(
        Array.from({ length: n }, (_, j) => ({
          categoryId: cats[(from + j) % cats.length]!.id,
          authorId: user!.id,
          title: texts[j * PER_THREAD]!.title,
          kind: (['discussion', 'question', 'bug', 'suggestion'] as const)[(from + j) % 4]!,
          createdAt: at(j * PER_THREAD),
          lastActivityAt: at(j * PER_THREAD + PER_THREAD - 1),
          lastPosition: PER_THREAD,
        })),
      )
      .returning({ id: threads.id });
    await db.insert(posts).values(
      made.flatMap((th, j) =>
        Array.from({ length: PER_THREAD }, (_, p) => ({
          threadId: th.id,
          authorId: user!.id,
          authorRole: 'fan' as const,
          body: texts[j * PER_THREAD + p]!.body,
          html: '',
          createdAt: at(j * PER_THREAD + p),
          position: p + 1,
        })),
      ),
    );
  }
  const seedMs = ms(t);
  // The backfill, as it indexes an existing forum (in bigger batches: nothing else runs).
  const ti = process.hrtime.bigint();
  let after = 0;
  for (;;) {
    const r = await backfillSearchIndex(db, { after, batchSize: 1000, batches: 10 });
    after = r.next;
    if (r.done) break;
  }
  const indexMs = ms(ti);
  await db.execute(sql`vacuum analyze search_documents`);
  return { seedMs, indexMs };
}

interface Plan {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  Plans?: Plan[];
}
const nodesOf = (p: Plan): string[] => [
  `${p['Node Type']}${p['Index Name'] ? ` (${p['Index Name']})` : p['Relation Name'] ? ` (${p['Relation Name']})` : ''}`,
  ...(p.Plans ?? []).flatMap(nodesOf),
];

async function main() {
  const database = url
    ? await createDatabase({ kind: 'postgres', url, poolSize: 20 })
    : await createDatabase({ kind: 'pglite', dataDir: null });
  await migrate(database);
  const engine = url ? 'PostgreSQL' : 'PGlite';
  const { seedMs, indexMs } = await seed(database);
  const config = loadConfig({
    SESSION_SECRET: 'bench-secret-bench-secret-bench-secret',
    DATA_DIR: '/tmp/kakera-bench-unused',
    RATE_LIMIT: 'off',
    LOG_LEVEL: 'silent',
    PUBLIC_URL: 'http://localhost:3000',
    ...(url && { DATABASE_URL: url }),
  });
  const app = await buildApp({
    config,
    database,
    clock: new ManualClock('2026-06-01T00:00:00Z'),
    logger: false,
    sweeper: { timer: false },
  });
  await app.ready();
  const guest: Actor = { kind: 'guest' };
  const input = (q: string) => ({ q, limit: 20, timeZone: 'UTC' });
  const counts = rowsOf<{ docs: number; en: number; ja: number; bytes: string }>(
    await database.db.execute(sql`select count(*)::int as docs,
      count(*) filter (where terms @@ ${`'batteri'`}::tsquery)::int as en,
      count(*) filter (where terms @@ ${`'電池'`}::tsquery)::int as ja,
      pg_size_pretty(pg_total_relation_size('search_documents')) as bytes from search_documents`),
  )[0]!;

  const queries = [
    { label: `common English word "${EN_COMMON}"`, q: EN_COMMON, matches: counts.en },
    { label: 'CJK two-character word "電池"', q: '電池', matches: counts.ja },
  ];
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  const rows: string[] = [];
  const plans: string[] = [];
  for (const { label, q, matches } of queries) {
    // In-process, one at a time (warm-up first).
    const times: number[] = [];
    for (let i = 0; i < SEQUENTIAL + 20; i++) {
      const t = process.hrtime.bigint();
      const res = await app.inject({ method: 'GET', url: `/api/search?q=${encodeURIComponent(q)}` });
      if (res.statusCode !== 200) throw new Error(`search answered ${res.statusCode}: ${res.body}`);
      if (i >= 20) times.push(ms(t));
    }
    const http = await load(`${address}/api/search?q=${encodeURIComponent(q)}`, { duration: LOAD_SECONDS });
    if (http.errors || http.non2xx) throw new Error(`search failed under load: ${JSON.stringify(http)}`);
    // Below HTTP: core's searchPosts (its SQL, then snippets) in a bare loop, 50 at once.
    const ceiling = await loop(3000, 50, () => searchPosts(app.deps, guest, input(q)));
    rows.push(
      `| ${label}, ${matches} matching posts, sequential (${SEQUENTIAL}) | ${fmt(percentile(times, 0.5))} ms | ${fmt(percentile(times, 0.99))} ms | — |`,
      `| ${label}, HTTP, 50 connections, ${LOAD_SECONDS} s (${http.requests} requests, ${Math.round(http.rps)}/s) | ${http.p50} ms | ${http.p99} ms | p99 ≤ 50 ms |`,
      `| ${label}: core ceiling, searchPosts (SQL and snippets) in a bare loop, 50 at once (${Math.round(ceiling.perSecond)}/s; ${pctOf(http.rps, ceiling.perSecond)} of it over HTTP) | ${fmt(ceiling.p50)} ms | ${fmt(ceiling.p99)} ms | — |`,
    );
    const plan = (await explainSearch(app.deps, guest, input(q))) as { Plan: Plan }[];
    plans.push(`${label}: ${nodesOf(plan[0]!.Plan).join(' → ')}`);
    if (process.env.BENCH_EXPLAIN) {
      const analyzed = (await explainSearch(app.deps, guest, input(q), true)) as unknown;
      plans.push(JSON.stringify(analyzed, null, 1));
    }
  }
  await app.close();
  const framework = await frameworkCeiling({ duration: LOAD_SECONDS });
  await database.close();

  const lines = [
    `engine: ${engine}; machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GB; node ${process.version}`,
    `seed: ${POSTS} posts in ${POSTS / PER_THREAD} threads in ${fmt(seedMs / 1000)} s; backfill indexed ${counts.docs} in ${fmt(indexMs / 1000)} s (${Math.round(counts.docs / (indexMs / 1000))} posts/s); search_documents ${counts.bytes}`,
    `| figure | median | p99 | budget |`,
    `|---|---|---|---|`,
    ...rows,
    `| framework ceiling: bare Fastify route, HTTP, 50 connections (${Math.round(framework.rps)}/s) | ${framework.p50} ms | ${framework.p99} ms | — |`,
    'plans:',
    ...plans,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
