/**
 * The @mention being typed, for the editor's autocomplete. Pure, so the
 * rules are unit-tested: what counts as a mention matches what the API reads
 * (packages/core/src/forum/mentions.ts): `@` after a space, a line start or
 * punctuation — not inside a word or an address (`mika@example.com`) — and
 * what the autocomplete writes is the exact form, `[@Name](/u/12)`.
 */

export interface MentionQuery {
  /** Where the `@` is. */
  start: number;
  /** What follows it up to the caret: the name's start. */
  prefix: string;
}

const TYPED = /(^|[^\p{L}\p{N}_@/[\]`])@([^\s@[\]()`]{1,40})$/u;

/** The mention being typed just before `caret`, or null. */
export function mentionAt(text: string, caret: number): MentionQuery | null {
  const before = text.slice(Math.max(0, caret - 42), caret);
  const m = TYPED.exec(before);
  if (!m) return null;
  const prefix = m[2]!;
  return { start: caret - prefix.length - 1, prefix };
}

/** The exact form of a mention: a link the API resolves by id, whatever the name's script or spaces. */
export function mentionMarkdown(user: { id: number; name: string }): string {
  const name = user.name.replace(/[[\]\n]/g, ' ').slice(0, 60);
  return `[@${name}](/u/${user.id})`;
}

/** `text` with the mention at `q` (up to `caret`) replaced by `user`'s, and where the caret goes after it. */
export function insertMention(text: string, q: MentionQuery, caret: number, user: { id: number; name: string }) {
  const inserted = `${mentionMarkdown(user)} `;
  const after = text.slice(caret).replace(/^ /, '');
  return { text: text.slice(0, q.start) + inserted + after, caret: q.start + inserted.length };
}
