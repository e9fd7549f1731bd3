/**
 * Drafts kept in the browser (localStorage), so that a refresh, a crash or a
 * failed submit loses nothing: one per signed-in user and form (`scope`:
 * `reply:<thread id>`, `new-thread`), so on a shared computer one person
 * never sees another's words. `text` holds what was typed (text boxes),
 * `choices` what was picked (a board, a kind); a draft without typed text is
 * not worth keeping. MarkdownEditor.svelte reads and writes the form.
 */

export interface Draft {
  text: Record<string, string>;
  choices: Record<string, string>;
}

/** localStorage, or anything that stores strings like it. */
export type DraftStore = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

const PREFIX = 'kakera:draft:';

export function draftKey(userId: number, scope: string): string {
  return `${PREFIX}${userId}:${scope}`;
}

/** Whether anything was typed (blanks are nothing). */
export function hasText(draft: Draft): boolean {
  return Object.values(draft.text).some((v) => v.trim() !== '');
}

const isStrings = (v: unknown): v is Record<string, string> =>
  !!v && typeof v === 'object' && !Array.isArray(v) && Object.values(v).every((x) => typeof x === 'string');

/** The kept draft, or null (none, unreadable, or nothing typed in it). */
export function loadDraft(store: DraftStore, key: string): Draft | null {
  let raw: string | null;
  try {
    raw = store.getItem(key);
  } catch {
    return null;
  }
  if (!raw) return null;
  try {
    const parsed = JSON.parse(raw) as { text?: unknown; choices?: unknown };
    if (!isStrings(parsed.text) || !isStrings(parsed.choices)) return null;
    const draft = { text: parsed.text, choices: parsed.choices };
    return hasText(draft) ? draft : null;
  } catch {
    return null;
  }
}

/**
 * Keeps the draft, or forgets it when nothing is typed. A full or refused
 * storage (private windows, quota) answers false and the form goes on.
 */
export function saveDraft(store: DraftStore, key: string, draft: Draft): boolean {
  try {
    if (hasText(draft)) store.setItem(key, JSON.stringify(draft));
    else store.removeItem(key);
    return true;
  } catch {
    return false;
  }
}

export function clearDraft(store: DraftStore, key: string): void {
  try {
    store.removeItem(key);
  } catch {
    // Nothing kept, nothing to clear.
  }
}

const forgetters = new WeakMap<HTMLFormElement, () => void>();

/** MarkdownEditor.svelte: what to do when its form's draft is done with. Answers the way to stop. */
export function onForget(form: HTMLFormElement, forget: () => void): () => void {
  forgetters.set(form, forget);
  return () => {
    if (forgetters.get(form) === forget) forgetters.delete(form);
  };
}

/** The form was sent successfully: its kept draft is done with (pages call this from their submit handler). */
export function forgetDraft(form: HTMLFormElement): void {
  forgetters.get(form)?.();
}
