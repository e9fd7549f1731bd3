import MarkdownIt from 'markdown-it';

// Raw HTML off; links limited to safe schemes; every link marked as user
// content so search engines do not reward spam.
const md = new MarkdownIt({ html: false, linkify: true, breaks: true, typographer: false });

const SAFE_LINK = /^(https?:|mailto:|\/(?!\/)|#)/i;
md.validateLink = (url: string) => SAFE_LINK.test(url.trim());

const defaultLinkOpen = md.renderer.rules.link_open ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
  const token = tokens[idx]!;
  const href = String(token.attrGet('href') ?? '');
  if (/^https?:/i.test(href)) token.attrSet('rel', 'nofollow ugc noopener noreferrer');
  return defaultLinkOpen(tokens, idx, options, env, self);
};
// Images could be used to track readers or to load huge files: render them as links.
md.renderer.rules.image = (tokens, idx) => {
  const token = tokens[idx]!;
  const src = String(token.attrGet('src') ?? '');
  const alt = md.utils.escapeHtml(token.content || src);
  if (!SAFE_LINK.test(src)) return alt;
  return `<a href="${md.utils.escapeHtml(src)}" rel="nofollow ugc noopener noreferrer">${alt}</a>`;
};

/** Markdown to safe HTML. */
export function renderMarkdown(source: string): string {
  return md.render(source);
}
