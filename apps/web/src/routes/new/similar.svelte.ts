import type { ApiClient } from '$lib/api/client';
import type { SimilarIssue, SimilarThread } from '$lib/types';

/** Titles shorter than this ask nothing yet. */
const MIN_LENGTH = 3;

/**
 * The threads and issues like the title being typed on the new-thread form:
 * asked at most once per pause in typing (`delayMs`), through the typed
 * client, the older answer dropped when a newer question is on its way. A
 * failed look-up shows nothing: the form works the same without it.
 */
export function similarFinder(api: Pick<ApiClient, 'get'>, delayMs = 300) {
  let threads = $state<SimilarThread[]>([]);
  let issues = $state<SimilarIssue[]>([]);
  let timer: ReturnType<typeof setTimeout> | null = null;
  let asked = 0;
  let last = '';

  function look(title: string) {
    const t = title.trim();
    if (t === last) return;
    last = t;
    if (timer) clearTimeout(timer);
    if (t.length < MIN_LENGTH) {
      asked++;
      threads = [];
      issues = [];
      return;
    }
    timer = setTimeout(async () => {
      const mine = ++asked;
      const [found, known] = await Promise.all([
        api.get('/api/search/similar', { params: { query: { title: t, limit: 5 } } }).catch(() => null),
        api.get('/api/issues/similar', { params: { query: { title: t, limit: 3 } } }).catch(() => null),
      ]);
      if (mine !== asked) return;
      threads = found?.threads ?? [];
      issues = known?.issues ?? [];
    }, delayMs);
  }

  return {
    get threads() {
      return threads;
    },
    get issues() {
      return issues;
    },
    look,
    stop() {
      if (timer) clearTimeout(timer);
      asked++;
    },
  };
}
