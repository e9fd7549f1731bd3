import { basename } from 'node:path';
import { malformedDump, type DumpRow } from './dump-xml.ts';

/**
 * What a Stack Exchange dump's rows mean here (docs/import.md has the
 * mapping table): pure functions, no database.
 */

export const DUMP_FILES = {
  users: { file: 'Users.xml', root: 'users', required: true },
  posts: { file: 'Posts.xml', root: 'posts', required: true },
  comments: { file: 'Comments.xml', root: 'comments', required: false },
  votes: { file: 'Votes.xml', root: 'votes', required: false },
  tags: { file: 'Tags.xml', root: 'tags', required: false },
} as const;
export type DumpFile = keyof typeof DUMP_FILES;

/** `2010-08-25T19:50:51.187`: UTC without a zone in the dump; kept to the millisecond. */
export function parseDumpTime(value: string | undefined): Date | null {
  if (!value) return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,3}))?$/.exec(value);
  if (!m) return null;
  const [, y, mo, d, h, mi, s, ms] = m;
  const at = new Date(Date.UTC(+y!, +mo! - 1, +d!, +h!, +mi!, +s!, ms ? Number(ms.padEnd(3, '0')) : 0));
  return Number.isNaN(at.getTime()) ? null : at;
}

/** A question's tags: `<bug><status-completed>` (older dumps) or `|bug|status-completed|` (newer ones). */
export function parseTags(value: string | undefined): string[] {
  if (!value) return [];
  const tags = value.startsWith('<') ? [...value.matchAll(/<([^<>]+)>/g)].map((m) => m[1]!) : value.split('|');
  return [...new Set(tags.map((t) => t.trim()).filter(Boolean))];
}

/**
 * The dump's site, for links back and for the accounts' source: `--site`,
 * else the folder's name — `bicycles.meta.stackexchange.com` as Stack
 * Exchange names its archives, or `stackexchange-bicycles-meta` (read as
 * bicycles.meta.stackexchange.com).
 */
export function siteOf(dir: string, site?: string): string {
  if (site) return site.toLowerCase();
  const name = basename(dir.replace(/[/\\]+$/, '')).toLowerCase();
  if (name.includes('.')) return name;
  const words = name
    .replace(/^stackexchange-/, '')
    .split('-')
    .filter(Boolean);
  return `${words.join('.')}.stackexchange.com`;
}

/** A required attribute, or the file is malformed. */
export function required(file: string, row: DumpRow, name: string): string {
  const v = row.attrs[name];
  if (v === undefined || v === '') throw malformedDump(file, `the row on line ${row.line} has no ${name}`);
  return v;
}

export function requiredId(file: string, row: DumpRow, name = 'Id'): number {
  const v = required(file, row, name);
  if (!/^-?\d+$/.test(v)) throw malformedDump(file, `the row on line ${row.line} has ${name}="${v}", not a number`);
  return Number(v);
}

export function requiredTime(file: string, row: DumpRow, name = 'CreationDate'): Date {
  const v = required(file, row, name);
  const at = parseDumpTime(v);
  if (!at) throw malformedDump(file, `the row on line ${row.line} has ${name}="${v}", not a time (YYYY-MM-DDTHH:MM:SS.mmm)`);
  return at;
}

export const optionalId = (v: string | undefined): number | null => (v && /^-?\d+$/.test(v) ? Number(v) : null);

/** Markdown text that shows as written (a person's name in a sentence). */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]()<>#!|~]/g, '\\$&');
}

const LICENCE = /^CC BY-SA (\d\.\d)$/;

/** Where the row came from and under which licence (CC BY-SA: the site, the author, a link back, the licence). */
export function attribution(opts: {
  site: string;
  kind: 'question' | 'answer' | 'comment';
  id: number;
  author: string;
  licence: string | undefined;
}): string {
  const path = opts.kind === 'question' ? `q/${opts.id}` : opts.kind === 'answer' ? `a/${opts.id}` : `posts/comments/${opts.id}`;
  const licence = opts.licence ?? 'CC BY-SA 4.0';
  const version = LICENCE.exec(licence)?.[1];
  const licenceText = version ? `[${licence}](https://creativecommons.org/licenses/by-sa/${version}/)` : escapeMarkdown(licence);
  return `*Originally [posted on ${opts.site}](https://${opts.site}/${path}) by ${escapeMarkdown(opts.author)}, ${licenceText}.*`;
}

/** Accounts of people the dump names only by a display name (deleted accounts): one per name. */
export const nameSourceId = (name: string | undefined) => (name ? `name:${name}` : 'name:');
export const displayNameOf = (sourceId: string) => (sourceId === 'name:' ? 'Deleted user' : sourceId.slice('name:'.length));
