import TurndownService from 'turndown';

/**
 * Stack Exchange bodies are HTML; ours are Markdown, rendered with raw HTML
 * off (markdown/render-markdown.ts). Turned into Markdown here, an imported
 * post reads like one written here and is edited like one: paragraphs,
 * emphasis, lists, quotes, headings, links (made absolute against the site),
 * code spans and fenced code blocks. Images become links to the image (as
 * the renderer shows every image); tags we have no Markdown for (tables,
 * <kbd>, <sup>) keep their text. No HTML passes through: text that looks
 * like a tag is escaped by Turndown and shown as text by the renderer.
 */

/** The little of a DOM node the rules read (Turndown hands us domino's nodes). */
interface DomNode {
  nodeName: string;
  getAttribute(name: string): string | null;
  parentNode: DomNode | null;
  firstChild: DomNode | null;
  textContent: string | null;
}

const node = (n: unknown) => n as DomNode;

/** An absolute http(s) or mailto address, or null (no address, or a scheme we never link to). */
function absolute(href: string, site: string | null): string | null {
  const trimmed = href.trim();
  if (!trimmed) return null;
  try {
    const url = site ? new URL(trimmed, `https://${site}/`) : new URL(trimmed);
    return /^(https?|mailto):$/.test(url.protocol) ? url.toString() : null;
  } catch {
    return null;
  }
}

/** Brackets and parentheses that would end a link's text or address early. */
const linkText = (s: string) => s.replace(/([[\]])/g, '\\$1');
const linkUrl = (s: string) => s.replace(/[()\s]/g, (c) => encodeURIComponent(c));

function service(site: string | null): TurndownService {
  const t = new TurndownService({
    headingStyle: 'atx',
    codeBlockStyle: 'fenced',
    bulletListMarker: '-',
    emDelimiter: '*',
    strongDelimiter: '**',
    hr: '* * *',
  });
  t.addRule('image', {
    filter: 'img',
    replacement: (_content, n) => {
      const img = node(n);
      const alt = (img.getAttribute('alt') ?? '').trim() || 'image';
      const src = absolute(img.getAttribute('src') ?? '', site);
      // Inside a link the link already goes somewhere: the image is its text.
      if (!src || img.parentNode?.nodeName === 'A') return linkText(alt);
      return `[${linkText(alt)}](${linkUrl(src)})`;
    },
  });
  t.addRule('link', {
    filter: (n) => node(n).nodeName === 'A' && !!node(n).getAttribute('href'),
    replacement: (content, n) => {
      const href = absolute(node(n).getAttribute('href') ?? '', site);
      const text = content.trim() || href || '';
      return href ? `[${text}](${linkUrl(href)})` : text;
    },
  });
  // <pre> without <code> is a code block too.
  t.addRule('bare-pre', {
    filter: (n) => node(n).nodeName === 'PRE' && node(n).firstChild?.nodeName !== 'CODE',
    replacement: (_content, n) => fence(node(n).textContent ?? ''),
  });
  t.addRule('code-block', {
    filter: (n) => node(n).nodeName === 'PRE' && node(n).firstChild?.nodeName === 'CODE',
    replacement: (_content, n) => fence(node(n).firstChild?.textContent ?? ''),
  });
  return t;
}

/** A fence longer than any run of backticks inside. */
function fence(code: string): string {
  const longest = Math.max(0, ...(code.match(/`+/g) ?? []).map((r) => r.length));
  const marks = '`'.repeat(Math.max(3, longest + 1));
  return `\n\n${marks}\n${code.replace(/\n$/, '')}\n${marks}\n\n`;
}

const services = new Map<string, TurndownService>();

/** A Stack Exchange post's HTML as our Markdown; `site` makes relative links absolute (`bicycles.stackexchange.com`). */
export function htmlToMarkdown(html: string, site: string | null): string {
  const key = site ?? '';
  let t = services.get(key);
  if (!t) {
    t = service(site);
    services.set(key, t);
  }
  return t.turndown(html).trim();
}
