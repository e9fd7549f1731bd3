import { describe, expect, it } from 'vitest';
import { applyEdit, commandEdit, shortcutCommand, type MarkdownCommand } from './markdown-commands';

/** Text with the selection marked: `[` and `]` around it, or `|` for the caret. */
function parse(marked: string): { text: string; start: number; end: number } {
  const caret = marked.indexOf('|');
  if (caret >= 0) return { text: marked.replace('|', ''), start: caret, end: caret };
  const start = marked.indexOf('[');
  const end = marked.indexOf(']') - 1;
  return { text: marked.replace('[', '').replace(']', ''), start, end };
}
function mark(text: string, start: number, end: number): string {
  return start === end
    ? `${text.slice(0, start)}|${text.slice(start)}`
    : `${text.slice(0, start)}[${text.slice(start, end)}]${text.slice(end)}`;
}
/** Runs a command on marked text and answers the result, marked the same way. */
function run(command: MarkdownCommand, marked: string): string {
  const { text, start, end } = parse(marked);
  const edit = commandEdit(command, text, { start, end });
  return mark(applyEdit(text, edit), edit.selectionStart, edit.selectionEnd);
}

describe('wrapping the selection (bold, italic, inline code)', () => {
  it('wraps the selected words and keeps them selected', () => {
    expect(run('bold', 'The [battery] drains')).toBe('The **[battery]** drains');
    expect(run('italic', 'The [battery] drains')).toBe('The _[battery]_ drains');
    expect(run('code', 'Run [adb logcat] now')).toBe('Run `[adb logcat]` now');
  });

  it('unwraps when the marks are already there, around or inside the selection', () => {
    expect(run('bold', 'The **[battery]** drains')).toBe('The [battery] drains');
    expect(run('bold', 'The [**battery**] drains')).toBe('The [battery] drains');
    expect(run('italic', 'The _[battery]_ drains')).toBe('The [battery] drains');
  });

  it('leaves the spaces a double click selects outside the marks', () => {
    expect(run('bold', 'The[ battery ]drains')).toBe('The **[battery]** drains');
  });

  it('puts the caret between the marks when nothing is selected', () => {
    expect(run('bold', 'Hello |')).toBe('Hello **|**');
    expect(run('italic', '|')).toBe('_|_');
  });

  it('keeps Japanese and Chinese text whole', () => {
    expect(run('bold', '[電池]が減る')).toBe('**[電池]**が減る');
  });
});

describe('code over several lines', () => {
  it('fences whole lines, and takes the fence away again', () => {
    expect(run('code', 'Log:\n[line one\nline two]\nend')).toBe('Log:\n```\n[line one\nline two]\n```\nend');
    expect(run('code', 'Log:\n[```\nline one\nline two\n```]\nend')).toBe('Log:\n[line one\nline two]\nend');
  });
});

describe('links', () => {
  it('makes the selected words the link text and selects the address to type over', () => {
    expect(run('link', 'See [the guide] first')).toBe('See [the guide]([url]) first');
  });

  it('makes a selected address the target, with the caret in the text', () => {
    expect(run('link', 'See [https://example.com/a?b=1]')).toBe('See [|](https://example.com/a?b=1)');
  });

  it('inserts an empty link with the address selected when nothing is selected', () => {
    expect(run('link', 'See |')).toBe('See []([url])');
  });
});

describe('line prefixes (quote, bulleted and numbered lists)', () => {
  it('prefixes every line the selection touches', () => {
    expect(run('bulleted', 'Steps:\n[open the app\ntap sync]')).toBe('Steps:\n[- open the app\n- tap sync]');
    expect(run('numbered', 'Steps:\n[open the app\ntap sync]')).toBe('Steps:\n[1. open the app\n2. tap sync]');
    expect(run('quote', '[you said\nthis]')).toBe('[> you said\n> this]');
  });

  it('works on the caret’s line and keeps the caret beside the same text', () => {
    expect(run('bulleted', 'one\ntw|o\nthree')).toBe('one\n- tw|o\nthree');
    expect(run('quote', '|')).toBe('> |');
  });

  it('takes the prefix away when every line has it', () => {
    expect(run('bulleted', '[- a\n- b]')).toBe('[a\nb]');
    expect(run('numbered', '[1. a\n2. b]')).toBe('[a\nb]');
    expect(run('quote', '> quo|ted')).toBe('quo|ted');
  });

  it('turns bullets into numbers and numbers into bullets', () => {
    expect(run('numbered', '[- a\n- b]')).toBe('[1. a\n2. b]');
    expect(run('bulleted', '[1. a\n2. b]')).toBe('[- a\n- b]');
  });

  it('keeps blank lines blank in a list and quotes them in a quote', () => {
    expect(run('numbered', '[a\n\nb]')).toBe('[1. a\n\n2. b]');
    expect(run('quote', '[a\n\nb]')).toBe('[> a\n>\n> b]');
  });

  it('leaves out the next line when the selection ends at its start', () => {
    expect(run('bulleted', '[a\n]b')).toBe('[- a]\nb');
  });
});

describe('keyboard shortcuts', () => {
  const key = (k: string, mods: Partial<Record<'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey', boolean>> = {}) => ({
    key: k,
    ctrlKey: false,
    metaKey: false,
    altKey: false,
    shiftKey: false,
    ...mods,
  });

  it('Ctrl or ⌘ with B, I and K', () => {
    expect(shortcutCommand(key('b', { ctrlKey: true }))).toBe('bold');
    expect(shortcutCommand(key('I', { metaKey: true }))).toBe('italic');
    expect(shortcutCommand(key('k', { ctrlKey: true }))).toBe('link');
  });

  it('nothing else', () => {
    expect(shortcutCommand(key('b'))).toBeNull();
    expect(shortcutCommand(key('b', { ctrlKey: true, shiftKey: true }))).toBeNull();
    expect(shortcutCommand(key('z', { ctrlKey: true }))).toBeNull();
  });
});
