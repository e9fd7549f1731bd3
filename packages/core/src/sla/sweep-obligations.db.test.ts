import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UserActor } from '../shared/actor.ts';
import { createTestDeps, makeCategory, makeUser, recordedEvents, type TestDeps } from '../testing/test-deps.ts';
import { createThread } from '../forum/create-thread.ts';
import { sweepObligations } from './sweep-obligations.ts';

// The sweeper's rounds, on a real database: a round claims breaches and then
// warnings in one transaction (one commit per tick when there is no backlog),
// and a backlog takes more rounds without announcing anything twice.
let d: TestDeps;
let fan: UserActor;
let board: { id: number };

beforeAll(async () => {
  d = await createTestDeps('2026-04-01T08:00:00Z');
  fan = await makeUser(d);
  board = await makeCategory(d, { slaTargetSeconds: 90 }); // warned at 60 s, due at 90 s
});
afterAll(() => d.close());

const ask = () => createThread(d, fan, { categoryId: board.id, title: 'My phone reboots', body: 'Twice a day', kind: 'bug' });

/** The sweeper's deps, counting the transactions it opens. */
function counted() {
  const counter = { transactions: 0 };
  const db = new Proxy(d.db, {
    get(target, prop, receiver) {
      if (prop === 'transaction')
        return (...args: Parameters<typeof target.transaction>) => {
          counter.transactions++;
          return target.transaction(...args);
        };
      return Reflect.get(target, prop, receiver) as unknown;
    },
  });
  return { deps: { db, clock: d.clock, events: d.events }, counter };
}

const announced = async (threadIds: number[]) => {
  const of = (events: { data: Record<string, unknown> }[]) => events.filter((e) => threadIds.includes(e.data.threadId as number)).length;
  return {
    breached: of(await recordedEvents(d, 'obligation.breached', 'staff-queue')),
    warned: of(await recordedEvents(d, 'obligation.warned', 'staff-queue')),
  };
};

describe('sweepObligations', () => {
  it('claims a breach and a warning in one transaction', async () => {
    const late = await ask();
    d.clock.advanceSeconds(40);
    const waiting = await ask();
    d.clock.advanceSeconds(60); // late: 100 s, past due; waiting: 60 s, warned
    const { deps, counter } = counted();
    expect(await sweepObligations(deps)).toEqual({ breached: 1, warned: 1 });
    expect(counter.transactions).toBe(1);
    expect(await announced([late.id, waiting.id])).toEqual({ breached: 1, warned: 1 });
    // Nothing is announced twice.
    expect(await sweepObligations(deps)).toEqual({ breached: 0, warned: 0 });
    expect(await announced([late.id, waiting.id])).toEqual({ breached: 1, warned: 1 });
  });

  it('works through a backlog in rounds of a batch each, announcing each once', async () => {
    d.clock.advanceSeconds(1000);
    await sweepObligations(d); // what the test before left to announce
    const late = [await ask(), await ask()];
    d.clock.advanceSeconds(40);
    const waiting = await ask();
    d.clock.advanceSeconds(60);
    const { deps, counter } = counted();
    // Round 1: a breach and a warning (both full batches); round 2: the second breach (full); round 3: nothing left.
    expect(await sweepObligations(deps, { batchSize: 1 })).toEqual({ breached: 2, warned: 1 });
    expect(counter.transactions).toBe(3);
    expect(await announced([...late.map((t) => t.id), waiting.id])).toEqual({ breached: 2, warned: 1 });
  });
});
