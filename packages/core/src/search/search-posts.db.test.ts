import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import type { SearchQuery } from '@kakera/contracts';
import { posts, searchDocuments, threads } from '@kakera/db';
import { createReply } from '../forum/create-reply.ts';
import { createThread } from '../forum/create-thread.ts';
import { deletePost } from '../forum/delete-post.ts';
import { editPost } from '../forum/edit-post.ts';
import { hideThread, unhideThread } from '../forum/hide-thread.ts';
import { moveThread } from '../forum/move-thread.ts';
import type { Actor, UserActor } from '../shared/actor.ts';
import { createTestDeps, makeCategory, makeUser, type TestDeps } from '../testing/test-deps.ts';
import { backfillSearchIndex } from './backfill-search-index.ts';
import { findSimilarThreads } from './find-similar-threads.ts';
import { searchPosts } from './search-posts.ts';

let d: TestDeps;
let fan: UserActor;
let staff: UserActor;
const guest: Actor = { kind: 'guest' };
let board: { id: number; slug: string };
let other: { id: number; slug: string };

beforeAll(async () => {
  d = await createTestDeps();
  fan = await makeUser(d);
  staff = await makeUser(d, { role: 'staff' });
  board = await makeCategory(d);
  other = await makeCategory(d);
});
afterAll(() => d.close());

const search = (actor: Actor, q: string, more: Partial<SearchQuery> = {}) =>
  searchPosts(d, actor, { q, limit: 20, timeZone: 'UTC', ...more } as SearchQuery & { timeZone: string });
const ids = async (actor: Actor, q: string, more: Partial<SearchQuery> = {}) => (await search(actor, q, more)).results.map((r) => r.postId);
const thread = (title: string, body: string, categoryId = board.id) => createThread(d, fan, { categoryId, title, body, kind: 'question' });
const openingPostId = async (threadId: number) =>
  (
    await d.db
      .select({ id: posts.id })
      .from(posts)
      .where(sql`${posts.threadId} = ${threadId} and ${posts.position} = 1`)
  )[0]!.id;

describe('the forum keeps the index current, in its own transactions', () => {
  it('finds a new thread and a new reply at once', async () => {
    const t = await thread('Zorblax screen flickers', 'It flickers at night');
    const reply = await createReply(d, fan, t.id, 'Mine zorblaxes too after the update');
    // "zorblaxes" is the same word, stemmed; the title match comes first.
    expect(await ids(guest, 'zorblax')).toEqual([await openingPostId(t.id), reply.id]);
    expect(await ids(guest, 'zorblaxes')).toEqual([await openingPostId(t.id), reply.id]);
    expect(await ids(guest, 'flicker')).toEqual([await openingPostId(t.id)]);
  });

  it('forgets the old words of an edited post and finds the new ones', async () => {
    const t = await thread('Quixotic edit test', 'The wibblefrotz is broken');
    const id = await openingPostId(t.id);
    expect(await ids(guest, 'wibblefrotz')).toEqual([id]);
    await editPost(d, fan, id, 'The snorgleblat is broken');
    expect(await ids(guest, 'wibblefrotz')).toEqual([]);
    expect(await ids(guest, 'snorgleblat')).toEqual([id]);
  });

  it('hides a deleted post from fans and guests, not from staff', async () => {
    const t = await thread('Deletion test thread', 'opening words');
    const reply = await createReply(d, fan, t.id, 'a gronkulous remark');
    await deletePost(d, fan, reply.id);
    expect(await ids(guest, 'gronkulous')).toEqual([]);
    expect(await ids(fan, 'gronkulous')).toEqual([]);
    const found = await search(staff, 'gronkulous');
    expect(found.results.map((r) => [r.postId, r.hidden])).toEqual([[reply.id, true]]);
  });

  it('hides a hidden thread from everyone but staff, and shows it again when unhidden', async () => {
    const t = await thread('Frobnicator spam', 'buy frobnicators');
    await createReply(d, fan, t.id, 'more frobnicators');
    await hideThread(d, staff, t.id, { reason: 'spam' });
    expect(await ids(guest, 'frobnicator')).toEqual([]);
    expect(await ids(fan, 'frobnicator')).toEqual([]);
    expect(await ids(staff, 'frobnicator')).toHaveLength(2);
    await unhideThread(d, staff, t.id);
    expect(await ids(guest, 'frobnicator')).toHaveLength(2);
  });

  it('follows a thread to its new board', async () => {
    const t = await thread('Moving plumbus', 'plumbus question');
    const id = await openingPostId(t.id);
    expect(await ids(guest, 'plumbus', { category: board.slug })).toEqual([id]);
    await moveThread(d, staff, t.id, other.id);
    expect(await ids(guest, 'plumbus', { category: board.slug })).toEqual([]);
    expect(await ids(guest, 'plumbus', { category: other.slug })).toEqual([id]);
  });

  it('never shows fans a post the forum hid without telling the index', async () => {
    const t = await thread('Stale index check', 'a kerfuffleberry here');
    const id = await openingPostId(t.id);
    // A write that bypasses the forum's use cases (as a future one might): the index still says visible.
    await d.db.update(posts).set({ hiddenAt: d.clock.now() }).where(eq(posts.id, id));
    expect(await ids(guest, 'kerfuffleberry')).toEqual([]);
    expect(await ids(staff, 'kerfuffleberry')).toEqual([id]);
  });
});

describe('backfillSearchIndex', () => {
  it('indexes posts written around the forum, in batches, and nothing twice', async () => {
    const t = await thread('Backfill thread', 'first');
    // As a bulk import would: rows straight into the forum's tables.
    const inserted = await d.db
      .insert(posts)
      .values(
        Array.from({ length: 7 }, (_, i) => ({
          threadId: t.id,
          authorId: fan.id,
          authorRole: 'fan' as const,
          body: `imported **blorptastic** reply ${i}`,
          html: '',
          createdAt: d.clock.now(),
          position: i + 2,
        })),
      )
      .returning({ id: posts.id });
    await d.db.update(threads).set({ lastPosition: 8 }).where(eq(threads.id, t.id));
    expect(await ids(guest, 'blorptastic')).toEqual([]);
    let r = await backfillSearchIndex(d.db, { after: 0, batchSize: 3, batches: 2 });
    expect(r).toMatchObject({ indexed: 6, done: false });
    r = await backfillSearchIndex(d.db, { after: r.next, batchSize: 3, batches: 2 });
    expect(r).toMatchObject({ indexed: 1, done: true });
    expect(await backfillSearchIndex(d.db, { after: 0 })).toMatchObject({ indexed: 0, done: true });
    expect((await search(guest, 'blorptastic', { limit: 100 })).results).toHaveLength(7);
    expect(inserted).toHaveLength(7);
  });
});

describe('searchPosts', () => {
  it('ranks title matches first, then the newest, and pages with a cursor', async () => {
    const body = await thread('Unrelated title', 'the xylophonic noise');
    d.clock.advance(60_000);
    const titled = await thread('Xylophonic speaker', 'sounds odd');
    d.clock.advance(60_000);
    const newer = await createReply(d, fan, body.id, 'still xylophonic today');
    const all = await ids(guest, 'xylophonic');
    expect(all).toEqual([await openingPostId(titled.id), newer.id, await openingPostId(body.id)]);
    const first = await search(guest, 'xylophonic', { limit: 2 });
    expect(first.results.map((r) => r.titleMatch)).toEqual([true, false]);
    const second = await search(guest, 'xylophonic', { limit: 2, cursor: first.nextCursor! });
    expect([...first.results, ...second.results].map((r) => r.postId)).toEqual(all);
    expect(second.nextCursor).toBeNull();
  });

  it('answers nothing for a query of common words only', async () => {
    expect(await search(guest, 'the and of')).toEqual({ results: [], nextCursor: null });
  });

  it('stores the tsvector both databases parse, one row per post', async () => {
    const [row] = await d.db.select({ n: sql<number>`count(*)::int` }).from(searchDocuments);
    const [p] = await d.db
      .select({ n: sql<number>`count(*)::int` })
      .from(posts)
      .where(eq(posts.kind, 'post'));
    expect(row!.n).toBe(p!.n);
  });
});

describe('findSimilarThreads', () => {
  it('finds threads whose titles share words or CJK pairs, the last word as typed so far, solved marked', async () => {
    const battery = await thread('Battery drains overnight', 'x');
    const ja = await thread('充電すると電池が熱くなる', 'x');
    await thread('Camera focus hunting', 'x');
    const found = await findSimilarThreads(d, guest, 'battery drai');
    expect(found[0]).toMatchObject({ threadId: battery.id, solved: false });
    expect(found.map((f) => f.threadId)).not.toContain(ja.id);
    const cjk = await findSimilarThreads(d, guest, '電池が熱い');
    expect(cjk.map((f) => f.threadId)).toEqual([ja.id]);
    expect(cjk[0]!.titleHighlights.length).toBeGreaterThan(0);
  });
});
