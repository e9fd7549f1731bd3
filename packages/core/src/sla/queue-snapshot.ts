import { and, asc, eq, sql, type SQL } from 'drizzle-orm';
import { obligations, type DbOrTx } from '@kakera/db';
import type { Clock } from '../shared/clock.ts';
import type { EventPublisher } from '../events/event-publisher.ts';
import { rowsOf } from '@kakera/db';
import { selectObligationViews, withExcerpt, type ObligationViewRow } from './obligation-view.ts';

/**
 * An in-memory read model of the staff queue, so that fifty staff members
 * refreshing it do not each make the database count every open obligation.
 *
 * What it holds never depends on the time: the due and warning instants of
 * every open obligation (sorted, to count the states at any moment by binary
 * search) and the first page of rows per filter. States and counts are worked
 * out for the clock's `now` on every request, so the answer is the same as a
 * fresh query's at any instant, without waiting for the sweeper.
 *
 * It is thrown away whenever the queue may have changed:
 * - when this process records a `staff-queue` event (inside the writing
 *   transaction, so the writer's next read is never stale),
 * - when any instance's `staff-queue` event is delivered (after commit, via
 *   NOTIFY — which also covers a rebuild that ran before that commit),
 * - and after `maxAgeMs`, for changes that carry no queue event (a category
 *   or a staff member renamed) or a LISTEN connection that was down.
 *
 * Only that last, age-based refresh serves the previous generation while the
 * next one loads (for at most another `maxAgeMs`): it answered changes
 * without events up to `maxAgeMs` late anyway, and otherwise every refresh
 * held up all the requests in flight for one load of every open obligation's
 * instants (the queue's p99 under load was those stalls). After an event
 * nothing older than the event is served.
 */
export interface QueueSnapshot {
  /** The open obligations' instants, for counts; per category when `categoryId` is set. */
  timeline(categoryId: number | undefined): Promise<Timeline>;
  /** The first `limit + 1` open obligations by due time (the extra row says whether there is a next page). */
  firstRows(categoryId: number | undefined, limit: number): Promise<ObligationViewRow[]>;
  stop(): void;
}

export interface Timeline {
  /** Ascending epoch milliseconds. */
  warnAt: Float64Array;
  dueAt: Float64Array;
}

const EMPTY: Timeline = { warnAt: new Float64Array(0), dueAt: new Float64Array(0) };
// A page per filter is kept; filters are categories × page sizes, so bound them.
const MAX_PAGES = 64;

/** How many of `sorted` are ≤ `x`. */
function countAtMost(sorted: Float64Array, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The counts of product.md at `now`, by `liveState`'s boundaries (breached
 * once due, warned from the warning instant until due, open before it) over
 * sorted instants instead of one obligation at a time; the test beside it
 * holds the two together. The warning instant always precedes the due one,
 * so "warned or worse" minus "breached" is "warned".
 */
export function countStates(t: Timeline, now: Date): { open: number; warned: number; breached: number } {
  const at = now.getTime();
  const breached = countAtMost(t.dueAt, at);
  const warnedOrWorse = Math.max(countAtMost(t.warnAt, at), breached);
  return { open: t.warnAt.length - warnedOrWorse, warned: warnedOrWorse - breached, breached };
}

interface Generation {
  builtAt: number;
  timelines: Promise<Map<number | 'all', Timeline>> | null;
  /** `timelines` once loaded, for the next generation to serve while it loads. */
  loadedTimelines: Map<number | 'all', Timeline> | null;
  pages: Map<string, Promise<ObligationViewRow[]>>;
  loadedPages: Map<string, ObligationViewRow[]>;
}

export function createQueueSnapshot(
  deps: { db: DbOrTx; clock: Clock; events: EventPublisher },
  opts: { maxAgeMs?: number } = {},
): QueueSnapshot {
  const maxAgeMs = opts.maxAgeMs ?? 5000;
  let gen: Generation | null = null;
  // The generation that `gen` replaced by age alone, served while `gen` loads.
  let previous: Generation | null = null;

  const invalidate = () => {
    gen = null;
    previous = null;
  };
  const fresh = (now: number): Generation => ({
    builtAt: now,
    timelines: null,
    loadedTimelines: null,
    pages: new Map(),
    loadedPages: new Map(),
  });
  const current = (): Generation => {
    const now = deps.clock.now().getTime();
    // A clock moved backwards (tests) also starts afresh.
    if (!gen || now < gen.builtAt) {
      previous = null;
      gen = fresh(now);
    } else if (now - gen.builtAt > maxAgeMs) {
      previous = now - gen.builtAt <= 2 * maxAgeMs ? gen : null;
      gen = fresh(now);
    }
    return gen;
  };
  // A failed load must not be served from the cache forever.
  const forgetOnFailure = <T>(g: Generation, p: Promise<T>, forget: () => void): Promise<T> => {
    p.catch(() => {
      if (gen === g) forget();
    });
    return p;
  };

  const stopDelivered = deps.events.subscribe((e) => {
    if (e.topic === 'staff-queue') invalidate();
  });
  const stopRecorded = deps.events.onRecord((topic) => {
    if (topic === null || topic === 'staff-queue') invalidate();
  });

  async function loadTimelines(): Promise<Map<number | 'all', Timeline>> {
    // Ordered by warn_at, so those arrays come sorted; due_at ones are sorted below.
    const result = await deps.db.execute(sqlOpenInstants());
    const rows = rowsOf<{ category_id: number; warn_ms: string | number; due_ms: string | number }>(result);
    const grouped = new Map<number | 'all', { warn: number[]; due: number[] }>([['all', { warn: [], due: [] }]]);
    for (const r of rows) {
      const warn = Number(r.warn_ms);
      const due = Number(r.due_ms);
      const all = grouped.get('all')!;
      all.warn.push(warn);
      all.due.push(due);
      let c = grouped.get(Number(r.category_id));
      if (!c) grouped.set(Number(r.category_id), (c = { warn: [], due: [] }));
      c.warn.push(warn);
      c.due.push(due);
    }
    const timelines = new Map<number | 'all', Timeline>();
    for (const [key, g] of grouped) {
      timelines.set(key, { warnAt: Float64Array.from(g.warn), dueAt: Float64Array.from(g.due).sort() });
    }
    return timelines;
  }

  return {
    async timeline(categoryId) {
      const g = current();
      if (!g.timelines) {
        g.timelines = forgetOnFailure(
          g,
          loadTimelines().then((t) => (g.loadedTimelines = t)),
          () => {
            g.timelines = null;
          },
        );
      }
      const timelines = g.loadedTimelines ?? previous?.loadedTimelines ?? (await g.timelines);
      return timelines.get(categoryId ?? 'all') ?? EMPTY;
    },
    firstRows(categoryId, limit) {
      const g = current();
      const key = `${categoryId ?? ''}:${limit}`;
      let page = g.pages.get(key);
      if (!page) {
        if (g.pages.size >= MAX_PAGES) {
          g.pages.clear();
          g.loadedPages.clear();
        }
        const scope: SQL[] = [eq(obligations.status, 'open')];
        if (categoryId) scope.push(eq(obligations.categoryId, categoryId));
        page = forgetOnFailure(
          g,
          selectObligationViews(deps.db)
            .where(and(...scope))
            .orderBy(asc(obligations.dueAt), asc(obligations.id))
            .limit(limit + 1)
            // Only the first line of each post is kept, so a page costs its rows and no more.
            .then((rows) => {
              const excerpts = rows.map(withExcerpt);
              g.loadedPages.set(key, excerpts);
              return excerpts;
            }),
          () => g.pages.delete(key),
        );
        g.pages.set(key, page);
      }
      const loaded = g.loadedPages.get(key) ?? previous?.loadedPages.get(key);
      return loaded ? Promise.resolve(loaded) : page;
    },
    stop() {
      stopDelivered();
      stopRecorded();
      invalidate();
    },
  };
}

function sqlOpenInstants() {
  // Epoch milliseconds as float8: cheaper to parse than timestamps, and exact for millisecond instants.
  return sql`select ${obligations.categoryId} as category_id,
                    extract(epoch from ${obligations.warnAt}) * 1000 as warn_ms,
                    extract(epoch from ${obligations.dueAt}) * 1000 as due_ms
             from ${obligations} where ${obligations.status} = 'open'
             order by ${obligations.warnAt}`;
}
