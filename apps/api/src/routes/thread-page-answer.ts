import { createHash } from 'node:crypto';
import { IssueBadge, Post, PostCan, Thread, ThreadCan, type ThreadDetailQuery } from '@kakera/contracts';
import {
  findSharedThreadPage,
  findThreadPageMarks,
  NO_THREAD_PAGE_MARKS,
  threadObligationChangesAt,
  threadPageAudience,
  threadPageReaderParts,
  type Actor,
  type Deps,
  type SharedThreadPage,
  type ThreadPageFacts,
  type ThreadPageMarks,
  type ThreadPageReaderParts,
} from '@kakera/core';
import type { z } from 'zod';
import { EVENTS_ONLY_AGES, type ReadCache } from '../plugins/read-cache.ts';

/**
 * A signed-in reader's thread JSON (`GET /api/threads/:id`), from memory.
 *
 * Core splits the answer (forum/thread-page-view.ts): the page as every
 * reader of one audience reads it (staff, or everyone else), and each
 * reader's own part — the `can` flags its policies give them, the posts they
 * liked, their vote for the thread's issue. The shared page is kept in the
 * read cache as its JSON, serialized once through the contract's schemas
 * and cut where the reader's parts go, under the cache's drops and budget
 * and one maker at a time; what the reader did there is one statement, kept
 * beside it while the page holds the same posts. An answer is then the cut JSON
 * with the reader's parts put in (`can` flags as a handful of ready strings)
 * and an ETag from the page's tag and those parts, instead of the page's
 * statements, the schema's encoding and a hash of the whole body.
 *
 * A guest's answer is made the same way (no marks to read), and is then also
 * kept as sent, by URL (the read cache's preHandler), as before.
 */

/** The shared page's JSON, cut where each reader's parts go. */
interface ThreadPageJson {
  /** What a reader's marks are read for: the page's post ids and the thread's issue (marks kept for another are read again). */
  marksFor: string;
  /** `{"thread":{…` up to where the thread's issue badge and `can` go. */
  head: string;
  /** Each post's JSON up to where its `likedByMe` and `can` go. */
  posts: string[];
  /** `],"page":…}` */
  tail: string;
  /** A hash of the shared JSON, for the ETag. */
  tag: string;
  facts: ThreadPageFacts;
  /** Until when (epoch ms) it is true, if it shows a response clock's state; null: until the cache drops it. */
  until: number | null;
}

// The parts every reader shares, as the contract writes them: the answer's schemas without the reader's fields.
const SharedThreadJson = Thread.omit({ can: true, issue: true });
const SharedPostJson = Post.omit({ likedByMe: true, can: true });

function encode<S extends z.ZodType>(schema: S, value: z.output<S>): string {
  const result = schema.safeEncode(value);
  if (result.error) throw new Error(`A thread page does not match its contract: ${result.error.message}`);
  return JSON.stringify(result.data);
}

/** An object of booleans (a `can`) as JSON, in its schema's order: one string per combination, made once. */
function flagsJson(keys: readonly string[]): (flags: Record<string, boolean>) => string {
  const made = new Map<number, string>();
  return (flags) => {
    let code = 0;
    for (const k of keys) code = code * 2 + (flags[k] ? 1 : 0);
    let json = made.get(code);
    if (json === undefined) {
      json = `{${keys.map((k, i) => `${JSON.stringify(k)}:${(code >> (keys.length - 1 - i)) & 1 ? 'true' : 'false'}`).join(',')}}`;
      made.set(code, json);
    }
    return json;
  };
}
const postCanJson = flagsJson(PostCan.keyof().options);
const threadCanJson = flagsJson(ThreadCan.keyof().options);
const issueKeys = [...IssueBadge.keyof().options];

/** Bytes a string holds in V8: one a character while all are Latin-1, else two. */
// eslint-disable-next-line no-control-regex
const stringBytes = (s: string) => s.length * (/[^\u0000-\u00ff]/.test(s) ? 2 : 1);

function toJson(shared: SharedThreadPage, until: number | null): { json: ThreadPageJson; bytes: number } {
  const thread = encode(SharedThreadJson, shared.thread);
  const head = `{"thread":${thread.slice(0, -1)}`;
  const posts = shared.posts.map((p) => encode(SharedPostJson, p).slice(0, -1));
  const tail = `],"page":${shared.page},"pageCount":${shared.pageCount},"perPage":${shared.perPage}}`;
  const hash = createHash('sha1').update(head);
  for (const p of posts) hash.update('\n').update(p);
  const tag = hash.update(tail).digest('base64url');
  const marksFor = `${shared.facts.posts.map((p) => p.id).join(',')} ${shared.facts.issue?.key ?? ''}`;
  const json: ThreadPageJson = { marksFor, head, posts, tail, tag, facts: shared.facts, until };
  // The strings, and the facts (a few numbers and flags a post).
  const bytes = stringBytes(head) + posts.reduce((n, p) => n + stringBytes(p) + 120, 0) + tail.length + 400;
  return { json, bytes };
}

/** The answer: the cut JSON with the reader's parts put in, and its ETag (the shared tag and those parts, hashed). */
function render(page: ThreadPageJson, parts: ThreadPageReaderParts): { body: string; etag: string } {
  const issue = parts.thread.issue ? JSON.stringify(parts.thread.issue, issueKeys) : 'null';
  const threadCan = threadCanJson(parts.thread.can);
  let body = `${page.head},"issue":${issue},"can":${threadCan}},"posts":[`;
  let mine = `${issue}${threadCan}`;
  for (let i = 0; i < page.posts.length; i++) {
    const own = parts.posts[i]!;
    const can = postCanJson(own.can);
    body += `${i ? ',' : ''}${page.posts[i]},"likedByMe":${own.likedByMe},"can":${can}}`;
    mine += `${own.likedByMe ? 1 : 0}${can}`;
  }
  body += page.tail;
  return { body, etag: `W/"${createHash('sha1').update(page.tag).update(mine).digest('base64url')}"` };
}

/** What one reader did on a page, kept with what it was read for (`ThreadPageJson.marksFor`). */
interface KeptMarks {
  marksFor: string;
  marks: ThreadPageMarks;
}

export function threadPageAnswers(deps: Deps, cache: ReadCache) {
  /**
   * The reader's marks: one statement, then kept beside the page (dropped with
   * everything else by any event — a like, a vote — or write). They change
   * only with a like's or a vote's event, so they outlive the cache's
   * `maxAgeMs` (`eventsOnly`): a page made again only because it aged keeps
   * them while it holds the same posts and issue. Kept for the age of an
   * `eventsOnly` value, they made a thousand fans reading one thread read
   * their marks again every few seconds (the signed-in thread row's p99).
   */
  async function marksOf(actor: Actor, key: string, page: ThreadPageJson): Promise<ThreadPageMarks> {
    if (actor.kind !== 'user') return NO_THREAD_PAGE_MARKS;
    const mine = `${key}\nread by ${actor.id}`;
    const kept = cache.value<KeptMarks>(mine);
    if (kept?.marksFor === page.marksFor) return kept.marks;
    const at = cache.generation();
    const marks = await findThreadPageMarks(deps, actor, page.facts);
    const value: KeptMarks = { marksFor: page.marksFor, marks };
    // Kept for half to all of that age, by reader: marks read together (a page's first minute) are not all read again together.
    const now = deps.clock.now().getTime();
    const age = (cache.expiry() - now) * EVENTS_ONLY_AGES;
    const until = now + age * (0.5 + (Math.imul(actor.id, 0x9e3779b1) >>> 22) / 2048);
    cache.keep(mine, at, { value, bytes: 96 + 32 * marks.liked.size, until, eventsOnly: true });
    return marks;
  }

  /** `actor`'s answer for `url` (the thread `id`, `query`): its body (JSON), ETag, and until when it is true (as `until` above). */
  return async function threadPageAnswer(
    actor: Actor,
    url: string,
    id: number,
    query: ThreadDetailQuery,
  ): Promise<{ body: string; etag: string; until: number | null }> {
    // Staff and everyone else never share a page: the audience is in the key.
    const key = `thread page\n${threadPageAudience(actor)}\n${url}`;
    const page = await cache.share(key, async () => {
      const shared = await findSharedThreadPage(deps, actor, id, query);
      // The response clock's state is part of the page: it is true until the state moves.
      const until = threadObligationChangesAt(shared.thread.obligation, deps.clock.now())?.getTime() ?? null;
      const { json, bytes } = toJson(shared, until);
      return { value: json, bytes, until };
    });
    return { ...render(page, threadPageReaderParts(actor, page.facts, await marksOf(actor, key, page))), until: page.until };
  };
}
