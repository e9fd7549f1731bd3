import { hostname } from 'node:os';
import type { FastifyBaseLogger } from 'fastify';
import type { Clock } from '@kakera/core';
import type { Db, DbOrTx } from '@kakera/db';
import { claimDueJob, ensureJobRow, findJobRuns, recordFailure, recordSuccess, type JobRunRow } from './job-runs.repo.ts';
import { firstSlot, nextSlot, type Schedule } from './schedule.ts';

export interface JobContext {
  /** `once` jobs: the transaction that holds the job's slot; do the work in it, so that it commits with the claim. */
  db: DbOrTx;
  now: Date;
  /** The scheduled instant this run is for (a daily job's day comes from it). */
  slot: Date;
}

export interface Job {
  name: string;
  schedule: Schedule;
  /**
   * `once`: one instance runs each slot, inside a transaction that locks the
   * job's row and moves its next slot — a run that dies rolls back and is
   * run again, by this instance or another. `every-instance`: each instance
   * runs it on its own timer (the work must be safe anywhere at once, as the
   * sweeper's row claims are); the row only records the last run.
   */
  mode: 'once' | 'every-instance';
  run(ctx: JobContext): Promise<void>;
  /** No timer of its own (tests trigger it); still run once at start. */
  manual?: boolean;
  /**
   * Its catch-up at start runs after the server takes requests instead of
   * before: the daily digest of a forum with years of history may have many
   * days to make up (minutes at a million posts), and a server that cannot
   * start until then fails its start-up timeout.
   */
  startInBackground?: boolean;
}

export type RunOutcome = 'ran' | 'not-due' | 'failed';

export interface JobRunner {
  add(job: Job): void;
  /** Runs what is due now (a missed daily run is made up here), then keeps every job on its timer. */
  start(): Promise<void>;
  /** Resolves once every run in progress (a background catch-up from `start`) has finished. */
  idle(): Promise<void>;
  stop(): Promise<void>;
  /** Runs one job now if its slot has come (tests, after moving the clock). */
  runDue(name: string): Promise<RunOutcome>;
  status(): Promise<JobRunRow[]>;
}

// A failing job is retried after 5 s, doubling with each failure in a row, up to 5 minutes (never later than its own interval).
const retryDelayMs = (failing: number) => Math.min(5000 * 2 ** (failing - 1), 5 * 60_000);
// A daily job's timer looks again at least this often (another instance may have run it, the clock may have moved).
const MAX_WAIT_MS = 60_000;

/**
 * The one job runner: the sweeper, housekeeping and the coming digest and
 * e-mail jobs. Its state is in `job_runs` (next slot, last run, last error),
 * so restarts and several instances agree; timers are only triggers.
 */
export function createJobRunner(opts: { db: Db; clock: Clock; log: FastifyBaseLogger; instance?: string }): JobRunner {
  const jobs = new Map<string, Job>();
  const timers = new Map<string, NodeJS.Timeout>();
  const running = new Map<string, Promise<RunOutcome>>();
  const instance = opts.instance ?? `${hostname()}:${process.pid}`;
  let stopped = true;
  let prepared: Promise<void> | null = null;

  const prepare = () =>
    (prepared ??= (async () => {
      const now = opts.clock.now();
      for (const job of jobs.values()) await ensureJobRow(opts.db, job.name, firstSlot(job.schedule, now));
    })().catch((err: unknown) => {
      prepared = null;
      throw err;
    }));

  async function runOnce(job: Job): Promise<RunOutcome> {
    const startedAt = opts.clock.now();
    try {
      await prepare();
      if (job.mode === 'every-instance') {
        await job.run({ db: opts.db, now: startedAt, slot: startedAt });
        await recordSuccess(opts.db, job.name, { startedAt, finishedAt: opts.clock.now(), nextRunAt: null, instance });
        return 'ran';
      }
      const ran = await opts.db.transaction(async (tx) => {
        const row = await claimDueJob(tx, job.name, startedAt);
        if (!row) return false;
        await job.run({ db: tx, now: startedAt, slot: row.nextRunAt });
        const finishedAt = opts.clock.now();
        await recordSuccess(tx, job.name, { startedAt, finishedAt, nextRunAt: nextSlot(job.schedule, finishedAt), instance });
        return true;
      });
      return ran ? 'ran' : 'not-due';
    } catch (err) {
      const finishedAt = opts.clock.now();
      const interval = 'everyMs' in job.schedule ? job.schedule.everyMs : Infinity;
      const failing = await recordFailure(opts.db, job.name, {
        startedAt,
        finishedAt,
        error: err instanceof Error ? (err.stack ?? err.message) : String(err),
        retryAt: (n) => (job.mode === 'once' ? new Date(finishedAt.getTime() + Math.min(retryDelayMs(n), interval)) : null),
        instance,
      }).catch(() => 0);
      // Every failure is logged; a job failing at every tick (the database is away) is logged at debug after the first few.
      opts.log[failing > 3 ? 'debug' : 'warn']({ err, job: job.name, failing }, 'job failed; will retry');
      return 'failed';
    }
  }

  function runDue(name: string): Promise<RunOutcome> {
    const job = jobs.get(name);
    if (!job) return Promise.reject(new Error(`no job ${name}`));
    // Never two runs of one job at once in this process: a slow run delays the next.
    let run = running.get(name);
    if (!run) {
      run = runOnce(job).finally(() => running.delete(name));
      running.set(name, run);
    }
    return run;
  }

  async function delayFor(job: Job): Promise<number> {
    if ('everyMs' in job.schedule) return job.schedule.everyMs;
    try {
      const row = (await findJobRuns(opts.db)).find((r) => r.name === job.name);
      const wait = row ? row.nextRunAt.getTime() - opts.clock.now().getTime() : MAX_WAIT_MS;
      return Math.max(1000, Math.min(wait, MAX_WAIT_MS));
    } catch {
      return MAX_WAIT_MS;
    }
  }

  function schedule(job: Job) {
    if (stopped || job.manual) return;
    void delayFor(job).then((ms) => {
      if (stopped) return;
      const timer = setTimeout(() => {
        timers.delete(job.name);
        void runDue(job.name).finally(() => schedule(job));
      }, ms);
      timer.unref();
      timers.set(job.name, timer);
    });
  }

  return {
    add(job) {
      if (jobs.has(job.name)) throw new Error(`job ${job.name} added twice`);
      jobs.set(job.name, job);
      prepared = null;
    },
    async start() {
      if (!stopped) return;
      stopped = false;
      // What fell due while no instance ran (a breach) runs before the server takes requests;
      // a long catch-up (the digests of the days missed) right after, its timer set when it is done.
      const all = [...jobs.values()];
      for (const job of all.filter((j) => j.startInBackground)) void runDue(job.name).finally(() => schedule(job));
      await Promise.all(all.filter((j) => !j.startInBackground).map((job) => runDue(job.name)));
      for (const job of all.filter((j) => !j.startInBackground)) schedule(job);
    },
    async idle() {
      await Promise.allSettled([...running.values()]);
    },
    async stop() {
      stopped = true;
      for (const t of timers.values()) clearTimeout(t);
      timers.clear();
      await Promise.allSettled([...running.values()]);
    },
    runDue,
    status: () => findJobRuns(opts.db),
  };
}
