import type { Clock } from '@kakera/core';

export interface TokenBucket {
  /** Takes one token if there is one. */
  take(): boolean;
}

/**
 * A bucket of `burst` tokens refilled at `perSecond`, on the injected clock
 * (tests move it). Full at the start, so a page that subscribes to a few
 * topics at once is never refused.
 */
export function createTokenBucket(clock: Clock, opts: { perSecond: number; burst: number }): TokenBucket {
  let tokens = opts.burst;
  let at = clock.now().getTime();
  return {
    take() {
      const now = clock.now().getTime();
      // A clock set backwards (tests) refills nothing and takes nothing away.
      if (now > at) tokens = Math.min(opts.burst, tokens + ((now - at) / 1000) * opts.perSecond);
      at = now;
      if (tokens < 1) return false;
      tokens -= 1;
      return true;
    },
  };
}
