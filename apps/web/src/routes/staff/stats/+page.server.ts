import { LocalDate, StatsGroupBy, StatsQuery } from '@kakera/contracts';
import type { PageServerLoad } from './$types';
import { pageError } from '$lib/server/errors';
import { requireSignedIn } from '../staff-guard';

/**
 * A day from the address bar, or undefined for the default period. The API's
 * own rule, so that a day it would refuse (no such date, outside the range it
 * accepts) gives the default period here rather than an error page.
 */
const day = (value: string | null): string | undefined => (value && LocalDate.safeParse(value).success ? value : undefined);

export const load: PageServerLoad = async ({ locals, url }) => {
  requireSignedIn(locals, url);
  const q = url.searchParams;
  const groupBy = StatsGroupBy.safeParse(q.get('groupBy')).data ?? 'day';
  const staffId = Number(q.get('staffId')) || undefined;
  const from = day(q.get('from'));
  const to = day(q.get('to'));
  // "The last 30 days" and the like: the API counts them back from its own today (TZ), so no date arithmetic here.
  const days = !from && q.has('days') ? StatsQuery.shape.days.safeParse(q.get('days')).data : undefined;
  const period = { from, to, days };
  try {
    const [stats, scorecard, person] = await Promise.all([
      locals.api.get('/api/sla/stats', { params: { query: { ...period, groupBy, staffId } } }),
      locals.api.get('/api/sla/stats', { params: { query: { ...period, groupBy: 'staff', staffId } } }),
      // Whose scorecard this is, by name (also when they answered nothing in the period).
      staffId
        ? locals.api.get('/api/users/{id}', { params: { path: { id: staffId } } }).then(
            (r) => r.user,
            () => null,
          )
        : Promise.resolve(null),
    ]);
    return {
      stats,
      scorecard: scorecard.groups.filter((g) => g.key !== null),
      groupBy,
      staffId: staffId ?? null,
      staffName: person?.name ?? null,
    };
  } catch (e) {
    pageError(e);
  }
};
