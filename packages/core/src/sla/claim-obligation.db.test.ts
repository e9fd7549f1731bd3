import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UserActor } from '../shared/actor.ts';
import { createTestDeps, makeCategory, makeUser, type TestDeps } from '../testing/test-deps.ts';
import { createThread } from '../forum/create-thread.ts';
import { claimObligation, unclaimObligation } from './claim-obligation.ts';
import { closeObligationAsNoResponseNeeded } from './close-obligation.ts';

let d: TestDeps;
let fan: UserActor;
let alice: UserActor;
let bob: UserActor;
let board: { id: number };

beforeAll(async () => {
  d = await createTestDeps();
  fan = await makeUser(d);
  alice = await makeUser(d, { role: 'staff', name: 'Alice' });
  bob = await makeUser(d, { role: 'staff', name: 'Bob' });
  board = await makeCategory(d, { slaTargetSeconds: 300 });
});
afterAll(() => d.close());

const openOne = async () =>
  (await createThread(d, fan, { categoryId: board.id, title: 'Camera blurry', body: 'Since 2.0', kind: 'bug' })).obligation!.id;

describe('claiming and closing obligations', () => {
  it('claim shows who is on it, does not stop the clock, and conflicts with another claim', async () => {
    const id = await openOne();
    await expect(claimObligation(d, fan, id)).rejects.toMatchObject({ code: 'forbidden' });
    expect(await claimObligation(d, alice, id)).toMatchObject({ claimedBy: alice.id, claimer: { name: 'Alice' }, state: 'open' });
    await expect(claimObligation(d, bob, id)).rejects.toMatchObject({ code: 'conflict', message: 'Already claimed by Alice' });
    expect(await unclaimObligation(d, bob, id)).toMatchObject({ claimedBy: null });
    d.clock.advanceSeconds(300);
    expect(await claimObligation(d, bob, id)).toMatchObject({ claimedBy: bob.id, state: 'breached' });
  });

  it('no response needed closes it once, with the reason', async () => {
    const id = await openOne();
    expect(await closeObligationAsNoResponseNeeded(d, alice, id, { reason: 'A thank-you' })).toMatchObject({
      status: 'no_response_needed',
      closedReason: 'A thank-you',
    });
    await expect(closeObligationAsNoResponseNeeded(d, alice, id, { reason: 'again' })).rejects.toMatchObject({ code: 'conflict' });
    await expect(claimObligation(d, alice, id)).rejects.toMatchObject({ code: 'conflict' });
  });
});
