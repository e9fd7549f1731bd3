import { IssueListQuery, IssueSort, IssueStatus, IssueType, Priority, Severity } from '@kakera/contracts';
import type { IssueListQuery as ListQuery } from '@kakera/contracts';

/**
 * The triage page's filters, read from its address (`/triage?status=…`).
 * With no `status` the page shows what needs triage (`needs_triage`);
 * `status=all` shows every issue. A value the API would refuse (a hand-made
 * link) is dropped rather than turned into an error page.
 */
export const STATUS_FILTERS = ['needs_triage', 'open', 'closed', 'all', ...IssueStatus.options] as const;
export type StatusFilter = (typeof STATUS_FILTERS)[number];

export interface TriageFilters {
  status: StatusFilter;
  type: IssueType | '';
  severity: Severity | '';
  priority: Priority | '';
  component: string;
  assignee: string;
  label: string;
  q: string;
  sort: (typeof IssueSort.options)[number];
}

const one = <T extends string>(options: readonly T[], raw: string | null): T | '' => options.find((o) => o === raw) ?? '';
const text = (raw: string | null, max: number) => (raw ?? '').trim().slice(0, max);

export function readFilters(params: URLSearchParams): TriageFilters {
  const assignee = params.get('assignee') ?? '';
  return {
    status: one(STATUS_FILTERS, params.get('status')) || 'needs_triage',
    type: one(IssueType.options, params.get('type')),
    severity: one(Severity.options, params.get('severity')),
    priority: one(Priority.options, params.get('priority')),
    component: text(params.get('component'), 60),
    assignee: assignee === 'none' || /^[1-9]\d{0,9}$/.test(assignee) ? assignee : '',
    label: text(params.get('label'), 40),
    q: text(params.get('q'), 100),
    sort: one(IssueSort.options, params.get('sort')) || IssueListQuery.shape.sort.parse(undefined),
  };
}

type ApiQuery = Omit<ListQuery, 'assignee'> & { assignee?: 'none' | number | undefined };

/** The API's query for these filters and page (`cursor`), 50 a page. */
export function apiQuery(f: TriageFilters, cursor: string | null, limit = 50): ApiQuery {
  const query: ApiQuery = {
    status: f.status === 'all' ? undefined : f.status,
    type: f.type || undefined,
    severity: f.severity || undefined,
    priority: f.priority || undefined,
    component: f.component || undefined,
    assignee: f.assignee === 'none' ? 'none' : f.assignee ? Number(f.assignee) : undefined,
    label: f.label || undefined,
    q: f.q || undefined,
    sort: f.sort,
    cursor: cursor ?? undefined,
    limit,
  };
  // Checked as the API checks it, so that a link the API would refuse shows the first page instead.
  const ok = IssueListQuery.safeParse(Object.fromEntries(Object.entries(query).filter(([, v]) => v !== undefined)));
  return ok.success ? query : { ...query, cursor: undefined };
}

/** The page's address for these filters (defaults left out), for links and redirects. */
export function filterQuery(f: TriageFilters, extra: Record<string, string | undefined> = {}): Record<string, string | undefined> {
  return {
    status: f.status === 'needs_triage' ? undefined : f.status,
    type: f.type || undefined,
    severity: f.severity || undefined,
    priority: f.priority || undefined,
    component: f.component || undefined,
    assignee: f.assignee || undefined,
    label: f.label || undefined,
    q: f.q || undefined,
    sort: f.sort === 'votes' ? undefined : f.sort,
    ...extra,
  };
}
