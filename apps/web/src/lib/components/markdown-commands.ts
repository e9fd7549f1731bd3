/**
 * The Markdown toolbar's commands as pure text transforms: given the text
 * and its selection, the one change to make and what to select afterwards.
 * MarkdownEditor.svelte applies the change through the browser's editing
 * commands, so that Undo takes it back.
 */

export interface TextSelection {
  start: number;
  end: number;
}

/** Replace `[from, to)` with `insert`, then select `[selectionStart, selectionEnd)` of the new text. */
export interface Edit {
  from: number;
  to: number;
  insert: string;
  selectionStart: number;
  selectionEnd: number;
}

export type MarkdownCommand = 'bold' | 'italic' | 'link' | 'quote' | 'code' | 'bulleted' | 'numbered';

/** The text after an edit (the browser does this itself; tests and the fallback need it). */
export function applyEdit(text: string, edit: Edit): string {
  return text.slice(0, edit.from) + edit.insert + text.slice(edit.to);
}

/**
 * Wraps the selection in `marker` (`**`, `_`, `` ` ``), or unwraps it when it
 * is wrapped already (the marks just outside it or at its ends). Spaces at
 * the selection's ends stay outside the marks (a double-clicked word often
 * brings its space). With nothing selected, the marks go in with the caret
 * between them.
 */
export function wrapSelection(text: string, sel: TextSelection, marker: string): Edit {
  const { start, end } = sel;
  const n = marker.length;
  const selected = text.slice(start, end);
  if (start >= n && text.slice(start - n, start) === marker && text.slice(end, end + n) === marker) {
    return { from: start - n, to: end + n, insert: selected, selectionStart: start - n, selectionEnd: end - n };
  }
  if (selected.length >= 2 * n && selected.startsWith(marker) && selected.endsWith(marker)) {
    const inner = selected.slice(n, selected.length - n);
    return { from: start, to: end, insert: inner, selectionStart: start, selectionEnd: start + inner.length };
  }
  const lead = /^\s*/.exec(selected)![0];
  const core = selected.slice(lead.length).trimEnd();
  const trail = selected.slice(lead.length + core.length);
  const at = start + lead.length + n;
  return { from: start, to: end, insert: `${lead}${marker}${core}${marker}${trail}`, selectionStart: at, selectionEnd: at + core.length };
}

const URL_ONLY = /^(https?:\/\/|mailto:)\S+$/i;

/**
 * A link: the selected words become its text with `url` selected to type
 * over; a selected address becomes its target with the caret in the text;
 * nothing selected gives `[](url)` with `url` selected.
 */
export function insertLink(text: string, sel: TextSelection): Edit {
  const selected = text.slice(sel.start, sel.end).trim();
  if (URL_ONLY.test(selected)) {
    return { from: sel.start, to: sel.end, insert: `[](${selected})`, selectionStart: sel.start + 1, selectionEnd: sel.start + 1 };
  }
  const insert = `[${selected}](url)`;
  const urlAt = sel.start + selected.length + 3;
  return { from: sel.start, to: sel.end, insert, selectionStart: urlAt, selectionEnd: urlAt + 3 };
}

/** Inline code for a selection within one line; a fenced block around whole lines otherwise. */
export function insertCode(text: string, sel: TextSelection): Edit {
  const selected = text.slice(sel.start, sel.end);
  if (!selected.includes('\n')) return wrapSelection(text, sel, '`');
  const { from, to } = lineRange(text, sel);
  const block = text.slice(from, to);
  const fenced = /^```[^\n]*\n([\s\S]*)\n```$/.exec(block);
  if (fenced) return { from, to, insert: fenced[1]!, selectionStart: from, selectionEnd: from + fenced[1]!.length };
  const insert = `\`\`\`\n${block}\n\`\`\``;
  return { from, to, insert, selectionStart: from + 4, selectionEnd: from + 4 + block.length };
}

export type LinePrefix = 'quote' | 'bulleted' | 'numbered';

const PREFIX: Record<LinePrefix, RegExp> = {
  quote: /^> ?/,
  bulleted: /^[-*+] /,
  numbered: /^\d{1,9}[.)] /,
};
/** List marks another list kind leaves behind when the lines become this kind. */
const LIST = /^([-*+]|\d{1,9}[.)]) /;

/** The whole lines the selection touches (a selection ending at a line's start leaves that line out). */
function lineRange(text: string, sel: TextSelection): { from: number; to: number } {
  const from = text.lastIndexOf('\n', sel.start - 1) + 1;
  const endAt = sel.end > sel.start && text[sel.end - 1] === '\n' ? sel.end - 1 : sel.end;
  const next = text.indexOf('\n', endAt);
  return { from, to: Math.max(from, next === -1 ? text.length : next) };
}

/**
 * Starts each line the selection touches with `> `, `- ` or `1. `, `2. ` …,
 * or takes the prefix away when every line with text has it already.
 * Bullets become numbers and numbers bullets. Blank lines stay blank in a
 * list. The caret stays beside the same text; a selection covers the lines.
 */
export function toggleLinePrefix(text: string, sel: TextSelection, kind: LinePrefix): Edit {
  const { from, to } = lineRange(text, sel);
  const lines = text.slice(from, to).split('\n');
  const withText = lines.filter((l) => l.trim() !== '');
  const remove = withText.length > 0 && withText.every((l) => PREFIX[kind].test(l));
  let number = 0;
  const out = lines.map((line) => {
    if (remove) return line.replace(PREFIX[kind], '');
    if (line.trim() === '' && lines.length > 1) return kind === 'quote' ? '>' : line;
    const bare = kind === 'quote' ? line : line.replace(LIST, '');
    const prefix = kind === 'quote' ? '> ' : kind === 'bulleted' ? '- ' : `${++number}. `;
    return prefix + bare;
  });
  const insert = out.join('\n');
  if (sel.start === sel.end) {
    const shift = out[0]!.length - lines[0]!.length;
    const caret = Math.max(from, sel.start + shift);
    return { from, to, insert, selectionStart: caret, selectionEnd: caret };
  }
  return { from, to, insert, selectionStart: from, selectionEnd: from + insert.length };
}

/** What a toolbar button (or its shortcut) does to the text. */
export function commandEdit(command: MarkdownCommand, text: string, sel: TextSelection): Edit {
  switch (command) {
    case 'bold':
      return wrapSelection(text, sel, '**');
    case 'italic':
      return wrapSelection(text, sel, '_');
    case 'code':
      return insertCode(text, sel);
    case 'link':
      return insertLink(text, sel);
    case 'quote':
    case 'bulleted':
    case 'numbered':
      return toggleLinePrefix(text, sel, command);
  }
}

/** The keyboard shortcuts (with Ctrl, or ⌘ on a Mac): B, I and K. */
export function shortcutCommand(e: {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
}): MarkdownCommand | null {
  if (!(e.ctrlKey || e.metaKey) || e.altKey || e.shiftKey) return null;
  const key = e.key.toLowerCase();
  return key === 'b' ? 'bold' : key === 'i' ? 'italic' : key === 'k' ? 'link' : null;
}
