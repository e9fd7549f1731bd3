import type { FastifyBaseLogger } from 'fastify';

/**
 * Trouble the process lived through, for GET /api/health: a number that
 * grows tells operators to read the logs before users notice anything.
 */
export const processHealth = {
  /** Promises rejected with nobody to handle it: each a bug (an `await` with no owner), none fatal. */
  unhandledRejections: 0,
  /** Log lines dropped because standard output was gone or could not keep up (log-destination.ts). */
  droppedLogLines: 0,
};

/**
 * Failures no code owns. A rejected promise nobody awaits has failed alone:
 * whatever it was doing is over and nothing else shares its state, so the
 * server logs it, counts it and keeps serving (Node would end the process).
 * An exception thrown out of a callback has left that callback half-done with
 * its state unknown (a socket, a stream, a timer's bookkeeping), and Node
 * documents the process as unsafe to go on: it is logged and the server shuts
 * down as on SIGTERM, within the same deadline, exiting 1 so that the
 * supervisor starts a fresh one.
 */
export function guardProcess(log: FastifyBaseLogger, shutdown: (reason: string, exitCode: number) => void): void {
  process.on('unhandledRejection', (reason) => {
    processHealth.unhandledRejections++;
    log.error({ err: reason, unhandledRejections: processHealth.unhandledRejections }, 'unhandled promise rejection (still serving)');
  });
  process.on('uncaughtException', (err, origin) => {
    log.fatal({ err, origin }, 'uncaught exception: shutting down');
    shutdown('uncaughtException', 1);
  });
}
