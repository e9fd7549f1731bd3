import { describe, expect, it } from 'vitest';
import { ManualClock } from '@kakera/core';
import { createLoginThrottle, delayAfter, type LoginThrottleRules, type ThrottleRule } from './login-throttle.ts';

const rule: ThrottleRule = { freeFailures: 3, baseDelayMs: 1000, maxDelayMs: 8000, forgetAfterMs: 60_000 };
const rules: LoginThrottleRules = { accountAddress: rule, address: { ...rule, freeFailures: 10 } };

/** A wrong password: the attempt is counted and never reported back. */
function fail(throttle: ReturnType<typeof createLoginThrottle>, account: string, address: string): number {
  const r = throttle.begin(account, address);
  return 'waitMs' in r ? r.waitMs : 0;
}

describe('delayAfter', () => {
  it('is free for the first failures, then doubles up to the cap', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 7, 50].map((n) => delayAfter(n, rule))).toEqual([0, 0, 0, 1000, 2000, 4000, 8000, 8000, 8000]);
    expect(delayAfter(10_000, rule)).toBe(8000);
  });
});

describe('login throttle', () => {
  it('delays one address guessing one account, more with every failure, and lets it try again once the wait is over', () => {
    const clock = new ManualClock();
    const t = createLoginThrottle(clock, rules);
    for (let i = 0; i < 3; i++) expect(fail(t, 'owner', '10.0.0.1')).toBe(0);
    expect(fail(t, 'owner', '10.0.0.1')).toBe(1000);
    clock.advance(999);
    expect(fail(t, 'owner', '10.0.0.1')).toBe(1);
    clock.advance(1);
    expect(fail(t, 'owner', '10.0.0.1')).toBe(0);
    expect(fail(t, 'owner', '10.0.0.1')).toBe(2000);
    clock.advance(2000);
    expect(fail(t, 'owner', '10.0.0.1')).toBe(0);
    expect(fail(t, 'owner', '10.0.0.1')).toBe(4000);
  });

  it('never holds up the same account from another address', () => {
    const clock = new ManualClock();
    const t = createLoginThrottle(clock, rules);
    for (let i = 0; i < 3; i++) fail(t, 'owner', '10.0.0.1');
    expect(fail(t, 'owner', '10.0.0.1')).toBeGreaterThan(0);
    expect(fail(t, 'owner', '192.0.2.1')).toBe(0);
  });

  it('delays an address guessing across many accounts, and not other addresses', () => {
    const clock = new ManualClock();
    const t = createLoginThrottle(clock, rules);
    for (let i = 0; i < 10; i++) expect(fail(t, `user${i}`, '10.0.0.2')).toBe(0);
    expect(fail(t, 'user99', '10.0.0.2')).toBe(1000);
    expect(fail(t, 'user99', '10.0.0.3')).toBe(0);
  });

  it('counts a burst of parallel attempts as they start, not as they fail', () => {
    const t = createLoginThrottle(new ManualClock(), rules);
    const started = Array.from({ length: 20 }, () => t.begin('owner', '10.0.0.4'));
    expect(started.filter((r) => 'attempt' in r)).toHaveLength(3);
  });

  it('a right password costs nothing and forgets that address’s failures on that account', () => {
    const t = createLoginThrottle(new ManualClock(), rules);
    for (let round = 0; round < 20; round++) {
      const r = t.begin(`user${round % 2}`, '10.0.0.5');
      if (!('attempt' in r)) throw new Error(`round ${round}: delayed ${r.waitMs} ms`);
      r.attempt.succeeded();
    }
    for (let i = 0; i < 2; i++) fail(t, 'owner', '10.0.0.5');
    const ok = t.begin('owner', '10.0.0.5');
    if (!('attempt' in ok)) throw new Error('delayed');
    ok.attempt.succeeded();
    for (let i = 0; i < 3; i++) expect(fail(t, 'owner', '10.0.0.5')).toBe(0);
  });

  it('an attempt refunded (not a wrong password) costs nothing', () => {
    const t = createLoginThrottle(new ManualClock(), rules);
    for (let i = 0; i < 10; i++) {
      const r = t.begin('owner', '10.0.0.6');
      if (!('attempt' in r)) throw new Error(`attempt ${i} delayed`);
      r.attempt.refund();
    }
    for (let i = 0; i < 3; i++) expect(fail(t, 'owner', '10.0.0.6')).toBe(0);
  });

  it('forgets a key after a quiet hour', () => {
    const clock = new ManualClock();
    const t = createLoginThrottle(clock, rules);
    for (let i = 0; i < 6; i++) fail(t, 'owner', '10.0.0.7');
    clock.advance(60_000);
    for (let i = 0; i < 3; i++) expect(fail(t, 'owner', '10.0.0.7')).toBe(0);
  });

  it('keeps memory bounded however many addresses guess', () => {
    const clock = new ManualClock();
    const t = createLoginThrottle(clock, rules, 100);
    for (let i = 0; i < 1000; i++) fail(t, `user${i}`, `10.1.${i >> 8}.${i & 255}`);
    expect(t.size).toBeLessThanOrEqual(200);
  });
});
