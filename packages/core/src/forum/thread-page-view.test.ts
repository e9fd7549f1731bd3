import { describe, expect, it } from 'vitest';
import type { Actor } from '../shared/actor.ts';
import { postCan } from './post-policy.ts';
import { threadPageAudience, threadPageReaderParts, type ThreadPageFacts } from './thread-page-view.ts';

const fan = (id: number, suspended = false): Actor => ({ kind: 'user', id, name: `Fan ${id}`, role: 'fan', teamId: null, suspended });
const staff: Actor = { kind: 'user', id: 9, name: 'Sam', role: 'staff', teamId: 1, suspended: false };
const guest: Actor = { kind: 'guest' };

const post = (id: number, authorId: number, extra: Partial<ThreadPageFacts['posts'][number]> = {}) => ({
  id,
  authorId,
  kind: 'post' as const,
  position: id,
  deleted: false,
  hidden: false,
  ...extra,
});
const page = (audience: 'staff' | 'everyone'): ThreadPageFacts => ({
  audience,
  thread: { id: 1, authorId: 1, kind: 'question', locked: false, staffReplied: true, acceptedPostId: null },
  issue: { key: 'KAK-1', title: 'Fog', status: 'new', voteCount: 3, votedByMe: false },
  posts: [post(1, 1), post(2, 9), post(3, 2, { hidden: true })],
});

describe('a reader’s own part of a shared thread page', () => {
  it('reads alike for everyone but staff', () => {
    expect([guest, fan(1), fan(2, true)].map(threadPageAudience)).toEqual(['everyone', 'everyone', 'everyone']);
    expect(threadPageAudience(staff)).toBe('staff');
  });

  it('refuses a page of another audience: staff and the others never share one', () => {
    expect(() => threadPageReaderParts(fan(1), page('staff'), { liked: new Set(), voted: false })).toThrow();
    expect(() => threadPageReaderParts(staff, page('everyone'), { liked: new Set(), voted: false })).toThrow();
    expect(() => threadPageReaderParts(guest, page('staff'), { liked: new Set(), voted: false })).toThrow();
  });

  it('gives each reader the policies’ flags and their own marks, post by post', () => {
    const facts = page('everyone');
    const author = threadPageReaderParts(fan(1), facts, { liked: new Set([2]), voted: true });
    expect(author.posts.map((p) => p.likedByMe)).toEqual([false, true, false]);
    expect(author.posts.map((p) => p.can)).toEqual(facts.posts.map((p) => postCan(fan(1), p, facts.thread)));
    expect(author.posts[0]!.can).toMatchObject({ edit: true, like: false });
    expect(author.thread.can).toMatchObject({ acceptAnswer: true, answerResolution: true, moderate: false });
    expect(author.thread.issue).toMatchObject({ key: 'KAK-1', voteCount: 3, votedByMe: true, canVote: true });
    const other = threadPageReaderParts(fan(2, true), facts, { liked: new Set([1]), voted: false });
    expect(other.posts.map((p) => p.likedByMe)).toEqual([true, false, false]);
    expect(other.posts.every((p) => !p.can.edit && !p.can.like && !p.can.flag)).toBe(true);
    expect(other.thread.issue).toMatchObject({ votedByMe: false, canVote: false });
    const sam = threadPageReaderParts(staff, page('staff'), { liked: new Set(), voted: false });
    expect(sam.posts[2]!.can).toMatchObject({ hide: true, edit: true });
    expect(sam.thread.can.moderate).toBe(true);
  });
});
