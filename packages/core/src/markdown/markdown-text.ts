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
