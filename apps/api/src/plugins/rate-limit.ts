import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { AppError } from '@kakera/core';

/** Named limits: points per duration (seconds). */
export const LIMITS = {
  'login-ip': { points: 30, duration: 600 },
  'login-account': { points: 10, duration: 600 },
  'register-ip': { points: 10, duration: 3600 },
  'post-user': { points: 20, duration: 60 },
  'post-ip': { points: 60, duration: 60 },
  'thread-user': { points: 10, duration: 600 },
  'like-user': { points: 120, duration: 60 },
  'write-user': { points: 60, duration: 60 },
} as const;
export type LimitName = keyof typeof LIMITS;

declare module 'fastify' {
  interface FastifyInstance {
    /** Counts one attempt against a named limit; throws 429 with Retry-After when spent. */
    rateLimit(name: LimitName, key: string | number): Promise<void>;
    resetRateLimit(name: LimitName, key: string | number): Promise<void>;
  }
}

/**
 * Per-instance counters (rate-limiter-flexible, in memory). Several instances
 * each keep their own, which multiplies the allowance by the instance count;
 * docs/operations.md says how to share them when that matters.
 */
export const rateLimitPlugin = fp(async (app: FastifyInstance, opts: { enabled: boolean }) => {
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
      if (e instanceof RateLimiterRes) {
        throw new AppError('rate_limited', 'Too many attempts; wait a moment and try again', {
          retryAfterSeconds: Math.ceil(e.msBeforeNext / 1000),
        });
      }
      throw e;
    }
  });
  app.decorate('resetRateLimit', async (name: LimitName, key: string | number) => {
    await limiters.get(name)!.delete(String(key));
  });
});
