import { defineCustomClientStrategy, toLocale } from '$lib/paraglide/runtime.js';

// The server already chose the locale (cookie → account → Accept-Language) and
// wrote it into <html lang>. Reading it back keeps hydration in the same
// language with no flash. Switching goes through the /locale form, which
// reloads the document, so setLocale has nothing to do here.
defineCustomClientStrategy('custom-kakera', {
  getLocale: () => toLocale(document.documentElement.lang),
  setLocale: () => {},
});
