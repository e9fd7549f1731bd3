import type { UpdateIssueBody } from '@kakera/contracts';

/** The fields of an issue's edit form (PATCH /api/issues/:key). */
export const EDIT_FIELDS = [
  'title',
  'type',
  'status',
  'severity',
  'priority',
  'component',
  'assigneeId',
  'labels',
  'affectedVersion',
  'fixedInVersion',
  'description',
] as const;
type EditField = (typeof EDIT_FIELDS)[number];

const labelsOf = (s: string) =>
  s
    .split(/[,、，]/)
    .map((l) => l.trim())
    .filter(Boolean);
const nullIfBlank = (s: string) => (s.trim() === '' ? null : s.trim());
/** Browsers send a text box's line ends as CRLF: the same text either way. */
const norm = (s: string) => s.replace(/\r\n?/g, '\n').trim();

/**
 * What the edit form changed: each field is sent back with the value the
 * page showed (`was.<field>`), and only fields that differ are sent, so an
 * edit never undoes someone else's change to another field meanwhile.
 */
export function changedFields(form: FormData): UpdateIssueBody {
  const body: Record<string, unknown> = {};
  for (const f of EDIT_FIELDS) {
    if (!form.has(f)) continue;
    const now = field(form, f);
    const was = field(form, `was.${f}`);
    const same = f === 'labels' ? labelsOf(now).join(',') === labelsOf(was).join(',') : norm(now) === norm(was);
    if (same) continue;
    body[f] = valueOf(f, now);
  }
  return body as UpdateIssueBody;
}

function valueOf(f: EditField, raw: string): unknown {
  switch (f) {
    case 'title':
    case 'description':
      return norm(raw);
    case 'type':
    case 'status':
      return raw;
    case 'assigneeId':
      return raw === '' ? null : Number(raw);
    case 'labels':
      return labelsOf(raw);
    default:
      return nullIfBlank(raw);
  }
}

function field(form: FormData, name: string): string {
  const v = form.get(name);
  return typeof v === 'string' ? v : '';
}
