import { createHmac } from 'node:crypto';

// The seeded sessions (bench/seed.ts): users 1…SESSION_USERS each have one,
// whose cookie the benchmark derives from the user's id, so that it can act
// as a thousand different fans without logging a thousand in (argon2 is
// slow on purpose). The server under test runs with BENCH_SESSION_SECRET.
export const BENCH_SESSION_SECRET = 'kakera-bench-session-secret-not-for-production';
export const BENCH_PASSWORD = 'bench-password-1234';
export const SESSION_USERS = 2_000;

const token = (userId: number) => `bench-session-${userId}`;
export const benchSessionId = (userId: number) => createHmac('sha256', BENCH_SESSION_SECRET).update(token(userId)).digest('base64url');
export const benchCookie = (userId: number) => `kakera_session=${token(userId)}`;
