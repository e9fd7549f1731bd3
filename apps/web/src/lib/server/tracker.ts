import { redirect } from '@sveltejs/kit';
import { IssueKey } from '@kakera/contracts';
import { ApiError } from '$lib/api-error';
import { str } from './errors';
import { formAction } from './form-action';

/** A form's issue key (`kak-12` reads as `KAK-12`), or null when it is not one. */
export function issueKeyOf(raw: string): string | null {
  const parsed = IssueKey.safeParse(raw);
  return parsed.success ? parsed.data : null;
}

/** The page an action was sent from: its address without the `?/action` part. */
export function pageOf(url: URL): string {
  const params = new URLSearchParams(url.search);
  for (const k of [...params.keys()]) if (k.startsWith('/')) params.delete(k);
  const q = params.toString();
  return `${url.pathname}${q ? `?${q}` : ''}`;
}

/**
 * Vote for an issue or withdraw the vote (`voted` is the state the button
 * showed), then back to the page it was sent from. A guest is sent to sign
 * in first and comes back here; any other refusal (suspended, too many
 * votes) is shown by the page as the form's error.
 */
export const voteAction = (back: (url: URL) => string = pageOf) =>
  formAction({
    parse: (form) => {
      const key = issueKeyOf(str(form, 'key'));
      const voted = str(form, 'voted') === 'true';
      return { input: { key: key ?? '', voted }, values: { action: 'vote', key: key ?? '' }, invalid: key ? undefined : {} };
    },
    call: async (api, { key, voted }, { url }) => {
      const path = { params: { path: { key } } };
      try {
        return await (voted ? api.del('/api/issues/{key}/vote', path) : api.post('/api/issues/{key}/vote', path));
      } catch (e) {
        if (e instanceof ApiError && e.status === 401) redirect(303, `/login?next=${encodeURIComponent(back(url))}`);
        throw e;
      }
    },
    done: (_, __, { url }) => redirect(303, back(url)),
  });
