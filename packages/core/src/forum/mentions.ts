/**
 * Who a post mentions: `[@Name](/u/12)` links (what the editor's
 * autocomplete writes: exact, whatever the name's script or spaces) and bare
 * `@Name` for one-word names. Answers user ids and bare names to look up.
 */
export function findMentions(body: string): { ids: number[]; names: string[] } {
  const ids = new Set<number>();
  const names = new Set<string>();
  // Code is quoted, not addressed to anyone.
  const text = body.replace(/```[\s\S]*?```/g, ' ').replace(/`[^`\n]*`/g, ' ');
  for (const m of text.matchAll(/\[@[^\]\n]{1,60}\]\(\/u\/(\d{1,10})\)/g)) ids.add(Number(m[1]));
  const bare = text.replace(/\[@[^\]\n]{1,60}\]\(\/u\/\d{1,10}\)/g, ' ');
  for (const m of bare.matchAll(/(^|[^\p{L}\p{N}_@/])@([\p{L}\p{N}_][\p{L}\p{N}_.-]{0,39})/gu)) names.add(m[2]!.replace(/[.-]+$/, ''));
  return { ids: [...ids].slice(0, 20), names: [...names].slice(0, 20) };
}
