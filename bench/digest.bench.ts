// The executive daily digest (quality.md: "digest for a day with 50,000 posts
// ≤ 2 s"), and the size of its e-mail.
//
//   npm run bench                                             # on a throwaway PostgreSQL
//   BENCH_DB=pglite node --import tsx bench/digest.bench.ts   # embedded PGlite
//   BENCH_DATABASE_URL=postgres://… node --import tsx bench/digest.bench.ts
//
// Seeds 15 days of a busy forum — each day 5,000 threads of 10 posts (50,000
// posts: 7 by fans, 3 by staff), 20,000 obligations (some answered late, the
// last of each thread never), 5,000 votes, issues promoted, fixed and released
// — then times the daily run on a first start (the last 14 days' digests), and
// the whole generation of the last day's digest as the daily job and `npm run
// digest` run it, every query and the idempotent store: with the days before
// stored (every day but the first), and without (their figures computed too). The named database is truncated
// and left with the seeded rows in it: point it at a scratch database.
import os from 'node:os';
import nodemailer from 'nodemailer';
import { sql } from 'drizzle-orm';
import { addDays, digestSubject, generateDueDigests, renderDigestHtml, renderDigestText, storeDigest, type MailLocale } from '@kakera/core';
import { createDatabase, migrate, rowsOf, type Database } from '@kakera/db';
import type { DigestContent } from '@kakera/contracts';
import { percentile, profiled } from './harness.ts';

const DAYS = Number(process.env.BENCH_DIGEST_DAYS ?? 15);
const THREADS_PER_DAY = Number(process.env.BENCH_THREADS_PER_DAY ?? 5000);
const POSTS_PER_THREAD = 10;
const FANS = 10_000;
const STAFF = 50;
const ISSUES = 2_000;
const RUNS = Number(process.env.BENCH_DIGEST_RUNS ?? 7);
const url = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;

const FIRST_DAY = '2026-11-06';
const DAY = addDays(FIRST_DAY, DAYS - 1); // the digest's day
const START = new Date(`${FIRST_DAY}T00:00:00Z`);
const NOW = new Date(`${addDays(DAY, 1)}T07:00:00Z`);
const TZ = 'UTC';

const ms = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;
const fmt = (n: number) => n.toFixed(1);

async function seed(database: Database): Promise<{ ms: number; posts: number; postsOnDay: number }> {
  const t = process.hrtime.bigint();
  const db = database.db;
  const threads = DAYS * THREADS_PER_DAY;
  await db.execute(sql`truncate digest_emails, digests, escalations, issue_changes, issue_votes, issue_threads, issues,
    issue_key_sequences, notifications, events, obligations, post_likes, posts, threads, categories, sessions, users, teams restart identity cascade`);
  await db.execute(sql`insert into teams (name) values ('Support')`);
  await db.execute(sql`insert into users (name, role) select 'Fan ' || g, 'fan' from generate_series(1, ${FANS}::int) g`);
  await db.execute(sql`insert into users (name, role, team_id) select 'Staff ' || g, 'staff', 1 from generate_series(1, ${STAFF}::int) g`);
  await db.execute(sql`insert into users (name, role) values ('Exec', 'executive')`);
  await db.execute(
    sql`insert into categories (slug, name, sla_target_seconds) select 'board-' || g, 'Board ' || g, 900 from generate_series(1, 10) g`,
  );
  // A thread every 17 seconds of each day; its ten posts two minutes apart.
  await db.execute(sql`
    insert into threads (category_id, author_id, title, created_at, last_activity_at, last_position, reply_count)
    select 1 + g % 10, 1 + (g * 7) % ${FANS}::int, 'Bench thread ' || g,
      ${START}::timestamptz + ((g - 1) / ${THREADS_PER_DAY}::int) * interval '1 day' + ((g - 1) % ${THREADS_PER_DAY}::int) * interval '17 seconds',
      ${START}::timestamptz + ((g - 1) / ${THREADS_PER_DAY}::int) * interval '1 day' + ((g - 1) % ${THREADS_PER_DAY}::int) * interval '17 seconds',
      ${POSTS_PER_THREAD}::int, ${POSTS_PER_THREAD - 1}::int
    from generate_series(1, ${threads}::int) g`);
  await db.execute(sql`
    insert into posts (thread_id, author_id, author_role, body, html, created_at, position)
    select t.id,
      case when p % 3 = 0 then ${FANS + 1}::int + (t.id + p) % ${STAFF}::int else 1 + (t.id * 7 + p * 13) % ${FANS}::int end,
      (case when p % 3 = 0 then 'staff' else 'fan' end)::role,
      'A bench post', '<p>A bench post</p>', t.created_at + (p - 1) * interval '2 minutes', p
    from threads t, generate_series(1, ${POSTS_PER_THREAD}::int) p`);
  // Fan posts 1, 4, 7 open obligations that staff posts 3, 6, 9 answer (after 4 minutes; one thread in eight after 20, late);
  // post 10 opens one nobody answers (breached by now).
  await db.execute(sql`
    insert into obligations (thread_id, category_id, opened_post_id, target_seconds, status, opened_at, warn_at, due_at,
      responded_at, responder_id, responder_team_id, response_post_id)
    select t.id, t.category_id, op.id, 900, (case when k < 3 then 'met' else 'open' end)::obligation_status,
      op.created_at, op.created_at + interval '600 seconds', op.created_at + interval '900 seconds',
      case when k < 3 then op.created_at + (case when t.id % 8 = 0 then interval '20 minutes' else interval '4 minutes' end) end,
      rp.author_id, case when k < 3 then 1 end, rp.id
    from threads t
    cross join generate_series(0, 3) k
    join posts op on op.thread_id = t.id and op.position = 1 + 3 * k
    left join posts rp on rp.thread_id = t.id and rp.position = 3 + 3 * k and k < 3`);
  // Issues, promoted a hundred a day; their history; votes; escalations.
  await db.execute(sql`
    insert into issues (key, title, type, status, vote_count, created_at, updated_at)
    select 'KAK-' || g, 'Bench issue ' || g, 'bug', 'triaged', 0,
      ${START}::timestamptz + ((g - 1) % ${DAYS}::int) * interval '1 day' + g * interval '1 second',
      ${START}::timestamptz + ((g - 1) % ${DAYS}::int) * interval '1 day' + g * interval '1 second'
    from generate_series(1, ${ISSUES}::int) g`);
  await db.execute(sql`
    insert into issue_changes (issue_id, field, from_value, to_value, at)
    select id, 'created', null, 'thread:1', created_at from issues
    union all select id, 'status', 'triaged', 'fixed', created_at + interval '3 hours' from issues where id % 5 = 0
    union all select id, 'status', 'fixed', 'released', created_at + interval '6 hours' from issues where id % 10 = 0`);
  await db.execute(sql`
    insert into issue_votes (issue_id, user_id, created_at)
    select 1 + (g * 31) % ${ISSUES}::int, 1 + g % ${FANS}::int, ${START}::timestamptz + (g % ${DAYS}::int) * interval '1 day' + (g % 86000) * interval '1 second'
    from generate_series(1, ${DAYS * 5000}::int) g
    on conflict do nothing`);
  await db.execute(
    sql`update issues i set vote_count = v.n from (select issue_id, count(*)::int n from issue_votes group by 1) v where v.issue_id = i.id`,
  );
  await db.execute(sql`
    insert into escalations (thread_id, from_user_id, to_user_id, note, created_at)
    select g * 100, ${FANS + 1}::int, ${FANS + STAFF + 1}::int, 'Bench escalation ' || g, ${NOW}::timestamptz - g * interval '1 hour'
    from generate_series(1, 60) g`);
  await db.execute(sql`analyze`);
  const count = async (q: ReturnType<typeof sql>) => Number(rowsOf<{ n: number }>(await db.execute(q))[0]!.n);
  return {
    ms: ms(t),
    posts: await count(sql`select count(*)::int as n from posts`),
    postsOnDay: await count(sql`select count(*)::int as n from posts where created_at >= ${new Date(`${DAY}T00:00:00Z`)}
      and created_at < ${new Date(`${addDays(DAY, 1)}T00:00:00Z`)}`),
  };
}

/** The e-mail as it would go over SMTP (nodemailer's stream transport builds the same MIME message). */
async function mailSize(d: DigestContent, locale: MailLocale) {
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true });
  const links = { publicUrl: 'https://forum.example.com', settingsUrl: 'https://forum.example.com/settings/notifications' };
  const unsubscribeUrl = 'https://forum.example.com/unsubscribe?token=0123456789abcdefghijklmnopqrstuv&list=digest';
  const text = renderDigestText(d, locale, { ...links, unsubscribeUrl });
  const html = renderDigestHtml(d, locale, { ...links, unsubscribeUrl });
  const info = await transport.sendMail({
    from: 'Kakera <kakera@forum.example.com>',
    to: 'exec@forum.example.com',
    subject: digestSubject(d, locale),
    text,
    html,
    headers: { 'List-Unsubscribe': `<${unsubscribeUrl.replace('/unsubscribe', '/api/unsubscribe')}>` },
  });
  return { total: (info.message as Buffer).length, text: Buffer.byteLength(text), html: Buffer.byteLength(html) };
}

async function main() {
  const database = url
    ? await createDatabase({ kind: 'postgres', url, poolSize: 4 })
    : await createDatabase({ kind: 'pglite', dataDir: null, sharedBuffersMb: 256 });
  await migrate(database);
  const engine = url ? 'PostgreSQL' : 'PGlite';
  const seeded = await seed(database);

  const time = async <T>(run: () => Promise<T>): Promise<[T, number]> => {
    const t = process.hrtime.bigint();
    const r = await run();
    return [r, ms(t)];
  };
  // A first start: the daily run stores the last 14 days' digests, oldest first (each reads the ones before it).
  const [backfill, backfillMs] = await time(() => database.db.transaction((tx) => generateDueDigests(tx, { now: NOW, timeZone: TZ })));
  // Every later day: the day's digest, the days before stored. The daily run regenerates it (nothing changes: nothing is written).
  const times: number[] = [];
  let content: DigestContent | null = null;
  for (let run = 0; run < RUNS; run++) {
    const [r, took] = await time(() =>
      profiled(`digest-${run}`, () => database.db.transaction((tx) => storeDigest(tx, { date: DAY, timeZone: TZ, now: NOW }))),
    );
    times.push(took);
    content = r.row.content as DigestContent;
  }
  // The worst case: no digest stored for the days before (a date far back, from the command line): they are computed too.
  const cold: number[] = [];
  for (let run = 0; run < 3; run++) {
    await database.db.execute(sql`delete from digests`);
    cold.push((await time(() => database.db.transaction((tx) => storeDigest(tx, { date: DAY, timeZone: TZ, now: NOW }))))[1]);
  }
  const en = await mailSize(content!, 'en');
  const ja = await mailSize(content!, 'ja');
  await database.close();

  const lines = [
    `engine: ${engine}; machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GB; node ${process.version}`,
    `seed: ${DAYS} days, ${seeded.posts} posts (${seeded.postsOnDay} on ${DAY}), ${DAYS * THREADS_PER_DAY} threads, ${DAYS * THREADS_PER_DAY * 4} obligations, in ${fmt(seeded.ms / 1000)} s`,
    `digest of ${DAY}: ${content!.figures.newPosts} posts, ${content!.figures.obligations} obligations, compliance ${content!.figures.compliance}`,
    `| figure | first run | median | max | budget |`,
    `|---|---|---|---|---|`,
    `| digest generation, a day with ${seeded.postsOnDay} posts, the days before stored (compute + store) | ${fmt(times[0]!)} ms | ${fmt(percentile(times, 0.5))} ms | ${fmt(Math.max(...times))} ms | ≤ 2 s |`,
    `| the same, no digest stored for the 13 days before (they are computed too) | ${fmt(cold[0]!)} ms | ${fmt(percentile(cold, 0.5))} ms | ${fmt(Math.max(...cold))} ms | — |`,
    `| first start: the daily run stores ${backfill.generated.length} digests (14 days of ${THREADS_PER_DAY * POSTS_PER_THREAD} posts) | ${fmt(backfillMs)} ms | | | — |`,
    `| digest e-mail, English: whole MIME message (text part, HTML part) | ${en.total} B (${en.text} B, ${en.html} B) | | | — |`,
    `| digest e-mail, Japanese: whole MIME message (text part, HTML part) | ${ja.total} B (${ja.text} B, ${ja.html} B) | | | — |`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  // For `npm run bench` (bench/run.ts): the row of quality.md's table.
  const figure = `digest for a day with ${seeded.postsOnDay.toLocaleString('en')} posts (the days before stored)`;
  const median = Math.round(percentile(times, 0.5));
  process.stdout.write(`${JSON.stringify({ bench: 'digest', figure, median, max: Math.round(Math.max(...times)) })}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
