import { describe, expect, it } from 'vitest';
import { ManualClock } from '@kakera/core';
import { createTokenBucket } from './token-bucket.ts';
import { createSemaphore } from './semaphore.ts';

describe('createTokenBucket', () => {
  it('allows a burst, then refills at the rate as the clock moves', () => {
    const clock = new ManualClock();
    const bucket = createTokenBucket(clock, { perSecond: 10, burst: 20 });
    const taken = Array.from({ length: 25 }, () => bucket.take()).filter(Boolean).length;
    expect(taken).toBe(20);
    clock.advance(99);
    expect(bucket.take()).toBe(false);
    clock.advance(1);
    expect(bucket.take()).toBe(true);
    expect(bucket.take()).toBe(false);
    clock.advance(60_000);
    expect(Array.from({ length: 25 }, () => bucket.take()).filter(Boolean).length).toBe(20);
  });
});

describe('createSemaphore', () => {
  it('never runs more than its slots at once, and runs every task', async () => {
    const sem = createSemaphore(3);
    let now = 0;
    let most = 0;
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        sem.run(async () => {
          now++;
          most = Math.max(most, now);
          await new Promise((r) => setImmediate(r));
          now--;
          return i;
        }),
      ),
    );
    expect(most).toBe(3);
    expect(results).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(sem.running).toBe(0);
  });

  it('frees the slot of a task that throws', async () => {
    const sem = createSemaphore(1);
    await expect(sem.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await sem.run(async () => 'next')).toBe('next');
  });
});
