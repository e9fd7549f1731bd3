/**
 * What may be attached and how it is named: pure rules, tested beside
 * (attachment-rules.test.ts). The type comes from the content only; the
 * uploader's file name is display text.
 */

/** Images shown inline, by the type their magic bytes say. */
export const IMAGE_TYPES: ReadonlySet<string> = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);

export const TEXT_TYPE = 'text/plain; charset=utf-8';

/** Thumbnails are at most this wide. */
export const THUMB_WIDTH = 320;

export interface AttachmentLimits {
  /** Largest file, in bytes. */
  maxBytes: number;
  /** Most files on one post (and in one upload request). */
  maxPerPost: number;
}

export const DEFAULT_ATTACHMENT_LIMITS: AttachmentLimits = { maxBytes: 8 * 1024 * 1024, maxPerPost: 5 };

// Text that a browser would take for markup if it ever sniffed it (WHATWG MIME sniffing's HTML and XML signatures, SVG).
const MARKUP =
  /^(?:\uFEFF)?[\t\n\f\r ]*<(?:!doctype|html|head|script|iframe|h1|div|font|table|a|style|title|b|body|br|p|svg|math|\?xml|!--|object|embed|img|meta|link|form)(?=[\s>/]|$)/i;

/**
 * A plain-text log: valid UTF-8, no NUL byte, and not markup (an HTML or SVG
 * file is refused even though it is text: it is not a log, and it is the
 * usual way to smuggle script).
 */
export function isPlainText(bytes: Uint8Array): boolean {
  if (bytes.includes(0)) return false;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return false;
  }
  return !MARKUP.test(text.slice(0, 1024));
}

/**
 * The uploader's file name as display text: the last path segment, without
 * control characters, at most 200 characters; "file" when nothing is left.
 */
export function cleanFileName(name: string): string {
  const last = name.split(/[/\\]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const clean = last.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, '').trim();
  return Array.from(clean).slice(0, 200).join('') || 'file';
}

/** A text download always ends in .txt or .log, so a saved "page.html" of log text never opens as a page. */
export function downloadName(name: string, isImage: boolean): string {
  if (isImage || /\.(txt|log)$/i.test(name)) return name;
  return `${name}.txt`;
}

/** RFC 6266/5987: the name percent-encoded as UTF-8, and a plain ASCII fallback. */
export function contentDisposition(kind: 'inline' | 'attachment', name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]|["\\%;]/g, '_');
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
