import type { Writable } from 'node:stream';
import { processHealth } from './process-health.ts';

/**
 * Where the server's log lines go: standard output, without ever letting it
 * hold the process. pino's default destination retries a write that stdout
 * does not take forever, buffering without limit, and flushes synchronously
 * at exit: a server sent SIGTERM with a reader that had stopped reading stayed
 * up 36 minutes at 747 MB, its exit timer unable to fire. Here lines go
 * through Node's own stdout stream (a pipe or socket is written from the
 * event loop without blocking; a file or terminal, briefly, as Node always
 * does), a bounded backlog waits in memory and lines beyond it are dropped
 * and counted, the first error (EPIPE: the reader is gone; EIO: the terminal
 * is) stops writing for good, and nothing is written synchronously at exit.
 */
export interface LogDestination {
  write(line: string): void;
  /** Resolves once the backlog has been handed to the system, or after `ms`, whichever comes first. */
  drain(ms: number): Promise<void>;
}

export function createLogDestination(out: Writable = process.stdout, maxBacklogBytes = 8 * 1024 * 1024): LogDestination {
  let broken = false;
  // Without a listener, EPIPE on stdout would be an uncaught exception.
  out.on('error', () => {
    broken = true;
  });
  const usable = () => !broken && !out.destroyed && out.writable;
  return {
    write(line) {
      if (!usable() || out.writableLength > maxBacklogBytes) {
        processHealth.droppedLogLines++;
        return;
      }
      try {
        out.write(line);
      } catch {
        // A synchronous stream (a file) throws instead of emitting: a full disk, say.
        broken = true;
        processHealth.droppedLogLines++;
      }
    },
    drain(ms) {
      if (!usable() || out.writableLength === 0) return Promise.resolve();
      return new Promise((resolve) => {
        const done = () => {
          clearTimeout(timer);
          out.off('drain', done);
          out.off('error', done);
          resolve();
        };
        const timer = setTimeout(done, ms);
        timer.unref();
        out.once('drain', done);
        out.once('error', done);
      });
    },
  };
}
