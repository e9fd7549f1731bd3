import type { Clock } from '@kakera/core';

/**
 * How wrong passwords slow down the next attempt. The first `freeFailures`
 * cost nothing; after that each attempt must wait `baseDelayMs`, doubling
 * with every further failure up to `maxDelayMs`. A key that has been quiet
 * for `forgetAfterMs` starts again from zero.
 */
export interface ThrottleRule {
  freeFailures: number;
  baseDelayMs: number;
  maxDelayMs: number;
  forgetAfterMs: number;
}

export interface LoginThrottleRules {
  /** One account guessed from one client address. */
  accountAddress: ThrottleRule;
  /** One client address guessing across accounts (or an office behind one address mistyping). */
  address: ThrottleRule;
}

export const DEFAULT_LOGIN_THROTTLE: LoginThrottleRules = {
  accountAddress: { freeFailures: 5, baseDelayMs: 1000, maxDelayMs: 15 * 60_000, forgetAfterMs: 60 * 60_000 },
  address: { freeFailures: 20, baseDelayMs: 1000, maxDelayMs: 15 * 60_000, forgetAfterMs: 60 * 60_000 },
};

/** The defaults with the free failures an operator chose (LOGIN_FREE_FAILURES, LOGIN_FREE_FAILURES_PER_ADDRESS). */
export function loginThrottleRules(freeFailures: { accountAddress: number; address: number }): LoginThrottleRules {
  return {
    accountAddress: { ...DEFAULT_LOGIN_THROTTLE.accountAddress, freeFailures: freeFailures.accountAddress },
    address: { ...DEFAULT_LOGIN_THROTTLE.address, freeFailures: freeFailures.address },
  };
}

/** The wait owed after `failures` counted failures: 0 within the free ones, then doubling. */
export function delayAfter(failures: number, rule: ThrottleRule): number {
  if (failures < rule.freeFailures) return 0;
  const doublings = failures - rule.freeFailures;
  // 2^30 × any sane base is far past any cap; stop there instead of overflowing.
  return Math.min(rule.maxDelayMs, rule.baseDelayMs * 2 ** Math.min(doublings, 30));
}

interface Entry {
  failures: number;
  lastAt: number;
}

/**
 * Counters for one rule, in memory. An attempt is counted when it starts
 * (so a burst of parallel guesses cannot all slip in before the first one
 * fails) and refunded when it turns out not to be a wrong password.
 */
class Counters {
  readonly #entries = new Map<string, Entry>();
  readonly #rule: ThrottleRule;
  readonly #maxEntries: number;

  constructor(rule: ThrottleRule, maxEntries: number) {
    this.#rule = rule;
    this.#maxEntries = maxEntries;
  }

  get size(): number {
    return this.#entries.size;
  }

  #live(key: string, now: number): Entry | undefined {
    const e = this.#entries.get(key);
    if (e && now - e.lastAt >= this.#rule.forgetAfterMs) {
      this.#entries.delete(key);
      return undefined;
    }
    return e;
  }

  /** Milliseconds until `key` may try again (0: now). */
  waitMs(key: string, now: number): number {
    const e = this.#live(key, now);
    return e ? Math.max(0, e.lastAt + delayAfter(e.failures, this.#rule) - now) : 0;
  }

  count(key: string, now: number): void {
    const e = this.#live(key, now) ?? { failures: 0, lastAt: now };
    e.failures++;
    e.lastAt = now;
    // Re-inserted so the map's order is least recently used first, for eviction.
    this.#entries.delete(key);
    this.#entries.set(key, e);
    if (this.#entries.size > this.#maxEntries) this.#evict(now);
  }

  refund(key: string): void {
    const e = this.#entries.get(key);
    if (!e) return;
    if (--e.failures <= 0) this.#entries.delete(key);
  }

  clear(key: string): void {
    this.#entries.delete(key);
  }

  #evict(now: number): void {
    for (const [key, e] of this.#entries) {
      if (now - e.lastAt >= this.#rule.forgetAfterMs) this.#entries.delete(key);
    }
    // Still full: forget the longest-quiet keys, so memory stays bounded whoever is guessing.
    for (const key of this.#entries.keys()) {
      if (this.#entries.size <= this.#maxEntries) break;
      this.#entries.delete(key);
    }
  }
}

export interface LoginAttempt {
  /** The password was right: this address's failures on this account are forgotten, and the attempt costs nothing. */
  succeeded(): void;
  /** Not a wrong password (the database was down, say): the attempt costs nothing. */
  refund(): void;
}

export interface LoginThrottle {
  /**
   * Counts an attempt to sign in to `account` from `address`, or answers how
   * many milliseconds that pair must still wait. A wrong password is simply
   * never reported back: the attempt stays counted.
   */
  begin(account: string, address: string): { attempt: LoginAttempt } | { waitMs: number };
  /** Keys held in memory, at most twice `maxEntries`. */
  readonly size: number;
}

/**
 * Growing delays, never a lock: failures are counted per (account, address)
 * and per address, so someone guessing an account from their own address
 * slows only themselves, and the owner signing in from theirs is not held up.
 */
export function createLoginThrottle(clock: Clock, rules: LoginThrottleRules = DEFAULT_LOGIN_THROTTLE, maxEntries = 100_000): LoginThrottle {
  const pairs = new Counters(rules.accountAddress, maxEntries);
  const addresses = new Counters(rules.address, maxEntries);
  return {
    get size() {
      return pairs.size + addresses.size;
    },
    begin(account, address) {
      const now = clock.now().getTime();
      const pair = `${address}\n${account}`;
      const waitMs = Math.max(pairs.waitMs(pair, now), addresses.waitMs(address, now));
      if (waitMs > 0) return { waitMs };
      pairs.count(pair, now);
      addresses.count(address, now);
      return {
        attempt: {
          succeeded() {
            pairs.clear(pair);
            addresses.refund(address);
          },
          refund() {
            pairs.refund(pair);
            addresses.refund(address);
          },
        },
      };
    },
  };
}
