/**
 * For <details> menus: close on Escape (focus back on the summary), on a
 * click outside, and after choosing a link inside. Without JavaScript the
 * <details> still opens and closes by itself.
 */
export function menu(node: HTMLDetailsElement) {
  const summary = node.querySelector('summary');
  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'Escape' && node.open) {
      node.open = false;
      summary?.focus();
    }
  };
  const onDocClick = (e: MouseEvent) => {
    if (node.open && !node.contains(e.target as Node)) node.open = false;
  };
  const onClick = (e: MouseEvent) => {
    if ((e.target as Element).closest('a')) node.open = false;
  };
  node.addEventListener('keydown', onKey);
  node.addEventListener('click', onClick);
  document.addEventListener('click', onDocClick);
  return {
    destroy() {
      node.removeEventListener('keydown', onKey);
      node.removeEventListener('click', onClick);
      document.removeEventListener('click', onDocClick);
    },
  };
}
