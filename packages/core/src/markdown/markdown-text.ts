import MarkdownIt from 'markdown-it';

type Token = ReturnType<InstanceType<typeof MarkdownIt>['parse']>[number];
const TEXT = new Set(['text', 'code_inline', 'code_block', 'fence']);

// Parsed as render-markdown.ts parses (raw HTML is text there too), never rendered.
const md = new MarkdownIt({ html: false, linkify: true, breaks: true, typographer: false });

/**
 * What a reader of the rendered post reads, as plain text on one line: the
 * words without Markdown's marks (`**`, `[…](url)`, `#`), code as written,
 * blocks and line breaks as single spaces. Raw HTML was never HTML here, so
 * `<b>` stays the text "<b>". For search: what is indexed and what snippets
 * quote.
 */
export function markdownToText(source: string): string {
  const out: string[] = [];
  const walk = (tokens: Token[]) => {
    for (const t of tokens) {
      if (t.children) walk(t.children);
      else if (TEXT.has(t.type)) out.push(t.content);
      if (t.type === 'softbreak' || t.type === 'hardbreak' || t.block) out.push(' ');
    }
  };
  walk(md.parse(source, {}));
  return out.join('').replace(/\s+/g, ' ').trim();
}

/**
 * The first line a reader sees, as plain text, at most `max` characters (cut
 * at a space when one is near, then "…"): what the staff queue shows of the
 * post that opened an obligation. Lines with no words (a code fence, a
 * horizontal rule) are skipped.
 */
export function firstLineText(source: string, max = 140): string {
  let line = '';
  for (const raw of source.split('\n', 20)) {
    line = markdownToText(raw);
    if (line) break;
  }
  const chars = [...line];
  if (chars.length <= max) return line;
  const cut = chars.slice(0, max - 1).join('');
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
