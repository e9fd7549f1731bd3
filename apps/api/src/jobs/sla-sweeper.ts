import type { FastifyBaseLogger } from 'fastify';
import { sweepObligations, type Deps, type SweepOptions, type SweepResult } from '@kakera/core';

export interface SlaSweeper {
  /** One sweep now (tests call it after moving their clock). Safe to run alongside the timer. */
  tick(): Promise<SweepResult>;
  /** Sweeps once at once (a breach that fell due while the server was down), then every interval. */
  start(): Promise<void>;
  stop(): Promise<void>;
}

export interface SlaSweeperOptions extends SweepOptions {
  intervalMs: number;
  log: FastifyBaseLogger;
  /** Run on a timer; false leaves only tick(). */
  timer?: boolean;
}

/**
 * Runs sweepObligations every SLA_SWEEP_MS. The state lives in the
 * obligations table and each sweep claims rows atomically, so any number of
 * instances may run it at once; the timer is only a trigger. Sweeps never
 * overlap within one instance (a slow sweep delays the next), and a failing
 * sweep (database away) is logged and retried at the next interval.
 */
export function createSlaSweeper(deps: Pick<Deps, 'db' | 'clock' | 'events'>, opts: SlaSweeperOptions): SlaSweeper {
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<unknown> | null = null;
  let stopped = true;

  const tick = () => sweepObligations(deps, opts);

  async function scheduled() {
    timer = null;
    if (stopped) return;
    const run = tick()
      .then((r) => {
        if (r.warned || r.breached) opts.log.debug({ ...r }, 'sla sweep');
      })
      .catch((err: unknown) => opts.log.warn({ err }, 'sla sweep failed'));
    running = run;
    await run;
    running = null;
    if (!stopped) timer = setTimeout(() => void scheduled(), opts.intervalMs);
  }

  return {
    tick,
    async start() {
      if (!stopped) return;
      stopped = false;
      if (opts.timer === false) return;
      await scheduled();
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
      await running;
    },
  };
}
