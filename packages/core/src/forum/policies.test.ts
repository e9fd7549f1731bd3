import { describe, expect, it } from 'vitest';
import type { Actor } from '../shared/actor.ts';
import { postCan, type PostAccessFacts } from './post-policy.ts';
import { canReadThread, threadCan } from './thread-policy.ts';

// Who may do what in the forum: one table per resource, as product.md says.
const user = (id: number, role: 'fan' | 'staff' | 'executive' | 'admin' = 'fan', suspended = false): Actor => ({
  kind: 'user',
  id,
  name: `u${id}`,
  role,
  teamId: null,
  suspended,
});
const guest: Actor = { kind: 'guest' };
const author = user(1);
const other = user(2);
const staff = user(3, 'staff');
const exec = user(4, 'executive');
const suspendedAuthor = user(1, 'fan', true);

const thread = { id: 10, authorId: 1, kind: 'question' as const, locked: false, staffReplied: false };
const reply = (o: Partial<PostAccessFacts> = {}): PostAccessFacts => ({
  authorId: 2,
  kind: 'post',
  position: 2,
  deleted: false,
  hidden: false,
  ...o,
});

describe('thread policy', () => {
  it.each([
    ['guest', guest, { reply: false, acceptAnswer: false, answerResolution: false, moderate: false }],
    ['author', author, { reply: true, acceptAnswer: true, answerResolution: false, moderate: false }],
    ['another fan', other, { reply: true, acceptAnswer: false, answerResolution: false, moderate: false }],
    ['staff', staff, { reply: true, acceptAnswer: true, answerResolution: false, moderate: true }],
    ['an executive', exec, { reply: true, acceptAnswer: true, answerResolution: false, moderate: true }],
    ['the author, suspended', suspendedAuthor, { reply: false, acceptAnswer: false, answerResolution: false, moderate: false }],
  ])('%s', (_who, actor, can) => {
    expect(threadCan(actor, thread)).toEqual(can);
  });

  it('a locked thread takes replies from staff only; after a staff reply the author may answer the resolution prompt', () => {
    expect(threadCan(other, { ...thread, locked: true }).reply).toBe(false);
    expect(threadCan(staff, { ...thread, locked: true }).reply).toBe(true);
    expect(threadCan(author, { ...thread, staffReplied: true }).answerResolution).toBe(true);
    expect(threadCan(other, { ...thread, staffReplied: true }).answerResolution).toBe(false);
  });

  it.each(['discussion', 'suggestion'] as const)('a %s has no accepted answer and no resolution prompt, for anyone', (kind) => {
    for (const actor of [author, staff, exec]) {
      expect(threadCan(actor, { ...thread, kind, staffReplied: true })).toMatchObject({ acceptAnswer: false, answerResolution: false });
      expect(postCan(actor, reply(), { ...thread, kind }).accept).toBe(false);
    }
    expect(threadCan(author, { ...thread, kind: 'bug', staffReplied: true })).toMatchObject({ acceptAnswer: true, answerResolution: true });
  });

  it('a hidden thread is for staff only', () => {
    expect(canReadThread(guest, { hiddenAt: new Date() })).toBe(false);
    expect(canReadThread(author, { hiddenAt: new Date() })).toBe(false);
    expect(canReadThread(staff, { hiddenAt: new Date() })).toBe(true);
    expect(canReadThread(guest, { hiddenAt: null })).toBe(true);
  });
});

describe('post policy', () => {
  it.each([
    ['guest', guest, reply(), { edit: false, delete: false, like: false, accept: false, viewRevisions: true, flag: false, hide: false }],
    ['its author', other, reply(), { edit: true, delete: true, like: false, accept: false, viewRevisions: true, flag: false, hide: false }],
    [
      'the thread’s author',
      author,
      reply(),
      { edit: false, delete: false, like: true, accept: true, viewRevisions: true, flag: true, hide: false },
    ],
    ['staff', staff, reply(), { edit: true, delete: true, like: true, accept: true, viewRevisions: true, flag: true, hide: true }],
    [
      'the thread’s author, on the opening post',
      author,
      reply({ authorId: 1, position: 1 }),
      { edit: true, delete: true, like: false, accept: false, viewRevisions: true, flag: false, hide: false },
    ],
    [
      'the thread’s author, on a deleted reply',
      author,
      reply({ deleted: true }),
      { edit: false, delete: false, like: false, accept: false, viewRevisions: false, flag: false, hide: false },
    ],
    [
      'staff, on a deleted reply',
      staff,
      reply({ deleted: true }),
      { edit: false, delete: false, like: false, accept: false, viewRevisions: true, flag: false, hide: false },
    ],
    [
      'staff, on a system message',
      staff,
      reply({ kind: 'system', authorId: 3 }),
      { edit: false, delete: false, like: false, accept: false, viewRevisions: true, flag: false, hide: false },
    ],
    [
      'its author, suspended',
      user(2, 'fan', true),
      reply(),
      { edit: false, delete: false, like: false, accept: false, viewRevisions: true, flag: false, hide: false },
    ],
    [
      'the thread’s author, on a hidden reply',
      author,
      reply({ hidden: true }),
      { edit: false, delete: false, like: true, accept: false, viewRevisions: true, flag: false, hide: false },
    ],
    [
      'staff, on a hidden reply',
      staff,
      reply({ hidden: true }),
      { edit: true, delete: true, like: true, accept: false, viewRevisions: true, flag: false, hide: true },
    ],
  ])('%s', (_who, actor, post, can) => {
    expect(postCan(actor, post, thread)).toEqual(can);
  });
});
