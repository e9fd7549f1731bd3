import { readFileSync } from 'node:fs';
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import swagger from '@fastify/swagger';
import websocket from '@fastify/websocket';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  asEventPublisher,
  configureLevels,
  createQueueSnapshot,
  createSessionCache,
  systemClock,
  type Clock,
  type Deps,
  type EventPublisher,
  type Mailer,
} from '@kakera/core';
import { createEventBus, type Database } from '@kakera/db';
import type { Config } from './config.ts';
import { authPlugin } from './plugins/auth.ts';
import { errorHandlerPlugin, sendError } from './plugins/error-handler.ts';
import { originCheckPlugin } from './plugins/origin-check.ts';
import { storableTextPlugin } from './plugins/storable-text.ts';
import { rateLimitPlugin } from './plugins/rate-limit.ts';
import { loginThrottleRules } from './plugins/login-throttle.ts';
import { securityHeadersPlugin } from './plugins/security-headers.ts';
import { requestLogPlugin } from './plugins/request-log.ts';
import { authRoutes } from './routes/auth.routes.ts';
import { categoryRoutes } from './routes/categories.routes.ts';
import { healthRoutes } from './routes/health.routes.ts';
import { liveRoutes } from './routes/live.routes.ts';
import { threadRoutes } from './routes/threads.routes.ts';
import { userRoutes } from './routes/users.routes.ts';
import { moderationRoutes } from './routes/moderation.routes.ts';
import { slaRoutes } from './routes/sla.routes.ts';
import { issueRoutes } from './routes/issues.routes.ts';
import { escalationRoutes } from './routes/escalations.routes.ts';
import { notificationRoutes } from './routes/notifications.routes.ts';
import { digestRoutes } from './routes/digests.routes.ts';
import { notificationSettingsRoutes } from './routes/notification-settings.routes.ts';
import { rankRoutes } from './routes/ranks.routes.ts';
import { searchRoutes } from './routes/search.routes.ts';
import { attachmentRoutes } from './routes/attachments.routes.ts';
import { attachmentSweepJob } from './jobs/attachment-sweep.ts';
import { etagPlugin } from './plugins/etag.ts';
import { createReadCache, readCachePlugin } from './plugins/read-cache.ts';
import { markdownRoutes } from './routes/markdown.routes.ts';
import { slaSweepJob, type SlaSweeper } from './jobs/sla-sweeper.ts';
import { createJobRunner, type JobRunner } from './jobs/job-runner.ts';
import { housekeepingJob } from './jobs/housekeeping.ts';
import { digestJob } from './jobs/digest.ts';
import { mailJob } from './jobs/mail.ts';
import { createSmtpMailer } from './mail/smtp-mailer.ts';
import { searchBackfillJob } from './jobs/search-backfill.ts';
import { DEFAULT_HUB_LIMITS, registerHub, type Hub } from './ws/hub.ts';
import { mountWeb, type WebHandler } from './web/mount-web.ts';
import { webHopPlugin } from './web/web-hop.ts';

export const version: string = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')).version;

/** How long a guest's answer is kept when no event says it changed (plugins/read-cache.ts). */
const READ_CACHE_MAX_AGE_MS = 5000;

export interface BuildOptions {
  config: Config;
  database: Database;
  clock?: Clock;
  /** SvelteKit's handler; omitted in API-only tests. */
  web?: WebHandler | null;
  logger?: boolean;
  /** Where log lines go (server.ts: stdout, never blocking the process); pino's own destination if omitted. */
  logStream?: { write(line: string): void };
  /** The SLA sweeper: `timer: false` leaves only `app.slaSweeper.tick()`; `batchSize` for tests. */
  sweeper?: { timer?: boolean; batchSize?: number; maxBatches?: number };
  /** The e-mail job (when SMTP_URL is set): `timer: false` leaves only `app.jobs.runDue('mail')`. */
  mail?: { timer?: boolean };
}

declare module 'fastify' {
  interface FastifyInstance {
    deps: Deps;
    hub: Hub;
    slaSweeper: SlaSweeper;
    jobs: JobRunner;
    /** Sends e-mail over SMTP_URL; null when it is not set (nothing is sent). */
    mailer: Mailer | null;
  }
}

/** Builds the whole server without listening (tests inject; server.ts listens). */
export async function buildApp(opts: BuildOptions): Promise<FastifyInstance> {
  const { config, database } = opts;
  const clock = opts.clock ?? systemClock;
  const app = Fastify({
    logger:
      opts.logger === false
        ? false
        : {
            level: config.LOG_LEVEL,
            redact: ['req.headers.cookie', 'req.headers.authorization'],
            ...(opts.logStream && { stream: opts.logStream }),
          },
    // One line per request, at a level by status and time (plugins/request-log.ts).
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: config.BODY_LIMIT_BYTES,
    trustProxy: config.TRUST_PROXY === 'false' ? false : config.TRUST_PROXY,
    routerOptions: { maxParamLength: 200 },
    forceCloseConnections: 'idle',
    // A URL that cannot be decoded (FST_ERR_BAD_URL) gets the same error body as every other 400.
    frameworkErrors: (err, _req, reply) => sendError(reply, 'invalid_input', err.message),
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  // Level thresholds are read everywhere a name is shown: set once for the process.
  configureLevels(config.LEVEL_THRESHOLDS);
  const events: EventPublisher = asEventPublisher(createEventBus(database, clock, config.DATABASE_URL));
  const deps: Deps = {
    db: database.db,
    clock,
    events,
    config: {
      adminEmails: config.ADMIN_EMAILS,
      sessionTtlMs: 30 * 24 * 3600 * 1000,
      sessionSecret: config.SESSION_SECRET,
      points: {
        thread: config.POINTS_THREAD,
        reply: config.POINTS_REPLY,
        likeReceived: config.POINTS_LIKE,
        acceptedAnswer: config.POINTS_ACCEPTED_ANSWER,
        bugConfirmed: config.POINTS_BUG_CONFIRMED,
        adopted: config.POINTS_ADOPTED,
        dailyPostingCap: config.POINTS_DAILY_POSTING_CAP,
      },
      attachments: { dir: config.UPLOAD_DIR, maxBytes: config.ATTACHMENT_MAX_BYTES, maxPerPost: config.ATTACHMENTS_PER_POST },
    },
    sessionCache: createSessionCache(events),
  };
  app.decorate('deps', deps);
  app.addHook('onReady', async () => events.start());
  app.addHook('onClose', async () => {
    deps.sessionCache?.stop();
    await events.stop();
  });
  // Background jobs: started once the server is ready (what fell due while it was down runs first), stopped on close.
  const jobs = createJobRunner({ db: database.db, clock, log: app.log });
  const sweep = slaSweepJob(deps, { intervalMs: config.SLA_SWEEP_MS, log: app.log, ...opts.sweeper });
  jobs.add(sweep.job);
  jobs.add(housekeepingJob);
  jobs.add(attachmentSweepJob(deps));
  jobs.add(searchBackfillJob({ log: app.log }));
  jobs.add(digestJob({ timeZone: config.TZ, dailyAt: config.DIGEST_AT, log: app.log }));
  const mailer = config.SMTP_URL ? createSmtpMailer({ url: config.SMTP_URL, from: config.MAIL_FROM }) : null;
  if (mailer) {
    const mailOpts = { publicUrl: config.PUBLIC_URL, timeZone: config.TZ, dailyAt: config.DIGEST_AT, log: app.log, ...opts.mail };
    jobs.add(mailJob(deps, mailer, mailOpts));
    app.addHook('onClose', async () => mailer.close());
  } else {
    app.log.info('SMTP_URL is not set: no e-mail is sent (daily digest, notifications)');
  }
  app.decorate('mailer', mailer);
  app.decorate('slaSweeper', sweep.sweeper);
  app.decorate('jobs', jobs);
  app.addHook('onReady', async () => jobs.start());
  app.addHook('onClose', async () => jobs.stop());
  const queueSnapshot = createQueueSnapshot(deps);
  app.addHook('onClose', async () => queueSnapshot.stop());
  const readCache = createReadCache({ clock, events }, { maxBytes: config.READ_CACHE_MB * 1024 * 1024, maxAgeMs: READ_CACHE_MAX_AGE_MS });
  app.decorate('readCache', readCache);
  app.addHook('onClose', async () => readCache.stop());

  await app.register(errorHandlerPlugin);
  await app.register(requestLogPlugin, { slowMs: config.SLOW_REQUEST_MS });
  await app.register(webHopPlugin);
  await app.register(cookie);
  await app.register(websocket, { options: { maxPayload: 64 * 1024 } });
  await app.register(swagger, {
    openapi: {
      info: { title: 'Kakera API', version, description: 'Fan community forum with a built-in feedback tracker.' },
      servers: [{ url: config.PUBLIC_URL }],
    },
    transform: jsonSchemaTransform,
  });

  await app.register(
    async (api) => {
      await api.register(securityHeadersPlugin, { https: config.PUBLIC_URL.startsWith('https:') });
      await api.register(originCheckPlugin, { publicUrl: config.PUBLIC_URL });
      await api.register(storableTextPlugin);
      await api.register(etagPlugin);
      await api.register(rateLimitPlugin, {
        enabled: config.RATE_LIMIT === 'on',
        clock,
        login: loginThrottleRules({ accountAddress: config.LOGIN_FREE_FAILURES, address: config.LOGIN_FREE_FAILURES_PER_ADDRESS }),
      });
      await api.register(authPlugin, { deps, secure: config.PUBLIC_URL.startsWith('https:') });
      await api.register(readCachePlugin, { cache: readCache });
      await api.register(healthRoutes, { database, version });
      await api.register(authRoutes, { deps });
      await api.register(userRoutes, { deps });
      await api.register(categoryRoutes, { deps });
      await api.register(threadRoutes, { deps });
      await api.register(slaRoutes, { deps, timeZone: config.TZ, queueSnapshot });
      await api.register(moderationRoutes, { deps, timeZone: config.TZ });
      await api.register(issueRoutes, { deps });
      await api.register(escalationRoutes, { deps });
      await api.register(notificationRoutes, { deps });
      await api.register(notificationSettingsRoutes, { deps });
      await api.register(digestRoutes, { deps, timeZone: config.TZ });
      await api.register(rankRoutes, { deps });
      await api.register(searchRoutes, { deps, timeZone: config.TZ });
      // Multipart is parsed in this route's own scope only (SvelteKit's form actions read their own bodies).
      await api.register(attachmentRoutes, { deps });
      await api.register(markdownRoutes, { deps });
      await api.register(liveRoutes, { deps });
      api.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
      api.all('/*', { schema: { hide: true } }, async (req, reply) =>
        sendError(reply, 'not_found', `No route ${req.method} ${req.url.split('?')[0]}`),
      );
    },
    { prefix: '/api' },
  );

  await app.register(async (live) => {
    await live.register(authPlugin, { deps, secure: config.PUBLIC_URL.startsWith('https:') });
    app.decorate(
      'hub',
      registerHub(live, deps, {
        ...DEFAULT_HUB_LIMITS,
        messagesPerSecond: config.WS_MESSAGES_PER_SECOND,
        maxSubscriptions: config.WS_MAX_SUBSCRIPTIONS,
        maxSocketsPerAddress: config.WS_MAX_SOCKETS_PER_ADDRESS,
        resumeLimit: config.WS_RESUME_LIMIT,
        // A quarter of the pool at most, so HTTP requests always find connections.
        dbConcurrency: Math.max(1, Math.floor(config.DATABASE_POOL_SIZE / 4)),
      }),
    );
  });

  if (opts.web) await mountWeb(app, opts.web, { https: config.PUBLIC_URL.startsWith('https:') });
  return app;
}
