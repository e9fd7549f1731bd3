import { Worker } from 'node:worker_threads';
import type { FastifyBaseLogger } from 'fastify';

/**
 * Kills the process `ms` from now unless it has exited by then. The timer
 * runs on a thread of its own: a timer on the main thread cannot fire while
 * that thread is blocked (a synchronous write to a stdout nobody reads, a
 * runaway loop), and that is exactly when it is needed. SIGKILL because
 * nothing on a blocked main thread would run a handler for a gentler signal.
 */
export function startExitWatchdog(ms: number): void {
  const worker = new Worker(
    "const { workerData } = require('node:worker_threads'); setTimeout(() => process.kill(workerData.pid, 'SIGKILL'), workerData.ms);",
    // No execArgv: a loader the server was started with (tsx) has nothing to do in here.
    { eval: true, workerData: { pid: process.pid, ms }, execArgv: [], env: {}, stdout: true, stderr: true },
  );
  worker.on('error', () => {});
  // The watchdog never keeps the process alive; it only ends it.
  worker.unref();
}

export interface ShutdownOptions {
  /** The whole shutdown, from the signal to the exit: SHUTDOWN_TIMEOUT_MS. */
  timeoutMs: number;
  log: FastifyBaseLogger;
  /** Stop accepting, finish in-flight requests, close sockets, jobs and the pool. */
  close: () => Promise<void>;
  /** Waits, at most `ms`, for log lines still queued. */
  drainLogs: (ms: number) => Promise<void>;
}

/** Longest wait for queued log lines once everything else is closed. */
const LOG_DRAIN_MS = 1000;

/**
 * Graceful shutdown that always ends within `timeoutMs`: the close runs on
 * the event loop with an exit timer shortly before the deadline, and the
 * watchdog thread kills the process at the deadline if even that exit cannot
 * run or does not finish. Called once; later calls (a second signal) wait.
 */
export function createShutdown(opts: ShutdownOptions): (reason: string, exitCode: number) => void {
  let closing = false;
  return (reason, exitCode) => {
    if (closing) return;
    closing = true;
    const started = Date.now();
    startExitWatchdog(opts.timeoutMs);
    // Leave the last stretch to process.exit itself (its exit handlers) before the watchdog steps in.
    const softDeadline = Math.max(opts.timeoutMs / 2, opts.timeoutMs - 1000);
    const force = setTimeout(() => {
      opts.log.error({ reason, timeoutMs: opts.timeoutMs }, 'shutdown did not finish in time: exiting now');
      process.exit(1);
    }, softDeadline);
    force.unref();
    opts.log.info({ reason, timeoutMs: opts.timeoutMs }, 'shutting down');
    void (async () => {
      let code = exitCode;
      try {
        await opts.close();
      } catch (err) {
        opts.log.error({ err }, 'shutdown failed');
        code = 1;
      }
      const left = softDeadline - (Date.now() - started);
      await opts.drainLogs(Math.max(0, Math.min(LOG_DRAIN_MS, left)));
      process.exit(code);
    })();
  };
}
