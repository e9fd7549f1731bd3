import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { explainLeaderboard } from '@kakera/core';
import { buildTestApp, type TestApp } from './helpers.ts';

// The leaderboard stays on its indexes with many users: both boards, first
// and deep page, are read in index order, never sorted whole.

const N = 30_000;
let t: TestApp;

beforeAll(async () => {
  t = await buildTestApp();
  const month = t.clock.now().toISOString().slice(0, 7);
  await t.database.db.execute(sql`insert into users (name, role, points)
    select 'Fan ' || g, (case when g % 100 = 0 then 'staff' else 'fan' end)::role, ((g::bigint * 7919) % 5000)::int
    from generate_series(1, ${N}::int) g`);
  await t.database.db.execute(sql`insert into points_monthly (user_id, month, points)
    select id, ${month}, ((id::bigint * 104729) % 300 + 1)::int from users where id % 5 < 3`);
  await t.database.db.execute(sql`analyze`);
}, 120_000);
afterAll(() => t.close());

type Plan = { 'Node Type': string; 'Index Name'?: string; 'Relation Name'?: string; Plans?: Plan[] };
const nodes = (p: Plan): Plan[] => [p, ...(p.Plans ?? []).flatMap(nodes)];
const cursorOf = (values: number[]) => Buffer.from(JSON.stringify(values)).toString('base64url');

describe('the leaderboard', () => {
  it.each([
    ['month', 'points_monthly_board_idx', cursorOf([150, 12_000, 9_000, 8_990])],
    ['all', 'users_points_idx', cursorOf([2_500, 12_000, 15_000, 14_990])],
  ] as const)('period=%s reads %s in order, first page and deep page, without sorting the board', async (period, index, deep) => {
    for (const cursor of [undefined, deep]) {
      const plan = ((await explainLeaderboard(t.app.deps, { period, cursor, limit: 50 })) as { Plan: Plan }[])[0]!.Plan;
      const all = nodes(plan);
      expect(
        all.some((n) => n['Index Name'] === index),
        JSON.stringify(plan),
      ).toBe(true);
      expect(
        all.some((n) => n['Node Type'] === 'Sort' || n['Node Type'] === 'Incremental Sort'),
        JSON.stringify(plan),
      ).toBe(false);
      expect(
        all.some((n) => n['Node Type'] === 'Seq Scan'),
        JSON.stringify(plan),
      ).toBe(false);
    }
  });
});
