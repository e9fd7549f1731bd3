/**
 * Page numbers for paged lists (a thread's posts). Pure, so the pager's
 * choices are unit-tested and shared by the server (redirects) and the page.
 */

/**
 * The page that holds post number `position` (1-based) at `perPage` a page.
 * The page size is the API's: `perPage` in its answer (or, on the server,
 * THREAD_PAGE_SIZE, its default); the web app has none of its own.
 */
export const pageOfPosition = (position: number, perPage: number): number => Math.max(1, Math.ceil(position / perPage));

/**
 * A `page` query value as a page number, or null when absent or not a page
 * (the API's cap keeps `page × per page` inside a database integer).
 */
export function parsePage(raw: string | null): number | null {
  if (raw === null || !/^[1-9]\d{0,7}$/.test(raw)) return null;
  const n = Number(raw);
  return n <= 10_000_000 ? n : null;
}

export type PagerItem = { kind: 'page'; page: number; current: boolean } | { kind: 'gap'; key: string };

/**
 * The numbered part of a pager: always the first and the last page (they are
 * the pager's first/last links), the current page with one on either side,
 * and a gap (…) where pages are left out. A gap never hides a single page:
 * that page is shown instead. Previous/next links go around this.
 *
 *   pagerItems(1, 20) → 1 2 … 20        pagerItems(9, 20) → 1 … 8 9 10 … 20
 *   pagerItems(4, 20) → 1 2 3 4 5 … 20  pagerItems(20, 20) → 1 … 19 20
 */
export function pagerItems(page: number, pageCount: number): PagerItem[] {
  if (pageCount <= 1) return [];
  const shown = [...new Set([1, page - 1, page, page + 1, pageCount])].filter((n) => n >= 1 && n <= pageCount).sort((a, b) => a - b);
  const items: PagerItem[] = [];
  for (const [i, n] of shown.entries()) {
    const before = shown[i - 1];
    if (before !== undefined && n - before === 2) items.push({ kind: 'page', page: n - 1, current: false });
    else if (before !== undefined && n - before > 2) items.push({ kind: 'gap', key: `gap-${n}` });
    items.push({ kind: 'page', page: n, current: n === page });
  }
  return items;
}
