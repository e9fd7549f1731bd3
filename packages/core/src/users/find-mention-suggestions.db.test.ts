import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { guest, type UserActor } from '../shared/actor.ts';
import { createTestDeps, makeUser, type TestDeps } from '../testing/test-deps.ts';
import { findMentionSuggestions } from './find-mention-suggestions.ts';

let d: TestDeps;
let writer: UserActor;

beforeAll(async () => {
  d = await createTestDeps();
  writer = await makeUser(d, { name: 'Mira' });
  await makeUser(d, { name: 'Mika' });
  await makeUser(d, { name: 'mikael_100%' });
  await makeUser(d, { name: 'Mikan Gone', suspended: true });
  await makeUser(d, { name: 'Aiko', role: 'staff', team: 'Support' });
  await makeUser(d, { name: '美香' });
});
afterAll(() => d.close());

describe('findMentionSuggestions', () => {
  it('answers names starting with the prefix, any case, shortest first, without the suspended or the writer', async () => {
    const found = await findMentionSuggestions(d, writer, { prefix: 'MI', limit: 6 });
    expect(found.map((u) => u.name)).toEqual(['Mika', 'mikael_100%']);
    expect((await findMentionSuggestions(d, writer, { prefix: 'aik', limit: 6 }))[0]).toMatchObject({
      name: 'Aiko',
      role: 'staff',
      team: 'Support',
    });
    expect((await findMentionSuggestions(d, writer, { prefix: '美', limit: 6 })).map((u) => u.name)).toEqual(['美香']);
  });

  it('takes the prefix as typed: % and _ are letters, not wildcards', async () => {
    expect((await findMentionSuggestions(d, writer, { prefix: '%', limit: 6 })).length).toBe(0);
    expect((await findMentionSuggestions(d, writer, { prefix: 'mika_', limit: 6 })).length).toBe(0);
    expect((await findMentionSuggestions(d, writer, { prefix: 'mikael_100%', limit: 6 })).map((u) => u.name)).toEqual(['mikael_100%']);
  });

  it('is for signed-in writers only', async () => {
    await expect(findMentionSuggestions(d, guest, { prefix: 'mi', limit: 6 })).rejects.toMatchObject({ code: 'unauthenticated' });
  });
});
