// Notification fan-out (issue 19's note: "notification fan-out time for a
// thread with 1,000 participants"): what the code does when something
// happens in a thread that 1,000 people have posted in and voted on.
//
//   bash scripts/pg-throwaway.sh node --import tsx bench/notifications.bench.ts
//   BENCH_DB=pglite node --import tsx bench/notifications.bench.ts   # embedded PGlite
//
// The named database is truncated: point it at a scratch one. Who is told
// (notify-about-post.ts, close-the-loop.ts): a reply tells only the thread's
// author (a staff answer worded as such), a post's @mentions at most 20
// people, and an issue's status change everyone who reported it, voted for
// it or started a linked thread — the one fan-out that reaches all 1,000.
// Each figure is the whole use case (its transaction, the stored
// notifications, one event each, NOTIFY), timed sequentially, beside the
// bare `notify()` for 1,000 people in a transaction of its own.
import os from 'node:os';
import { sql } from 'drizzle-orm';
import { createReply, createThread, ManualClock, notify, promoteThread, updateIssue, type Deps, type UserActor } from '@kakera/core';
import { createDatabase, migrate, rowsOf, type Database } from '@kakera/db';
import { buildApp, loadConfig } from '@kakera/api';
import { percentile } from './harness.ts';

const PARTICIPANTS = Number(process.env.BENCH_PARTICIPANTS ?? 1000);
const url = process.env.BENCH_DB === 'pglite' ? undefined : (process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL);
const ms = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;
const fmt = (n: number) => n.toFixed(1);

async function count(database: Database, q: ReturnType<typeof sql>): Promise<number> {
  return rowsOf<{ n: number }>(await database.db.execute(q))[0]!.n;
}

async function main() {
  const database = url
    ? await createDatabase({ kind: 'postgres', url, poolSize: 10 })
    : await createDatabase({ kind: 'pglite', dataDir: null });
  await migrate(database);
  const engine = url ? 'PostgreSQL' : 'PGlite';
  const db = database.db;
  await db.execute(sql`truncate users, categories, events restart identity cascade`);
  const clock = new ManualClock('2026-06-01T09:00:00Z');
  const config = loadConfig({
    SESSION_SECRET: 'bench-secret-bench-secret-bench-secret',
    DATA_DIR: '/tmp/kakera-bench-unused',
    RATE_LIMIT: 'off',
    LOG_LEVEL: 'silent',
    PUBLIC_URL: 'http://localhost:3000',
    ...(url && { DATABASE_URL: url }),
  });
  const app = await buildApp({ config, database, clock, logger: false, sweeper: { timer: false } });
  await app.ready();
  const deps = (app as unknown as { deps: Deps }).deps;

  // 1,000 fans and a staff member; a help board.
  const fans = rowsOf<{ id: number; name: string }>(
    await db.execute(sql`insert into users (name, role, created_at)
      select 'Fan ' || g, 'fan', ${clock.now()} from generate_series(1, ${PARTICIPANTS}) g returning id, name`),
  );
  const [staffRow] = rowsOf<{ id: number }>(
    await db.execute(sql`insert into users (name, role) values ('Bench staff', 'staff') returning id`),
  );
  const [board] = rowsOf<{ id: number }>(await db.execute(sql`insert into categories (slug, name) values ('help', 'Help') returning id`));
  const actor = (id: number, name: string, role: 'fan' | 'staff'): UserActor => ({
    kind: 'user',
    id,
    name,
    role,
    teamId: null,
    suspended: false,
  });
  const author = actor(fans[0]!.id, fans[0]!.name, 'fan');
  const staff = actor(staffRow!.id, 'Bench staff', 'staff');

  // The thread, and a post from each of the other 999 (as the forum writes them, one by one).
  const t0 = process.hrtime.bigint();
  const thread = await createThread(deps, author, {
    categoryId: board!.id,
    title: 'Sync stuck at 99%',
    body: 'Sync never finishes.',
    kind: 'question',
  });
  for (const f of fans.slice(1)) {
    clock.advance(1000);
    await createReply(deps, actor(f.id, f.name, 'fan'), thread.id, 'Same here.');
  }
  // Every participant votes for the issue it becomes.
  const { issue } = await promoteThread(deps, staff, thread.id, { title: 'Sync stuck at 99%', type: 'bug' });
  const [issueRow] = rowsOf<{ id: number }>(await db.execute(sql`select id from issues where key = ${issue.key}`));
  await db.execute(
    sql`insert into issue_votes (issue_id, user_id, created_at) select ${issueRow!.id}, id, ${clock.now()} from users where role = 'fan'`,
  );
  const seedMs = ms(t0);

  const notes = () => count(database, sql`select count(*)::int as n from notifications`);
  const rows: { what: string; told: number; samples: number[]; kinds: string }[] = [];
  async function measure(what: string, n: number, run: (i: number) => Promise<unknown>) {
    const samples: number[] = [];
    let told = 0;
    let kinds = '';
    for (let i = 0; i < n; i++) {
      clock.advance(60_000);
      const before = await notes();
      const lastId = await count(database, sql`select coalesce(max(id), 0)::int as n from notifications`);
      const t = process.hrtime.bigint();
      await run(i);
      samples.push(ms(t));
      told = (await notes()) - before;
      kinds = rowsOf<{ kind: string; n: number }>(
        await db.execute(sql`select kind, count(*)::int as n from notifications where id > ${lastId} group by kind order by kind`),
      )
        .map((k) => `${k.kind} ${k.n}`)
        .join(', ');
    }
    rows.push({ what, told, samples, kinds });
  }

  await measure('staff answer (createReply by staff)', 10, (i) => createReply(deps, staff, thread.id, `Try again now (${i}).`));
  const twenty = fans
    .slice(1, 21)
    .map((f) => `[@${f.name}](/u/${f.id})`)
    .join(' ');
  await measure('reply with 20 @mentions (the cap)', 10, (i) =>
    createReply(deps, actor(fans[30]!.id, fans[30]!.name, 'fan'), thread.id, `${twenty} look (${i})`),
  );
  const moves = [
    'triaged',
    'planned',
    'in_progress',
    'fixed',
    'released',
    'wont_fix',
    'triaged',
    'planned',
    'in_progress',
    'fixed',
  ] as const;
  await measure(`issue status change, ${PARTICIPANTS} voters (updateIssue)`, moves.length, (i) =>
    updateIssue(deps, staff, issue.key, { status: moves[i]! }),
  );
  const everyone = fans.map((f) => f.id);
  await measure(`notify() alone, ${PARTICIPANTS} people`, 10, (i) =>
    db.transaction((tx) => notify(tx, deps, everyone, { kind: 'mention', data: { title: 'x' }, url: null, dedupeKey: `bench:${i}` })),
  );

  const cpus = os.cpus();
  console.log(`\nNotification fan-out on ${engine}: a thread with ${PARTICIPANTS} participants, all voting for its issue`);
  console.log(
    `machine: ${cpus.length} × ${cpus[0]?.model ?? '?'}, ${Math.round(os.totalmem() / 2 ** 30)} GB; seeded in ${fmt(seedMs / 1000)} s\n`,
  );
  console.log('| what | notifications made (last run, by kind) | p50 ms | max ms (run) | per notification ms |');
  console.log('|---|---:|---:|---:|---:|');
  for (const r of rows) {
    const p50 = percentile(r.samples, 0.5);
    const max = Math.max(...r.samples);
    const perOne = r.told ? (p50 / r.told).toFixed(3) : '—';
    console.log(`| ${r.what} | ${r.told} (${r.kinds}) | ${fmt(p50)} | ${fmt(max)} (#${r.samples.indexOf(max) + 1}) | ${perOne} |`);
  }
  await app.close();
  await database.close();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
