import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { explainCategoryThreads, explainLatestThreads } from '@kakera/core';
import { buildTestApp, createCategory, createUser, type TestApp } from './helpers.ts';

// The hot read paths stay on their indexes on a large table: a board's list
// (each sort, the first and a deep page) is read in index order, never sorted
// whole, and its "awaiting staff" column is a probe per listed thread.

const N = 30_000;
let t: TestApp;
let slug: string;

beforeAll(async () => {
  t = await buildTestApp();
  const admin = await createUser(t, { role: 'admin' });
  const fan = await createUser(t);
  const board = await createCategory(t, admin);
  const other = await createCategory(t, admin);
  slug = board.slug;
  const at = new Date('2026-01-01T00:00:00Z');
  // Two boards, so the index must pick one; many open obligations elsewhere.
  await t.database.db.execute(sql`
    insert into threads (category_id, author_id, title, created_at, last_activity_at, last_position, like_count, reply_count)
    select case when g % 2 = 0 then ${board.id}::int else ${other.id}::int end, ${fan.id}, 'Thread ' || g,
           ${at}::timestamptz + (g || ' seconds')::interval, ${at}::timestamptz + ((g * 7919 % ${N}) || ' seconds')::interval, 1, g % 13, g % 7
    from generate_series(1, ${N}::int) g`);
  await t.database.db.execute(sql`
    insert into posts (thread_id, author_id, author_role, body, html, created_at, position)
    select id, author_id, 'fan', 'x', '<p>x</p>', created_at, 1 from threads where title like 'Thread %'`);
  await t.database.db.execute(sql`
    insert into obligations (thread_id, category_id, opened_post_id, target_seconds, opened_at, warn_at, due_at)
    select p.thread_id, th.category_id, p.id, 900, p.created_at, p.created_at + interval '10 minutes', p.created_at + interval '15 minutes'
    from posts p join threads th on th.id = p.thread_id where th.id % 3 = 0`);
  await t.database.db.execute(sql`analyze`);
}, 120_000);
afterAll(() => t.close());

type Plan = {
  'Node Type': string;
  'Index Name'?: string;
  'Relation Name'?: string;
  Plans?: Plan[];
  'Subplan Name'?: string;
  'Parent Relationship'?: string;
};
const nodes = (p: Plan): Plan[] => [p, ...(p.Plans ?? []).flatMap(nodes)];
const planOf = async (query: Record<string, unknown>) =>
  ((await explainCategoryThreads(t.app.deps, slug, { sort: 'latest', limit: 20, cursor: undefined, ...query })) as { Plan: Plan }[])[0]!
    .Plan;

describe('the board list', () => {
  it.each([
    ['latest', 'threads_category_latest_idx', 'WyIyMDI2LTAxLTAxVDA0OjAwOjAwLjAwMFoiLDEwMDAwXQ'],
    ['newest', 'threads_category_newest_idx', 'WyIyMDI2LTAxLTAxVDA0OjAwOjAwLjAwMFoiLDEwMDAwXQ'],
    ['top', 'threads_category_top_idx', 'WzEwLDEwMDAwXQ'],
  ])('sort=%s reads %s in order, first page and deep page, without sorting the board', async (sort, index, deepCursor) => {
    for (const cursor of [undefined, deepCursor]) {
      const plan = await planOf({ sort, cursor });
      const all = nodes(plan);
      const scans = all.filter((n) => n['Index Name'] === index);
      expect(scans.length, JSON.stringify(plan)).toBeGreaterThan(0);
      expect(
        all.some((n) => n['Node Type'] === 'Sort' && n['Parent Relationship'] !== 'SubPlan'),
        JSON.stringify(plan),
      ).toBe(false);
      expect(
        all.some((n) => n['Node Type'] === 'Seq Scan' && n['Relation Name'] === 'threads'),
        JSON.stringify(plan),
      ).toBe(false);
    }
  });

  it('finds the pinned threads every first page shows on their own small index, never walking the board', async () => {
    const plan = (
      (await explainCategoryThreads(t.app.deps, slug, { sort: 'latest', limit: 50, cursor: undefined }, true)) as { Plan: Plan }[]
    )[0]!.Plan;
    const all = nodes(plan);
    expect(
      all.some((n) => n['Index Name'] === 'threads_category_pinned_idx'),
      JSON.stringify(plan),
    ).toBe(true);
    expect(
      all.some((n) => n['Index Name'] === 'threads_category_latest_idx'),
      JSON.stringify(plan),
    ).toBe(false);
    expect(
      all.some((n) => n['Node Type'].includes('Bitmap')),
      JSON.stringify(plan),
    ).toBe(false);
  });

  it('looks up "awaiting staff" per listed thread on the open obligations’ index, never hashing them all', async () => {
    const all = nodes(await planOf({}));
    expect(all.some((n) => n['Index Name'] === 'obligations_open_thread_key')).toBe(true);
    expect(all.some((n) => n['Node Type'] === 'Hash')).toBe(false);
  });
});

describe('the latest activity across boards (home page)', () => {
  it('reads threads_latest_idx in order, without sorting every thread', async () => {
    const plan = ((await explainLatestThreads(t.app.deps, 10)) as { Plan: Plan }[])[0]!.Plan;
    const all = nodes(plan);
    expect(
      all.some((n) => n['Index Name'] === 'threads_latest_idx'),
      JSON.stringify(plan),
    ).toBe(true);
    expect(
      all.some((n) => n['Node Type'] === 'Sort' && n['Parent Relationship'] !== 'SubPlan'),
      JSON.stringify(plan),
    ).toBe(false);
    expect(
      all.some((n) => n['Node Type'] === 'Seq Scan' && n['Relation Name'] === 'threads'),
      JSON.stringify(plan),
    ).toBe(false);
  });
});
