import { sql } from 'drizzle-orm';
import { STAFF_ROLES } from '@kakera/contracts';
import { posts, rowsOf, threads, type DbOrTx } from '@kakera/db';

/**
 * What the forum did in a period, for the daily digest (docs/metrics.md, "The
 * daily digest"), without other modules reading the forum's tables. Counted:
 * threads readers can see (not hidden), and posts (not system messages)
 * neither deleted nor hidden, in such threads. "Staff" is the author's role
 * when posting (contracts' STAFF_ROLES), as for the 15-minute rule.
 */

export interface DayActivity {
  newThreads: number;
  newPosts: number;
  activeFans: number;
  staffResponses: number;
}

export interface ActivityScope {
  /** [start, end): instants; days are local days in `timeZone`. */
  start: Date;
  end: Date;
  timeZone: string;
}

const staffRole = sql.raw(`(${STAFF_ROLES.map((r) => `'${r}'`).join(', ')})`);

const visiblePostIn = (scope: ActivityScope) => sql`
  ${posts} p join ${threads} t on t.id = p.thread_id
  where p.created_at >= ${scope.start} and p.created_at < ${scope.end}
    and p.kind = 'post' and p.deleted_at is null and p.hidden_at is null and t.hidden_at is null`;

/** Per local day (`YYYY-MM-DD`) with any activity: new threads, posts, fans who posted, staff posts. */
export async function findDailyActivity(db: DbOrTx, scope: ActivityScope): Promise<Map<string, DayActivity>> {
  // One after the other: inside a transaction both would queue on its one connection anyway.
  const postRows = await db.execute(sql`
      select to_char(p.created_at at time zone ${scope.timeZone}, 'YYYY-MM-DD') as day,
        count(*)::int as posts,
        count(distinct p.author_id) filter (where p.author_role not in ${staffRole})::int as fans,
        count(*) filter (where p.author_role in ${staffRole})::int as staff
      from ${visiblePostIn(scope)}
      group by 1`);
  const threadRows = await db.execute(sql`
      select to_char(t.created_at at time zone ${scope.timeZone}, 'YYYY-MM-DD') as day, count(*)::int as threads
      from ${threads} t
      where t.created_at >= ${scope.start} and t.created_at < ${scope.end} and t.hidden_at is null
      group by 1`);
  const out = new Map<string, DayActivity>();
  const at = (d: string) => {
    let a = out.get(d);
    if (!a) out.set(d, (a = { newThreads: 0, newPosts: 0, activeFans: 0, staffResponses: 0 }));
    return a;
  };
  for (const r of rowsOf<{ day: string; posts: number; fans: number; staff: number }>(postRows)) {
    Object.assign(at(r.day), { newPosts: Number(r.posts), activeFans: Number(r.fans), staffResponses: Number(r.staff) });
  }
  for (const r of rowsOf<{ day: string; threads: number }>(threadRows)) at(r.day).newThreads = Number(r.threads);
  return out;
}

export interface HotThread {
  id: number;
  title: string;
  categoryId: number;
  newPosts: number;
  people: number;
}

/** The threads with the most posts in the period (then the most people writing), readers' threads only. */
export async function findHottestThreads(db: DbOrTx, scope: ActivityScope, limit: number): Promise<HotThread[]> {
  const result = await db.execute(sql`
    select t.id, t.title, t.category_id as "categoryId", count(*)::int as "newPosts", count(distinct p.author_id)::int as people
    from ${visiblePostIn(scope)}
    group by t.id, t.title, t.category_id
    order by 4 desc, 5 desc, t.id
    limit ${limit}`);
  return rowsOf<HotThread>(result).map((r) => ({ ...r, newPosts: Number(r.newPosts), people: Number(r.people) }));
}
