import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { CreateCategoryBody, type Category } from '@kakera/contracts';
import type { Db } from '@kakera/db';
import { createCategory } from '../categories/create-category.ts';
import { countInCategory } from '../categories/count-in-category.ts';
import { getCategory } from '../categories/find-categories.ts';
import { importAnonymousLikes } from '../forum/import-likes.ts';
import { importReply } from '../forum/import-reply.ts';
import { importThread, type ImportedAuthor } from '../forum/import-thread.ts';
import { requireSystem, type Actor } from '../shared/actor.ts';
import { AppError, invalid } from '../shared/app-error.ts';
import { ManualClock } from '../shared/clock.ts';
import type { Deps } from '../shared/deps.ts';
import { markHistoryAnnounced } from '../sla/mark-history-announced.ts';
import { findImportedUsers, type ImportedAccount } from '../users/find-imported-users.ts';
import { importUsers, type ImportedUser } from '../users/import-users.ts';
import { readDumpRows, type DumpRow } from './dump-xml.ts';
import { historyEvents } from './history-events.ts';
import { htmlToMarkdown } from './html-to-markdown.ts';
import {
  analyzeLedger,
  countDoneBefore,
  countPending,
  findLedgerPosts,
  findPendingRows,
  findPendingVotes,
  markDone,
  retimeOrphansInTime,
  stageRows,
  type ImportRow,
  type ReplayOutcome,
  type StagedRow,
} from './import-rows.repo.ts';
import {
  attribution,
  displayNameOf,
  DUMP_FILES,
  nameSourceId,
  optionalId,
  parseTags,
  requiredId,
  requiredTime,
  siteOf,
  type DumpFile,
} from './stackexchange-rows.ts';

/**
 * Moving in (product.md): a Stack Exchange data dump into a category.
 *
 * 1. Read: Users.xml becomes accounts (users/import-users.ts); Posts.xml,
 *    Comments.xml and Votes.xml are streamed into the import's ledger
 *    (`import_rows`), a batch at a time — constant memory whatever the size.
 * 2. Replay: questions, answers and comments in time order (the database
 *    sorts; the dump's files are not in time order), each through the forum
 *    (forum/import-thread.ts, import-reply.ts) with the clock set to its
 *    time, so the response rule (sla/apply-post-to-obligation.ts) opens and
 *    meets obligations exactly as it would have live. Events are not sent
 *    (history-events.ts), and obligations whose warning or due time is past
 *    are marked announced (sla/mark-history-announced.ts): the sweeper stays
 *    quiet about history.
 * 3. Up-votes become likes (forum/import-likes.ts).
 *
 * Each batch commits with its ledger rows marked done, so a re-run adds
 * nothing twice and an interrupted run, run again, finishes. docs/import.md
 * has the mapping and the choices.
 */

export interface ImportInput {
  /** The dump's folder (Users.xml, Posts.xml, …). */
  dir: string;
  /** The category to import into; created when there is none. */
  categorySlug: string;
  /** Users (ids in the dump) who become staff: their posts are staff answers. */
  staff: string[];
  /** The site's host, for links back and attribution; default from the folder's name. */
  site?: string;
  /** Rows per transaction while replaying. */
  batchSize?: number;
}

export type ImportPhase = 'users' | 'posts' | 'comments' | 'votes' | 'tags' | 'replay' | 'likes';

export interface ImportProgress {
  phase: ImportPhase;
  /** Rows handled so far in this phase. */
  done: number;
  /** Rows in this phase when known (replay, likes), else null. */
  total: number | null;
  /** While reading a file: its bytes read and size. */
  bytes?: { read: number; total: number };
}

export interface FileSummary {
  file: string;
  /** Rows read from the file by this run. */
  read: number;
  /** Rows this run turned into accounts, threads, replies or likes. */
  imported: number;
  /** Rows an earlier run had already imported. */
  alreadyImported: number;
  /** Rows left out, by why (this run and earlier ones). */
  skipped: Record<string, number>;
}

export interface ImportSummary {
  site: string;
  category: { id: number; slug: string; created: boolean };
  files: FileSummary[];
  threads: number;
  replies: number;
  accepted: number;
  likes: number;
  /** Rows replayed at their parent's time because the dump has them older (merged questions). */
  retimed: number;
  /** Obligations whose warnings and breaches were marked as past, without events. */
  silencedObligations: number;
  warnings: string[];
}

const FILE_OF: Record<'post' | 'comment' | 'vote', DumpFile> = { post: 'posts', comment: 'comments', vote: 'votes' };

export async function importStackExchange(
  deps: Deps,
  actor: Actor,
  input: ImportInput,
  onProgress: (p: ImportProgress) => void = () => {},
): Promise<ImportSummary> {
  requireSystem(actor);
  const site = siteOf(input.dir, input.site);
  const source = `stackexchange:${site}`;
  const files = Object.fromEntries((Object.keys(DUMP_FILES) as DumpFile[]).map((k) => [k, join(input.dir, DUMP_FILES[k].file)])) as Record<
    DumpFile,
    string
  >;
  const warnings: string[] = [];
  for (const k of Object.keys(DUMP_FILES) as DumpFile[]) {
    if (existsSync(files[k])) continue;
    if (DUMP_FILES[k].required) {
      const message = `${DUMP_FILES[k].file} not found in ${input.dir}`;
      throw invalid([{ path: 'dir', message }], message);
    }
    warnings.push(`${DUMP_FILES[k].file} not found: nothing from it`);
  }
  const { category, created } = await findOrCreateCategory(deps, actor, input.categorySlug, site);
  const importKey = `${source}>${category.id}`;
  const runStart = deps.clock.now();
  const summary: ImportSummary = {
    site,
    category: { id: category.id, slug: category.slug, created },
    files: (Object.keys(DUMP_FILES) as DumpFile[]).map((k) => ({
      file: DUMP_FILES[k].file,
      read: 0,
      imported: 0,
      alreadyImported: 0,
      skipped: {},
    })),
    threads: 0,
    replies: 0,
    accepted: 0,
    likes: 0,
    retimed: 0,
    silencedObligations: 0,
    warnings,
  };
  const fileSummary = (k: DumpFile) => summary.files.find((f) => f.file === DUMP_FILES[k].file)!;
  const skip = (k: DumpFile, why: string, n = 1) => {
    const f = fileSummary(k);
    f.skipped[why] = (f.skipped[why] ?? 0) + n;
  };

  // 1. Read.
  const staff = new Set(input.staff.map((s) => s.trim()).filter(Boolean));
  const seenStaff = new Set<string>();
  await readFile(files.users, 'users', onProgress, async (rows) => {
    const users: ImportedUser[] = rows.map((row) => {
      const id = String(requiredId(DUMP_FILES.users.file, row));
      if (staff.has(id)) seenStaff.add(id);
      return {
        sourceId: id,
        name: row.attrs.DisplayName ?? `user${id}`,
        createdAt: requiredTime(DUMP_FILES.users.file, row),
        staff: staff.has(id),
      };
    });
    const { added } = await importUsers(deps, actor, { source, users });
    const f = fileSummary('users');
    f.read += rows.length;
    f.imported += added;
    f.alreadyImported += rows.length - added;
  });
  for (const id of staff) if (!seenStaff.has(id)) warnings.push(`--staff ${id}: no such user in Users.xml`);

  const stage = async (k: 'posts' | 'comments' | 'votes', rows: DumpRow[], toStaged: (row: DumpRow) => StagedRow | string) => {
    const staged: StagedRow[] = [];
    for (const row of rows) {
      const s = toStaged(row);
      if (typeof s === 'string') skip(k, s);
      else staged.push(s);
    }
    await stageRows(deps.db, staged);
    fileSummary(k).read += rows.length;
  };
  await readFile(files.posts, 'posts', onProgress, (rows) => stage('posts', rows, (row) => stagedPost(importKey, row, site)));
  if (existsSync(files.comments)) {
    await readFile(files.comments, 'comments', onProgress, (rows) =>
      stage('comments', rows, (row) => {
        const file = DUMP_FILES.comments.file;
        const at = requiredTime(file, row);
        return {
          importKey,
          kind: 'comment',
          sourceId: requiredId(file, row),
          replayAt: at,
          rank: 2,
          data: {
            post: requiredId(file, row, 'PostId'),
            text: row.attrs.Text ?? '',
            user: row.attrs.UserId ?? null,
            userName: row.attrs.UserDisplayName ?? null,
            licence: row.attrs.ContentLicense ?? null,
            at: at.toISOString(),
          },
        };
      }),
    );
  }
  if (existsSync(files.votes)) {
    await readFile(files.votes, 'votes', onProgress, (rows) =>
      stage('votes', rows, (row) => {
        const file = DUMP_FILES.votes.file;
        const type = requiredId(file, row, 'VoteTypeId');
        if (type !== 2) return VOTE_SKIPS[type] ?? `vote type ${type}: no equivalent`;
        return {
          importKey,
          kind: 'vote',
          sourceId: requiredId(file, row),
          replayAt: requiredTime(file, row),
          rank: 3,
          data: { post: requiredId(file, row, 'PostId'), user: row.attrs.UserId ?? null },
        };
      }),
    );
  }
  if (existsSync(files.tags)) {
    // Each question names its own tags; Tags.xml is read to check it and count them.
    await readFile(files.tags, 'tags', onProgress, (rows) => {
      fileSummary('tags').read += rows.length;
      skip('tags', 'tags come with each question (Posts.xml Tags)', rows.length);
    });
  }
  await analyzeLedger(deps.db);
  summary.retimed = await retimeOrphansInTime(deps.db, importKey);

  // 2. Replay questions, answers and comments in time order.
  const replay = new Replay(deps, actor, {
    importKey,
    source,
    site,
    categoryId: category.id,
    targetSeconds: category.slaTargetSeconds,
    batchSize: input.batchSize ?? 250,
  });
  const total = await countPending(deps.db, importKey, ['post', 'comment']);
  onProgress({ phase: 'replay', done: 0, total });
  let done = 0;
  for (;;) {
    const batch = await replay.nextBatch();
    if (!batch.length) break;
    const outcomes = await replay.run(batch);
    for (const o of outcomes) {
      const k = FILE_OF[o.kind as 'post' | 'comment'];
      if (o.skipped) skip(k, o.skipped);
      else fileSummary(k).imported++;
    }
    done += batch.length;
    onProgress({ phase: 'replay', done, total });
  }
  Object.assign(summary, {
    threads: replay.threads,
    replies: replay.replies,
    accepted: replay.accepted,
    silencedObligations: replay.silenced,
  });

  // 3. Up-votes become likes.
  const votes = await countPending(deps.db, importKey, ['vote']);
  onProgress({ phase: 'likes', done: 0, total: votes });
  let after = Number.MIN_SAFE_INTEGER;
  let applied = 0;
  for (;;) {
    const pending = await findPendingVotes(deps.db, importKey, after, 2000);
    if (!pending.length) break;
    after = pending[pending.length - 1]!.sourceId;
    const perPost = new Map<number, { postId: number; threadId: number; count: number }>();
    const outcomes: ReplayOutcome[] = pending.map((v) => {
      const skipped =
        v.postId === null
          ? v.postKnown
            ? `its post was not imported (${v.postSkipped ?? 'skipped'})`
            : 'its post is not in the dump'
          : null;
      if (v.postId !== null && v.threadId !== null) {
        const p = perPost.get(v.postId) ?? { postId: v.postId, threadId: v.threadId, count: 0 };
        p.count++;
        perPost.set(v.postId, p);
      }
      return { kind: 'vote', sourceId: v.sourceId, threadId: v.threadId, postId: v.postId, skipped, keep: null };
    });
    await deps.db.transaction(async (tx) => {
      const txDeps = { ...deps, db: tx as unknown as Db };
      summary.likes += await importAnonymousLikes(txDeps, actor, [...perPost.values()]);
      await markDone(tx, importKey, outcomes, deps.clock.now());
    });
    for (const o of outcomes) {
      if (o.skipped) skip('votes', o.skipped);
      else fileSummary('votes').imported++;
    }
    applied += pending.length;
    onProgress({ phase: 'likes', done: applied, total: votes });
  }

  // What earlier runs did.
  for (const r of await countDoneBefore(deps.db, importKey, runStart)) {
    const k = FILE_OF[r.kind as 'post' | 'comment' | 'vote'];
    if (!k) continue;
    if (r.skipped) skip(k, r.skipped, r.n);
    else fileSummary(k).alreadyImported += r.n;
  }
  return summary;
}

const VOTE_SKIPS: Record<number, string> = {
  1: 'accepted-answer vote: the accepted answer comes from Posts.xml',
  3: 'down-vote: no equivalent',
  5: 'favourite: no equivalent',
};

async function readFile(
  file: string,
  phase: ImportPhase,
  onProgress: (p: ImportProgress) => void,
  handle: (rows: DumpRow[]) => Promise<void> | void,
): Promise<void> {
  let done = 0;
  let bytes = { read: 0, total: 0 };
  for await (const rows of readDumpRows(file, DUMP_FILES[phase as DumpFile].root, {
    onProgress: (p) => {
      bytes = { read: p.bytes, total: p.totalBytes };
    },
  })) {
    await handle(rows);
    done += rows.length;
    onProgress({ phase, done, total: null, bytes });
  }
  onProgress({ phase, done, total: done, bytes: { read: bytes.total, total: bytes.total } });
}

function stagedPost(importKey: string, row: DumpRow, site: string): StagedRow | string {
  const file = DUMP_FILES.posts.file;
  const id = requiredId(file, row);
  const type = requiredId(file, row, 'PostTypeId');
  if (type !== 1 && type !== 2) return POST_SKIPS[type] ?? `post type ${type}: no equivalent`;
  const at = requiredTime(file, row);
  const common = {
    owner: row.attrs.OwnerUserId ?? null,
    ownerName: row.attrs.OwnerDisplayName ?? null,
    body: htmlToMarkdown(row.attrs.Body ?? '', site),
    licence: row.attrs.ContentLicense ?? null,
    at: at.toISOString(),
  };
  if (type === 1) {
    return {
      importKey,
      kind: 'post',
      sourceId: id,
      replayAt: at,
      rank: 0,
      data: {
        type: 'q',
        title: row.attrs.Title ?? `Question ${id}`,
        tags: parseTags(row.attrs.Tags),
        accepted: optionalId(row.attrs.AcceptedAnswerId),
        closed: !!row.attrs.ClosedDate,
        ...common,
      },
    };
  }
  return {
    importKey,
    kind: 'post',
    sourceId: id,
    replayAt: at,
    rank: 1,
    data: { type: 'a', parent: requiredId(file, row, 'ParentId'), ...common },
  };
}

const POST_SKIPS: Record<number, string> = {
  3: 'orphaned tag wiki: no equivalent',
  4: 'tag wiki excerpt: no equivalent',
  5: 'tag wiki: no equivalent',
  6: 'moderator nomination: no equivalent',
  7: 'wiki placeholder: no equivalent',
  8: 'privilege wiki: no equivalent',
};

async function findOrCreateCategory(
  deps: Deps,
  actor: Actor,
  slug: string,
  site: string,
): Promise<{ category: Category; created: boolean }> {
  try {
    return { category: await getCategory(deps, slug), created: false };
  } catch (e) {
    if (!(e instanceof AppError) || e.code !== 'not_found') throw e;
  }
  const body = CreateCategoryBody.safeParse({
    slug,
    name: site,
    description: `Moved in from ${site} (Stack Exchange). Posts are CC BY-SA, by the authors named on each, with a link to the original.`,
  });
  if (!body.success) {
    const message = `No category "${slug}", and it cannot be made: a slug is lower-case letters, digits and hyphens`;
    throw invalid([{ path: 'category', message }], message);
  }
  return { category: await createCategory(deps, actor, body.data), created: true };
}

interface PostData {
  type: 'q' | 'a';
  title?: string;
  tags?: string[];
  accepted?: number | null;
  closed?: boolean;
  parent?: number;
  owner: string | null;
  ownerName: string | null;
  body: string;
  licence: string | null;
}
interface CommentData {
  post: number;
  text: string;
  user: string | null;
  userName: string | null;
  licence: string | null;
}

/** The replay of questions, answers and comments, a batch (one transaction) at a time. */
class Replay {
  threads = 0;
  replies = 0;
  accepted = 0;
  silenced = 0;
  readonly #clock = new ManualClock(0);
  constructor(
    private readonly deps: Deps,
    private readonly actor: Actor,
    private readonly opts: {
      importKey: string;
      source: string;
      site: string;
      categoryId: number;
      targetSeconds: number;
      batchSize: number;
    },
  ) {}

  /**
   * The next rows in time order (replay_at, then question, answer, comment,
   * then id): the first rows of each kind, merged, up to where either kind
   * may have more that would come first.
   */
  async nextBatch(): Promise<ImportRow[]> {
    const n = this.opts.batchSize;
    const [posts, comments] = await Promise.all([
      findPendingRows(this.deps.db, this.opts.importKey, 'post', n),
      findPendingRows(this.deps.db, this.opts.importKey, 'comment', n),
    ]);
    const merged = [...posts, ...comments].sort(replayOrder);
    const limits = [posts.length === n ? posts[n - 1]! : null, comments.length === n ? comments[n - 1]! : null].filter(
      (r): r is ImportRow => r !== null,
    );
    const bound = limits.sort(replayOrder)[0];
    return bound ? merged.filter((r) => replayOrder(r, bound) <= 0) : merged;
  }

  async run(batch: ImportRow[]): Promise<ReplayOutcome[]> {
    const { deps, opts } = this;
    return deps.db.transaction(async (tx) => {
      const replayDeps: Deps = { ...deps, db: tx as unknown as Db, clock: this.#clock, events: historyEvents(deps.events) };
      const parentIds = batch.flatMap((r) => {
        if (r.kind === 'comment') return [(r.data as unknown as CommentData).post];
        const d = r.data as unknown as PostData;
        return d.type === 'a' ? [d.parent!] : [];
      });
      const ledger = new Map((await findLedgerPosts(tx, opts.importKey, parentIds)).map((r) => [r.sourceId, r]));
      const authors = await this.authorsOf(replayDeps, batch);
      const outcomes: ReplayOutcome[] = [];
      const touched: number[] = [];
      for (const row of batch) {
        this.#clock.set(row.replayAt);
        const outcome = await this.replayRow(replayDeps, row, ledger, authors);
        outcomes.push(outcome);
        if (outcome.threadId !== null && !outcome.skipped) touched.push(outcome.threadId);
        // A later row of this batch may answer or comment on this one.
        if (row.kind === 'post') {
          ledger.set(row.sourceId, {
            ...row,
            threadId: outcome.threadId,
            postId: outcome.postId,
            skipped: outcome.skipped,
            doneAt: row.replayAt,
            data: outcome.keep,
          });
        }
      }
      const threads = outcomes.filter((o) => !o.skipped && o.kind === 'post' && (o.keep as { type?: string } | null)?.type === 'q').length;
      const posts = outcomes.filter((o) => !o.skipped).length;
      if (posts) await countInCategory(tx, opts.categoryId, { threads, posts });
      this.silenced += await markHistoryAnnounced(tx, { threadIds: touched, now: deps.clock.now() });
      await markDone(tx, opts.importKey, outcomes, deps.clock.now());
      return outcomes;
    });
  }

  private async replayRow(
    deps: Deps,
    row: ImportRow,
    ledger: Map<number, ImportRow>,
    authors: Map<string, ImportedAccount>,
  ): Promise<ReplayOutcome> {
    const { opts, actor } = this;
    const out = (o: Partial<ReplayOutcome>): ReplayOutcome => ({
      kind: row.kind,
      sourceId: row.sourceId,
      threadId: null,
      postId: null,
      skipped: null,
      keep: null,
      ...o,
    });
    if (row.kind === 'post') {
      const d = row.data as unknown as PostData;
      const author = authors.get(authorKey(d.owner, d.ownerName))!;
      const body = withAttribution(
        d.body,
        attribution({
          site: opts.site,
          kind: d.type === 'q' ? 'question' : 'answer',
          id: row.sourceId,
          author: author.name,
          licence: d.licence ?? undefined,
        }),
      );
      const keep = { type: d.type, ...(d.type === 'q' ? { accepted: d.accepted ?? null } : {}) };
      if (d.type === 'q') {
        const r = await importThread(deps, actor, {
          categoryId: opts.categoryId,
          targetSeconds: opts.targetSeconds,
          sourceId: `${opts.source}/q/${row.sourceId}`,
          title: d.title!.slice(0, 300),
          body,
          kind: 'question',
          tags: d.tags ?? [],
          locked: d.closed ?? false,
          author: asAuthor(author),
        });
        this.threads++;
        return out({ threadId: r.threadId, postId: r.postId, keep });
      }
      const question = ledger.get(d.parent!);
      if (!question) return out({ skipped: 'its question is not in the dump', keep });
      if (question.skipped || question.threadId === null) return out({ skipped: 'its question was not imported', keep });
      const accepted = (question.data as { accepted?: number | null } | null)?.accepted === row.sourceId;
      const r = await importReply(deps, actor, {
        threadId: question.threadId,
        categoryId: opts.categoryId,
        targetSeconds: opts.targetSeconds,
        sourceId: `${opts.source}/a/${row.sourceId}`,
        body,
        author: asAuthor(author),
        accepted,
      });
      this.replies++;
      if (accepted) this.accepted++;
      return out({ threadId: question.threadId, postId: r.postId, keep });
    }
    const d = row.data as unknown as CommentData;
    const on = ledger.get(d.post);
    if (!on) return out({ skipped: 'its post is not in the dump' });
    if (on.skipped || on.threadId === null || on.postId === null) return out({ skipped: 'its post was not imported' });
    const author = authors.get(authorKey(d.user, d.userName))!;
    const onWhat = (on.data as { type?: string } | null)?.type === 'q' ? 'the question' : 'an answer';
    const link = `/t/${on.threadId}?post=${on.postId}#post-${on.postId}`;
    const text = d.text.trim() || '…';
    const body = `*Comment on [${onWhat}](${link}):*\n\n${text}\n\n${attribution({ site: opts.site, kind: 'comment', id: row.sourceId, author: author.name, licence: d.licence ?? undefined })}`;
    const r = await importReply(deps, actor, {
      threadId: on.threadId,
      categoryId: opts.categoryId,
      targetSeconds: opts.targetSeconds,
      sourceId: `${opts.source}/c/${row.sourceId}`,
      body,
      author: asAuthor(author),
      accepted: false,
    });
    this.replies++;
    return out({ threadId: on.threadId, postId: r.postId });
  }

  /** The batch's authors, adding accounts for those the dump names only by a display name (or not at all). */
  private async authorsOf(deps: Deps, batch: ImportRow[]): Promise<Map<string, ImportedAccount>> {
    const wanted = new Map<string, string>();
    for (const row of batch) {
      const d = row.data as unknown as Partial<PostData & CommentData>;
      const [id, name] = row.kind === 'comment' ? [d.user ?? null, d.userName ?? null] : [d.owner ?? null, d.ownerName ?? null];
      const key = authorKey(id, name);
      wanted.set(key, id === null ? displayNameOf(key) : (name ?? `user${id}`));
    }
    let found = await findImportedUsers(deps, this.opts.source, [...wanted.keys()]);
    const missing = [...wanted].filter(([key]) => !found.has(key));
    if (missing.length) {
      await importUsers(deps, this.actor, {
        source: this.opts.source,
        users: missing.map(([sourceId, name]) => ({ sourceId, name, createdAt: batch[0]!.replayAt, staff: false })),
      });
      found = await findImportedUsers(deps, this.opts.source, [...wanted.keys()]);
    }
    return found;
  }
}

const authorKey = (id: string | null, name: string | null) => id ?? nameSourceId(name ?? undefined);
const asAuthor = (a: ImportedAccount): ImportedAuthor => ({ id: a.id, role: a.role, teamId: a.teamId });
const withAttribution = (body: string, credit: string) => (body ? `${body}\n\n${credit}` : credit);

function replayOrder(a: ImportRow, b: ImportRow): number {
  return a.replayAt.getTime() - b.replayAt.getTime() || a.rank - b.rank || a.sourceId - b.sourceId;
}
