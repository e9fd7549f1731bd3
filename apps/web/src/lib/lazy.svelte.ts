/**
 * A module (usually a component) fetched the first time it is needed, not
 * with the page. `current` is null until then, and reactive: markup that
 * renders `current` appears once it has arrived.
 *
 * For markup the server renders (a form that must work before JavaScript),
 * the page's universal load awaits `load()` for what its data calls for, on
 * the server and again in the browser before hydration, so both render the
 * same thing at once; what becomes needed later (a live event) loads then.
 * Holding a module is the same for every request, so sharing one on the
 * server is harmless.
 */
export class Lazy<T> {
  current = $state<T | null>(null);
  #loading: Promise<T> | null = null;
  readonly #loader: () => Promise<{ default: T }>;

  constructor(loader: () => Promise<{ default: T }>) {
    this.#loader = loader;
  }

  load(): Promise<T> {
    this.#loading ??= this.#loader().then(
      (mod) => (this.current = mod.default),
      (e: unknown) => {
        this.#loading = null; // a failed fetch (offline, a new deploy) may be tried again
        throw e;
      },
    );
    return this.#loading;
  }
}
