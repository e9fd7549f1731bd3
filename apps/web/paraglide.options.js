// Paraglide compiler options, shared by the Vite plugin (vite.config.ts,
// vitest.config.ts) and scripts/compile-i18n.mjs (run by `prepare` and
// `check`), so every entry point emits the same runtime.
//
// Locale order: the PARAGLIDE_LOCALE cookie, then the account's locale, then
// Accept-Language, then English. The first two are one custom strategy
// (`custom-kakera`, see src/lib/i18n/strategy.*.ts) because Paraglide runs
// custom server strategies before the built-in ones.

/** @type {import('@inlang/paraglide-js').CompilerOptions} */
export const paraglideOptions = {
  project: './project.inlang',
  outdir: './src/lib/paraglide',
  strategy: ['custom-kakera', 'preferredLanguage', 'baseLocale'],
  cookieName: 'PARAGLIDE_LOCALE',
  isServer: 'import.meta.env.SSR',
  emitReadme: false,
};
