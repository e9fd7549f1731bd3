import type { z } from 'zod';
import type * as C from '@kakera/contracts';
import { LocalDate } from '@kakera/contracts';
import type { PageServerLoad } from './$types';
import type { UserProfile } from '$lib/types';
import { pageError } from '$lib/server/errors';
import { requireStaffPage } from '../staff-guard';

type StatsResponse = z.infer<typeof C.StatsResponse>;
const GROUPS = ['day', 'staff', 'team', 'category'] as const;
type GroupBy = (typeof GROUPS)[number];

/**
 * A day from the address bar, or undefined for the default period. The API's
 * own rule, so that a day it would refuse (no such date, outside the range it
 * accepts) gives the default period here rather than an error page.
 */
const day = (value: string | null): string | undefined => (value && LocalDate.safeParse(value).success ? value : undefined);

function addDays(date: string, days: number): string {
  const [y, mo, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, mo - 1, d + days)).toISOString().slice(0, 10);
}

export const load: PageServerLoad = async ({ locals, url }) => {
  requireStaffPage(locals, url);
  const q = url.searchParams;
  const groupParam = q.get('groupBy') ?? 'day';
  const groupBy: GroupBy = (GROUPS as readonly string[]).includes(groupParam) ? (groupParam as GroupBy) : 'day';
  const staffId = Number(q.get('staffId')) || undefined;
  let from = day(q.get('from'));
  let to = day(q.get('to'));
  const days = Number(q.get('days'));
  try {
    if (!from && !to && (days === 30 || days === 90)) {
      // "Today" is the server's local day (TZ): ask the API for it, then go back.
      const today = (await locals.api.get<StatsResponse>('/api/sla/stats', { groupBy: 'category' })).to;
      to = today;
      from = addDays(today, -(days - 1));
    }
    const [stats, scorecard, person] = await Promise.all([
      locals.api.get<StatsResponse>('/api/sla/stats', { from, to, groupBy, staffId }),
      locals.api.get<StatsResponse>('/api/sla/stats', { from, to, groupBy: 'staff', staffId }),
      // Whose scorecard this is, by name (also when they answered nothing in the period).
      staffId
        ? locals.api.get<{ user: UserProfile }>(`/api/users/${staffId}`).then(
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
