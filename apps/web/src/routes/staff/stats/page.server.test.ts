import { describe, expect, it } from 'vitest';
import { StatsQuery } from '@kakera/contracts';
import { ApiError } from '$lib/api-error';
import { load } from './+page.server';

type Query = Record<string, string | number | undefined>;

/** An API that validates the query as the real one does, and records what it was asked. */
function fakeApi() {
  const asked: Query[] = [];
  return {
    asked,
    api: {
      async get(_path: string, init: { params?: { query?: Query } } = {}) {
        const query = init.params?.query ?? {};
        asked.push(query);
        const defined = Object.fromEntries(Object.entries(query).filter(([, v]) => v !== undefined));
        const parsed = StatsQuery.safeParse(defined);
        if (!parsed.success) throw new ApiError(400, 'invalid_input', 'Invalid querystring');
        const to = parsed.data.to ?? '2026-03-01';
        const totals = { obligations: 0, met: 0, breached: 0, noResponseNeeded: 0, open: 0, resolved: 0 };
        return { from: parsed.data.from ?? '2026-02-23', to, timeZone: 'UTC', groupBy: parsed.data.groupBy, totals, groups: [] };
      },
    },
  };
}

async function open(search: string) {
  const { api, asked } = fakeApi();
  const event = { locals: { api, user: { id: 1, role: 'staff' } }, url: new URL(`http://forum.test/staff/stats${search}`) };
  const data = await (load as (e: unknown) => Promise<unknown>)(event);
  return { data, asked };
}

describe('/staff/stats', () => {
  it.each(['?to=9999-12-31', '?from=0001-01-01&to=0001-01-31', '?from=1999-12-01', '?to=2101-01-01', '?from=2026-02-30'])(
    'a day the API would refuse (%s) gives the default period, not an error page; a day it takes is passed on',
    async (search) => {
      const { data, asked } = await open(search);
      expect(data).toMatchObject({ stats: { to: '2026-03-01' } });
      for (const q of asked) expect([q.from, q.to]).toEqual([undefined, undefined]);
      const inRange = await open('?from=2000-01-01&to=2000-01-31');
      expect(inRange.asked[0]).toMatchObject({ from: '2000-01-01', to: '2000-01-31' });
    },
  );

  it('asks the API for "the last N days" (it counts them back from its own today) instead of working out dates', async () => {
    const { asked } = await open('?days=30&groupBy=staff');
    for (const q of asked) expect(q).toMatchObject({ days: 30, from: undefined, to: undefined });
    expect(asked[0]).toMatchObject({ groupBy: 'staff' });
    // A number the API would refuse is the default period; a `from` makes `days` moot.
    for (const search of ['?days=0', '?days=abc', '?days=9999']) expect((await open(search)).asked[0]?.days).toBeUndefined();
    expect((await open('?from=2026-02-01&days=30')).asked[0]).toMatchObject({ from: '2026-02-01', days: undefined });
  });

  it('passes the long groupings on, for periods of years (a community that moved in)', async () => {
    for (const groupBy of ['week', 'month', 'year']) {
      const { asked } = await open(`?from=2010-08-25&to=2023-08-09&groupBy=${groupBy}`);
      expect(asked[0]).toMatchObject({ from: '2010-08-25', to: '2023-08-09', groupBy });
    }
  });
});
