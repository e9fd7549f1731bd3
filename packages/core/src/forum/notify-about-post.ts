import { isStaffRole } from '@kakera/contracts';
import type { DbOrTx } from '@kakera/db';
import { notify } from '../notifications/notify.ts';
import type { UserActor } from '../shared/actor.ts';
import type { Deps } from '../shared/deps.ts';
import { findUserIdsByName } from '../users/find-user-refs.ts';
import { findMentions } from './mentions.ts';
import type { ThreadRow } from './threads.repo.ts';

/**
 * Who hears of a new post (product.md, "Notifications"): the thread's author
 * of a reply — worded as a staff answer when staff wrote it, the moment that
 * matters most — and everyone it @mentions. Never the writer; once each (the
 * notification's key names the post).
 */
export async function notifyAboutPost(
  tx: DbOrTx,
  deps: Pick<Deps, 'events' | 'clock'>,
  input: { thread: ThreadRow; postId: number; position: number; author: UserActor; body: string; hidden: boolean },
): Promise<void> {
  // A hidden thread is staff-only: its readers are not told.
  if (input.hidden) return;
  const { thread, author, postId } = input;
  const url = `/t/${thread.id}?post=${postId}#post-${postId}`;
  const data = { threadId: thread.id, postId, title: thread.title, name: author.name, actorId: author.id };
  if (input.position > 1) {
    await notify(tx, deps, [thread.authorId], {
      kind: isStaffRole(author.role) ? 'thread.staff_answered' : 'thread.replied',
      data,
      url,
      dedupeKey: `post:${postId}:reply`,
      except: author.id,
    });
  }
  const mentions = findMentions(input.body);
  const named = await findUserIdsByName(tx, mentions.names);
  const mentioned = [...mentions.ids, ...named].filter((id) => !(input.position > 1 && id === thread.authorId));
  if (mentioned.length) {
    await notify(tx, deps, mentioned, { kind: 'mention', data, url, dedupeKey: `post:${postId}:mention`, except: author.id });
  }
}
