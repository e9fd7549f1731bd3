import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { DEFAULT_LEVEL_THRESHOLDS, DEFAULT_POINTS } from '@kakera/core';

const points = z.coerce.number().int().min(0).max(100_000);
const bool01 = z.enum(['0', '1', 'true', 'false']).transform((v) => v === '1' || v === 'true');

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(500).default(20),
  DATA_DIR: z.string().min(1).default('./data'),
  SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  PUBLIC_URL: z.url().optional(),
  TZ: z
    .string()
    .default('UTC')
    .refine((tz) => {
      try {
        new Intl.DateTimeFormat('en', { timeZone: tz });
        return true;
      } catch {
        return false;
      }
    }, 'must be an IANA time zone such as Asia/Tokyo'),
  DIGEST_AT: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM')
    .default('07:00'),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL')
    .optional(),
  // The sender of the digest and notification e-mail; default `Kakera <kakera@` + PUBLIC_URL's host + `>`.
  MAIL_FROM: z.string().trim().min(3).max(200).optional(),
  UPLOAD_DIR: z.string().min(1).optional(),
  // Attachments (docs/configuration.md): the largest file in bytes, and the most files on one post.
  ATTACHMENT_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(1024 * 1024 * 1024)
    .default(8 * 1024 * 1024),
  ATTACHMENTS_PER_POST: z.coerce.number().int().min(1).max(50).default(5),
  SLA_SWEEP_MS: z.coerce.number().int().min(50).max(600_000).default(1000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** A request slower than this is logged at info; the others at debug (see plugins/request-log.ts). */
  SLOW_REQUEST_MS: z.coerce.number().int().min(1).max(600_000).default(1000),
  /** Memory for guests' answers kept as JSON (plugins/read-cache.ts); 0 turns the cache off. */
  READ_CACHE_MB: z.coerce.number().int().min(0).max(4096).default(32),
  ADMIN_EMAILS: z
    .string()
    .default('')
    .transform((s) =>
      s
        .split(',')
        .map((e) => e.trim().toLowerCase())
        .filter(Boolean),
    ),
  DEMO_DATA: bool01.optional(),
  RATE_LIMIT: z.enum(['on', 'off']).default('on'),
  BODY_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(50 * 1024 * 1024)
    .default(1024 * 1024),
  TRUST_PROXY: z.string().default('loopback'),
  // The longest a shutdown (SIGTERM, SIGINT, an uncaught exception) may take before the process is killed.
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(1000).max(600_000).default(10_000),
  // Wrong passwords before sign-in attempts are delayed (docs/operations.md).
  LOGIN_FREE_FAILURES: z.coerce.number().int().min(1).max(1000).default(5),
  LOGIN_FREE_FAILURES_PER_ADDRESS: z.coerce.number().int().min(1).max(100_000).default(20),
  // WebSocket limits (docs/operations.md).
  WS_MESSAGES_PER_SECOND: z.coerce.number().int().min(1).max(1000).default(10),
  WS_MAX_SUBSCRIPTIONS: z.coerce.number().int().min(1).max(10_000).default(100),
  WS_MAX_SOCKETS_PER_ADDRESS: z.coerce.number().int().min(1).max(100_000).default(50),
  WS_RESUME_LIMIT: z.coerce.number().int().min(1).max(10_000).default(500),
  // Fan ranks (docs/configuration.md): points per award, the daily cap on posting points, level thresholds.
  POINTS_THREAD: points.default(DEFAULT_POINTS.thread),
  POINTS_REPLY: points.default(DEFAULT_POINTS.reply),
  POINTS_LIKE: points.default(DEFAULT_POINTS.likeReceived),
  POINTS_ACCEPTED_ANSWER: points.default(DEFAULT_POINTS.acceptedAnswer),
  POINTS_BUG_CONFIRMED: points.default(DEFAULT_POINTS.bugConfirmed),
  POINTS_ADOPTED: points.default(DEFAULT_POINTS.adopted),
  POINTS_DAILY_POSTING_CAP: points.default(DEFAULT_POINTS.dailyPostingCap),
  LEVEL_THRESHOLDS: z
    .string()
    .default(DEFAULT_LEVEL_THRESHOLDS.join(','))
    .transform((s) => s.split(',').map((v) => Number(v.trim())))
    .refine((t) => t.length > 0 && t.every(Number.isInteger) && t[0] === 0 && t.every((v, i) => i === 0 || v > t[i - 1]!), {
      message: 'must be increasing whole numbers from 0, e.g. 0,10,50,150',
    }),
});

export type Env = z.infer<typeof EnvSchema>;

export interface Config extends Omit<Env, 'SESSION_SECRET' | 'DATA_DIR' | 'UPLOAD_DIR' | 'MAIL_FROM'> {
  MAIL_FROM: string;
  SESSION_SECRET: string;
  DATA_DIR: string;
  UPLOAD_DIR: string;
  PUBLIC_URL: string;
  /** Demo data goes into an empty database: by default the embedded one only; DEMO_DATA=1 also an empty PostgreSQL, DEMO_DATA=0 never. */
  loadDemoData: boolean;
}

export class ConfigError extends Error {}

/** Parses the environment once; nothing else reads process.env. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration: ${lines.join('; ')}`);
  }
  const e = parsed.data;
  const dataDir = resolve(e.DATA_DIR);
  const publicUrl = (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, '');
  return {
    ...e,
    DATA_DIR: dataDir,
    UPLOAD_DIR: resolve(e.UPLOAD_DIR ?? join(dataDir, 'uploads')),
    SESSION_SECRET: e.SESSION_SECRET ?? localSecret(dataDir),
    PUBLIC_URL: publicUrl,
    MAIL_FROM: e.MAIL_FROM ?? `Kakera <kakera@${new URL(publicUrl).hostname}>`,
    loadDemoData: e.DEMO_DATA ?? !e.DATABASE_URL,
  };
}

/**
 * Without SESSION_SECRET, a local trial keeps a random one in the data
 * directory so sessions survive restarts. Production sets SESSION_SECRET.
 */
function localSecret(dataDir: string): string {
  const file = join(dataDir, 'session-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}
