// Compiles the message catalogue into src/lib/paraglide without Vite, so
// svelte-check and the unit tests work on a fresh clone (the folder is
// git-ignored). `vite dev`/`vite build` do the same through the plugin.
import { compile } from '@inlang/paraglide-js';
import { fileURLToPath } from 'node:url';
import { paraglideOptions } from '../paraglide.options.js';

process.chdir(fileURLToPath(new URL('..', import.meta.url)));
try {
  await compile(paraglideOptions);
  // The inlang SDK leaves handles open for ~30 s after compiling; nothing is pending.
  process.exit(0);
} catch (e) {
  console.error(e);
  process.exit(1);
}
