/** A stretch of text, marked or not. */
export interface Segment {
  text: string;
  mark: boolean;
}

/**
 * Cuts `text` at the API's highlight ranges ([start, end) in UTF-16 code
 * units): the page renders each segment as text, marked ones in `<mark>`, so
 * nothing in a post or a query is ever read as HTML. Ranges out of order,
 * overlapping or past the end are tolerated.
 */
export function highlightSegments(text: string, ranges: readonly { start: number; end: number }[]): Segment[] {
  const out: Segment[] = [];
  let at = 0;
  const sorted = [...ranges].sort((a, b) => a.start - b.start);
  for (const r of sorted) {
    const start = Math.max(at, Math.min(r.start, text.length));
    const end = Math.min(Math.max(r.end, start), text.length);
    if (end <= start) continue;
    if (start > at) out.push({ text: text.slice(at, start), mark: false });
    const last = out[out.length - 1];
    // Touching or overlapping ranges make one mark.
    if (last?.mark && start === at) last.text += text.slice(start, end);
    else out.push({ text: text.slice(start, end), mark: true });
    at = end;
  }
  if (at < text.length) out.push({ text: text.slice(at), mark: false });
  return out;
}
