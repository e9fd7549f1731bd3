import type { Pathname } from '$app/types';
import { threadPath } from './format';

/**
 * Every internal link, built in one place. Templates pass the result through
 * SvelteKit's `resolve()` (`href={resolve(paths.user(id))}`), which adds the
 * base path and lets the linter see that every link is resolved.
 */
type Query = Record<string, string | number | boolean | null | undefined>;

export function query(q: Query = {}): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) {
    if (v !== undefined && v !== null && v !== false && v !== '') params.set(k, String(v));
  }
  const s = params.toString();
  return s ? `?${s}` : '';
}

const hashOf = (hash?: string) => (hash ? `#${hash}` : '');

/**
 * A path held in a `Pathname` variable, for `resolve()`: past 25 routes
 * TypeScript no longer matches the whole union against resolve's per-route
 * arguments, so it is handed over as one route (it is one, already built).
 */
export const anyPath = (p: Pathname) => p as '/';

// Each path keeps its own narrow type (no `: Pathname` on the results): `resolve()` is typed per route,
// and a value of the whole `Pathname` union stops type-checking once the site has more than 25 routes.
export const paths = {
  home: () => '/' as const,
  board: (slug: string, q?: Query) => `/c/${encodeURIComponent(slug)}${query(q)}` as `/c/${string}`,
  thread: (t: { id: number; title: string }, q?: Query, hash?: string) => `${threadPath(t)}${query(q)}${hashOf(hash)}` as `/t/${string}`,
  /** The thread page currently shown (keeps its slug), with other query or hash. */
  threadHere: (pathname: string, q?: Query, hash?: string) => `${pathname}${query(q)}${hashOf(hash)}` as `/t/${string}`,
  user: (id: number, q?: Query) => `/u/${id}${query(q)}` as `/u/${string}`,
  /** The leaderboard: this month (`period=month`, the default) or all time, paged with a cursor. */
  leaderboard: (q?: Query) => `/leaderboard${query(q)}` as '/leaderboard',
  newThread: (slug?: string) => `/new${query({ c: slug })}` as '/new',
  login: (next?: string) => `/login${query({ next })}` as '/login',
  register: (next?: string) => `/register${query({ next })}` as '/register',
  /** A search: its words, or its words with filters and a cursor. */
  search: (q?: string | Query) => `/search${query(typeof q === 'object' ? q : { q })}` as '/search',
  admin: () => '/admin' as const,
  /** The latest daily digest, or one day's (`YYYY-MM-DD`). */
  digest: (date?: string) => (date ? (`/digest/${date}` as `/digest/${string}`) : ('/digest' as const)),
  digestArchive: (cursor?: string) => `/digest/archive${query({ cursor })}` as '/digest/archive',
  /** The signed-in reader's notifications; `cursor` for older ones. */
  notifications: (cursor?: string) => `/notifications${query({ cursor })}` as '/notifications',
  notificationSettings: () => '/settings/notifications' as const,
  staffQueue: () => '/staff/queue' as const,
  /** The statistics page; with `staffId`, one staff member's scorecard. */
  staffStats: (q?: Query) => `/staff/stats${query(q)}` as '/staff/stats',
  /** The signed-in staff member's escalations (`state=acknowledged` for the done ones). */
  staffInbox: (q?: Query) => `/staff/inbox${query(q)}` as '/staff/inbox',
  issue: (key: string, hash?: string) => `/issues/${encodeURIComponent(key)}${hashOf(hash)}` as `/issues/${string}`,
  /** Promote a thread (or one post of it) to an issue, or link it to one. */
  promote: (threadId: number, postId?: number | null) => `/issues/new${query({ thread: threadId, post: postId })}` as '/issues/new',
  triage: (q?: Query) => `/triage${query(q)}` as '/triage',
  roadmap: (q?: Query) => `/roadmap${query(q)}` as '/roadmap',
} satisfies Record<string, (...args: never[]) => Pathname>;
