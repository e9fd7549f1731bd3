// The browser build's message helper (src/lib/build/compact-messages.ts).
declare module 'virtual:kakera-messages' {
  /** Fetches the locale pack of a language other than the base one (nothing for the base language). */
  export function loadLocale(locale: string): Promise<void>;
}
