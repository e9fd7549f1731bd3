import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { AppError, type Clock } from '@kakera/core';
import { createLoginThrottle, DEFAULT_LOGIN_THROTTLE, type LoginAttempt, type LoginThrottleRules } from './login-throttle.ts';

/** Named limits: points per duration (seconds). Signing in has its own throttle (login-throttle.ts). */
export const LIMITS = {
  'register-ip': { points: 10, duration: 3600 },
  'post-user': { points: 20, duration: 60 },
  'post-ip': { points: 60, duration: 60 },
  'thread-user': { points: 10, duration: 600 },
  'upload-user': { points: 30, duration: 60 },
  'like-user': { points: 120, duration: 60 },
  'write-user': { points: 60, duration: 60 },
  /** The editor's Preview tab: one render per click. */
  'preview-user': { points: 60, duration: 60 },
  'vote-user': { points: 60, duration: 60 },
  'vote-ip': { points: 600, duration: 60 },
  /** Searches and similar-title look-ups (typing a title asks a few times a second, debounced). */
  'search-ip': { points: 300, duration: 60 },
} as const;
export type LimitName = keyof typeof LIMITS;

declare module 'fastify' {
  interface FastifyInstance {
    /** Counts one attempt against a named limit; throws 429 with Retry-After when spent. */
    rateLimit(name: LimitName, key: string | number): Promise<void>;
    /** Counts a sign-in attempt on `account` from `address`; throws 429 with Retry-After while that is delayed. */
    beginLogin(account: string, address: string): LoginAttempt;
  }
}

const noAttempt: LoginAttempt = { succeeded() {}, refund() {} };

const rateLimited = (ms: number) =>
  new AppError('rate_limited', 'Too many attempts; wait a moment and try again', { retryAfterSeconds: Math.max(1, Math.ceil(ms / 1000)) });

/**
 * Per-instance counters (rate-limiter-flexible, in memory). Several instances
 * each keep their own, which multiplies the allowance by the instance count;
 * docs/operations.md says how to share them when that matters.
 */
export const rateLimitPlugin = fp(async (app: FastifyInstance, opts: { enabled: boolean; clock: Clock; login?: LoginThrottleRules }) => {
  const limiters = new Map<LimitName, RateLimiterMemory>(
    Object.entries(LIMITS).map(([name, l]) => [
      name as LimitName,
      new RateLimiterMemory({ points: l.points, duration: l.duration, keyPrefix: name }),
    ]),
  );
  app.decorate('rateLimit', async (name: LimitName, key: string | number) => {
    if (!opts.enabled) return;
    try {
      await limiters.get(name)!.consume(String(key));
    } catch (e) {
      if (e instanceof RateLimiterRes) throw rateLimited(e.msBeforeNext);
      throw e;
    }
  });
  const login = createLoginThrottle(opts.clock, opts.login ?? DEFAULT_LOGIN_THROTTLE);
  app.decorate('beginLogin', (account: string, address: string) => {
    if (!opts.enabled) return noAttempt;
    const r = login.begin(account, address);
    if ('waitMs' in r) throw rateLimited(r.waitMs);
    return r.attempt;
  });
});
