// Svelte's hydration writes each server-rendered input's value back, so text
// typed before the JavaScript arrived (a slow phone, a fast typist) would be
// wiped. Remember what people typed from the moment the client starts, and
// put it back once the page has hydrated.

const typed = new Map<HTMLInputElement | HTMLTextAreaElement, string>();
const KEEP = new Set(['text', 'email', 'search', 'url', 'tel', 'number']);
let listening = false;

function remember(el: EventTarget | null) {
  const field = el instanceof HTMLTextAreaElement || (el instanceof HTMLInputElement && KEEP.has(el.type)) ? el : null;
  if (field && field.value !== field.defaultValue) typed.set(field, field.value);
}
const onInput = (e: Event) => remember(e.target);

/** Called before hydration (hooks.client.ts). */
export function watchEarlyInput(): void {
  if (listening || typeof document === 'undefined') return;
  listening = true;
  document.querySelectorAll('input, textarea').forEach(remember);
  document.addEventListener('input', onInput, true);
}

/**
 * Called once the page has hydrated (the root layout's onMount). Also marks
 * the document `data-hydrated`: from then on what people type stays, which
 * is what the browser tests wait for after opening a page.
 */
export function restoreEarlyInput(): void {
  document.documentElement.dataset.hydrated = '';
  document.removeEventListener('input', onInput, true);
  for (const [field, value] of typed) {
    if (field.isConnected && field.value !== value) {
      field.value = value;
      field.dispatchEvent(new Event('input', { bubbles: true }));
    }
  }
  typed.clear();
}
