import { describe, expect, it } from 'vitest';
import { clearDraft, draftKey, loadDraft, saveDraft, type DraftStore } from './form-draft';

function memoryStore(): DraftStore & { items: Map<string, string> } {
  const items = new Map<string, string>();
  return {
    items,
    getItem: (k) => items.get(k) ?? null,
    setItem: (k, v) => void items.set(k, v),
    removeItem: (k) => void items.delete(k),
  };
}

describe('form drafts', () => {
  it('are kept per signed-in user and form', () => {
    expect(draftKey(7, 'reply:42')).toBe('kakera:draft:7:reply:42');
    const store = memoryStore();
    saveDraft(store, draftKey(7, 'reply:42'), { text: { body: 'Half a reply' }, choices: {} });
    expect(loadDraft(store, draftKey(7, 'reply:42'))).toEqual({ text: { body: 'Half a reply' }, choices: {} });
    expect(loadDraft(store, draftKey(8, 'reply:42'))).toBeNull();
    expect(loadDraft(store, draftKey(7, 'reply:43'))).toBeNull();
  });

  it('keep what was typed and what was picked', () => {
    const store = memoryStore();
    const draft = { text: { title: 'Sync fails', body: '', 'report.device': 'Pixel 8' }, choices: { kind: 'bug', categoryId: '3' } };
    saveDraft(store, 'k', draft);
    expect(loadDraft(store, 'k')).toEqual(draft);
  });

  it('are forgotten once nothing is typed (choices alone are no draft)', () => {
    const store = memoryStore();
    saveDraft(store, 'k', { text: { body: 'x' }, choices: {} });
    saveDraft(store, 'k', { text: { body: '  \n' }, choices: { kind: 'bug' } });
    expect(store.items.has('k')).toBe(false);
  });

  it('are cleared', () => {
    const store = memoryStore();
    saveDraft(store, 'k', { text: { body: 'x' }, choices: {} });
    clearDraft(store, 'k');
    expect(loadDraft(store, 'k')).toBeNull();
  });

  it('ignore what they cannot read', () => {
    const store = memoryStore();
    for (const raw of ['not json', '[]', '{"text":{"body":1},"choices":{}}', '{"text":{"body":"x"}}', 'null']) {
      store.items.set('k', raw);
      expect(loadDraft(store, 'k')).toBeNull();
    }
  });

  it('let the form go on when storage refuses', () => {
    const refusing: DraftStore = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
      removeItem: () => {
        throw new Error('SecurityError');
      },
    };
    expect(saveDraft(refusing, 'k', { text: { body: 'x' }, choices: {} })).toBe(false);
    expect(loadDraft(refusing, 'k')).toBeNull();
    expect(() => clearDraft(refusing, 'k')).not.toThrow();
  });
});
