import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { SaxesParser } from 'saxes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importStackExchange, sweepObligations, systemActor } from '@kakera/core';
import { rowsOf } from '@kakera/db';
import { runImportCommand } from '../src/cli/import-command.ts';
import { buildTestApp, createUser, type TestApp, type TestUser } from './helpers.ts';
import { getJson } from './sla-helpers.ts';

// Moving in (product.md): the real dump of bicycles.meta.stackexchange.com
// (/work/shared/data, CC BY-SA: see its README) imported into a fresh
// database, checked against figures worked out here from the XML itself —
// with a plain XML parser and the rules of product.md written out again,
// not through the importer or the statistics.

const DUMP = new URL('../../../../shared/data/stackexchange-bicycles-meta/', import.meta.url).pathname;
const SITE = 'bicycles.meta.stackexchange.com';
const TARGET_MS = 900_000;

type Row = Record<string, string>;
function rows(file: string): Row[] {
  const out: Row[] = [];
  const parser = new SaxesParser();
  parser.on('opentag', (tag) => {
    if (tag.name === 'row') out.push(tag.attributes as Row);
  });
  parser.write(readFileSync(join(DUMP, file), 'utf8').replace(/^\uFEFF/, '')).close();
  return out;
}

const at = (s: string) => Date.parse(`${s}Z`);

/** What the dump holds, and what the 15-minute rule makes of it, worked out from the XML alone. */
function expected(staff: Set<string>) {
  const users = rows('Users.xml');
  const posts = rows('Posts.xml');
  const comments = rows('Comments.xml');
  const questions = posts.filter((p) => p.PostTypeId === '1');
  const questionIds = new Set(questions.map((q) => q.Id));
  const answers = posts.filter((p) => p.PostTypeId === '2' && questionIds.has(p.ParentId!));
  const byId = new Map([...questions, ...answers].map((p) => [p.Id!, p]));
  const kept = comments.filter((c) => byId.has(c.PostId!));
  const accepted = questions.filter((q) => q.AcceptedAnswerId && byId.get(q.AcceptedAnswerId)?.ParentId === q.Id).length;
  // People named only by a display name (deleted accounts) get one account per name.
  const userIds = new Set(users.map((u) => u.Id));
  const extra = new Set<string>();
  for (const p of [...questions, ...answers]) {
    if (!p.OwnerUserId) extra.add(`name:${p.OwnerDisplayName ?? ''}`);
    else if (!userIds.has(p.OwnerUserId)) extra.add(p.OwnerUserId);
  }
  for (const c of kept) {
    if (!c.UserId) extra.add(`name:${c.UserDisplayName ?? ''}`);
    else if (!userIds.has(c.UserId)) extra.add(c.UserId);
  }

  // Each thread's posts in time order (a child never before its parent): question, answers, comments.
  const threadOf = (p: Row) => (p.PostTypeId === '1' ? p.Id! : p.ParentId!);
  const timeOf = new Map<string, number>();
  for (const q of questions) timeOf.set(q.Id!, at(q.CreationDate!));
  for (const a of answers) timeOf.set(a.Id!, Math.max(at(a.CreationDate!), timeOf.get(a.ParentId!)!));
  type Step = { thread: string; t: number; rank: number; id: number; author: string | undefined };
  const steps: Step[] = [
    ...questions.map((q) => ({ thread: q.Id!, t: timeOf.get(q.Id!)!, rank: 0, id: +q.Id!, author: q.OwnerUserId })),
    ...answers.map((a) => ({ thread: a.ParentId!, t: timeOf.get(a.Id!)!, rank: 1, id: +a.Id!, author: a.OwnerUserId })),
    ...kept.map((c) => ({
      thread: threadOf(byId.get(c.PostId!)!),
      t: Math.max(at(c.CreationDate!), timeOf.get(c.PostId!)!),
      rank: 2,
      id: +c.Id!,
      author: c.UserId,
    })),
  ].sort((a, b) => a.t - b.t || a.rank - b.rank || a.id - b.id);

  // product.md: a fan post opens an obligation when none is open; the next staff post meets it; still open at the end is breached.
  const open = new Map<string, number>();
  const responses: number[] = [];
  let obligations = 0;
  for (const s of steps) {
    const isStaff = s.author !== undefined && staff.has(s.author);
    const opened = open.get(s.thread);
    if (isStaff && opened !== undefined) {
      responses.push(s.t - opened);
      open.delete(s.thread);
    } else if (!isStaff && opened === undefined) {
      open.set(s.thread, s.t);
      obligations++;
    }
  }
  const met = responses.filter((ms) => ms <= TARGET_MS).length;
  const sorted = responses.map((ms) => ms / 1000).sort((a, b) => a - b);
  const pct = (p: number) => {
    const r = p * (sorted.length - 1);
    const v = sorted[Math.floor(r)]! + (sorted[Math.ceil(r)]! - sorted[Math.floor(r)]!) * (r - Math.floor(r));
    return Math.round(v * 1000) / 1000;
  };
  return {
    threads: questions.length,
    replies: answers.length + kept.length,
    accepted,
    users: users.length + extra.size,
    stats: { obligations, met, breached: obligations - met, open: 0, noResponseNeeded: 0, medianSeconds: pct(0.5), p90Seconds: pct(0.9) },
  };
}

/** The five who answered most (ids in the dump), the Community bot aside. */
function topAnswerers(n = 5): string[] {
  const count = new Map<string, number>();
  for (const p of rows('Posts.xml')) {
    if (p.PostTypeId === '2' && p.OwnerUserId && p.OwnerUserId !== '-1') count.set(p.OwnerUserId, (count.get(p.OwnerUserId) ?? 0) + 1);
  }
  return [...count]
    .sort((a, b) => b[1] - a[1] || Number(a[0]) - Number(b[0]))
    .slice(0, n)
    .map(([id]) => id);
}

function io() {
  const out = { stdout: '', stderr: '' };
  return {
    out,
    io: {
      stdout: { write: (s: string) => void (out.stdout += s), isTTY: false },
      stderr: { write: (s: string) => void (out.stderr += s), isTTY: false },
    },
  };
}

let t: TestApp;
let staffViewer: TestUser;
const staffIds = topAnswerers();
const want = expected(new Set(staffIds));

async function counts() {
  const one = async (q: ReturnType<typeof sql>) => Number(rowsOf<{ n: number }>(await t.database.db.execute(q))[0]!.n);
  return {
    threads: await one(
      sql`select count(*)::int as n from threads t join categories c on c.id = t.category_id where c.slug = 'bicycles-meta'`,
    ),
    replies: await one(sql`select count(*)::int as n from posts p join threads t on t.id = p.thread_id where p.position > 1`),
    accepted: await one(sql`select count(*)::int as n from threads where accepted_post_id is not null`),
    users: await one(sql`select count(*)::int as n from users where source = ${`stackexchange:${SITE}`}`),
    staff: await one(sql`select count(*)::int as n from users where source = ${`stackexchange:${SITE}`} and role = 'staff'`),
    obligations: await one(sql`select count(*)::int as n from obligations`),
    likes: await one(sql`select coalesce(sum(like_count), 0)::int as n from posts`),
    events: await one(sql`select count(*)::int as n from events`),
  };
}

beforeAll(async () => {
  t = await buildTestApp({ TZ: 'UTC', SLA_SWEEP_MS: '600000' });
  staffViewer = await createUser(t, { role: 'staff', name: 'Viewer' });
}, 120_000);
afterAll(() => t?.close());

describe('npm run import -- stackexchange', () => {
  it('an import stopped half-way, run again, finishes; then the counts are those of the XML', async () => {
    const eventsBefore = (await counts()).events;
    // Stopped after the first thousand rows of the replay, as a crash would stop it.
    const stop = new Error('stopped');
    await expect(
      importStackExchange(t.app.deps, systemActor, { dir: DUMP, categorySlug: 'bicycles-meta', staff: staffIds }, (p) => {
        if (p.phase === 'replay' && p.done >= 1000) throw stop;
      }),
    ).rejects.toBe(stop);
    const half = await counts();
    expect(half.threads).toBeGreaterThan(0);
    expect(half.threads).toBeLessThan(want.threads);

    const { out, io: cli } = io();
    const code = await runImportCommand(
      ['stackexchange', DUMP, '--category', 'bicycles-meta', '--staff', staffIds.join(',')],
      t.app.deps,
      cli,
    );
    expect(out.stderr).not.toContain('Import failed');
    expect(code).toBe(0);
    expect(out.stdout).toContain(`Imported ${SITE} into the category "bicycles-meta"`);
    expect(out.stderr).toMatch(/replay: .* rows \(100%\)/);

    const c = await counts();
    expect(c).toMatchObject({ threads: want.threads, replies: want.replies, accepted: want.accepted, users: want.users, staff: 5 });
    // History sent nothing live, and the sweeper has nothing to announce about it.
    expect(c.events).toBe(eventsBefore);
    expect(await sweepObligations(t.app.deps)).toEqual({ warned: 0, breached: 0 });
  }, 900_000);

  it('the statistics of the whole imported period are the 15-minute rule applied to the XML', async () => {
    const { status, body } = await getJson(t, '/api/sla/stats?from=2010-08-25&to=2023-09-03&groupBy=year', staffViewer);
    expect(status).toBe(200);
    expect(body.totals).toMatchObject(want.stats);
    expect(body.groups.map((g: { key: string }) => g.key)).toEqual(Array.from({ length: 14 }, (_, i) => String(2010 + i)));
    expect(body.groups.reduce((n: number, g: { obligations: number }) => n + g.obligations, 0)).toBe(want.stats.obligations);
    expect(body).toMatchObject({ firstDate: '2010-08-25' });
    const byMonth = (await getJson(t, '/api/sla/stats?from=2010-08-25&to=2023-09-03&groupBy=month', staffViewer)).body;
    expect(byMonth.totals).toEqual(body.totals);
  }, 120_000);

  it('running it again adds nothing', async () => {
    const before = await counts();
    const { out, io: cli } = io();
    const code = await runImportCommand(
      ['stackexchange', DUMP, '--category', 'bicycles-meta', '--staff', staffIds.join(',')],
      t.app.deps,
      cli,
    );
    expect(code).toBe(0);
    expect(await counts()).toEqual(before);
    expect(out.stdout).toContain('This run: 0 threads, 0 replies (0 accepted answers), 0 likes.');
    expect(out.stdout).toMatch(/Users\.xml\s+2,551\s+0\s+2,551/);
  }, 900_000);

  it('an imported question reads as Markdown, linked back, credited and tagged; its author cannot sign in', async () => {
    const [row] = rowsOf<{ id: number; tags: string[]; author_id: number }>(
      await t.database.db.execute(sql`select id, tags, author_id from threads where source_id = ${`stackexchange:${SITE}/q/1`}`),
    );
    expect(row!.tags.length).toBeGreaterThan(0);
    const { body } = await getJson(t, `/api/threads/${row!.id}`);
    const first = body.posts[0];
    expect(first.body).not.toMatch(/<(p|a|blockquote|h2)\b/);
    expect(first.html).toContain(`href="https://${SITE}/q/1"`);
    expect(first.html).toContain('CC BY-SA');
    expect(first.createdAt).toBe('2010-08-25T19:50:51.187Z');
    const [user] = rowsOf<{ email: string | null; password_hash: string | null }>(
      await t.database.db.execute(sql`select email, password_hash from users where id = ${row!.author_id}`),
    );
    expect(user).toEqual({ email: null, password_hash: null });
  });

  it('a malformed file stops it with a clear message and a non-zero exit', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kakera-bad-dump-'));
    try {
      copyFileSync(join(DUMP, 'Users.xml'), join(dir, 'Users.xml'));
      writeFileSync(join(dir, 'Posts.xml'), readFileSync(join(DUMP, 'Posts.xml')).subarray(0, 5000));
      const { out, io: cli } = io();
      expect(await runImportCommand(['stackexchange', dir, '--category', 'broken'], t.app.deps, cli)).toBe(1);
      expect(out.stderr).toMatch(/Import failed: Posts\.xml: .*line \d+/);
      expect(await runImportCommand(['stackexchange'], t.app.deps, cli)).toBe(2);
      // The command itself, as `npm run import` runs it.
      const run = spawnSync(
        process.execPath,
        ['--import', 'tsx', 'apps/api/src/cli/import.ts', 'stackexchange', dir, '--category', 'broken'],
        {
          cwd: new URL('../../../', import.meta.url).pathname,
          env: { PATH: process.env.PATH, DATA_DIR: join(dir, 'data') },
          encoding: 'utf8',
          timeout: 120_000,
        },
      );
      expect(run.status).toBe(1);
      expect(run.stderr).toMatch(/Import failed: Posts\.xml: /);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);
});
