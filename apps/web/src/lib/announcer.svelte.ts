/**
 * One polite live region for the whole page (rendered by Announcer.svelte in
 * the root layout). Screen readers read what is announced here: new posts,
 * new threads, notifications, saved changes.
 */
export interface Toast {
  id: number;
  text: string;
  href?: string | null;
}

class AnnouncerState {
  message = $state('');
  toasts = $state<Toast[]>([]);
  #seq = 0;

  /** Read out politely; `toast` also shows it on screen for a few seconds. */
  announce(text: string, opts: { toast?: boolean; href?: string | null } = {}): void {
    // Clearing first makes the same sentence announce twice in a row.
    this.message = '';
    queueMicrotask(() => (this.message = text));
    if (opts.toast) {
      const id = ++this.#seq;
      this.toasts = [...this.toasts.slice(-2), { id, text, href: opts.href ?? null }];
      setTimeout(() => this.dismiss(id), 8000);
    }
  }

  dismiss(id: number): void {
    this.toasts = this.toasts.filter((t) => t.id !== id);
  }
}

export const announcer = new AnnouncerState();
