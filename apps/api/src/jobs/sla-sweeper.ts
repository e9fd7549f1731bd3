import { sweepObligations, type Deps, type SweepOptions, type SweepResult } from '@kakera/core';
import type { FastifyBaseLogger } from 'fastify';
import type { Job } from './job-runner.ts';

export interface SlaSweeper {
  /** One sweep now (tests call it after moving their clock). Safe to run alongside the timer. */
  tick(): Promise<SweepResult>;
}

/**
 * The 15-minute rule's warnings and breaches, every SLA_SWEEP_MS on every
 * instance: the state lives in the obligations table and each sweep claims
 * rows atomically, so instances share the work and each event fires once.
 * It runs once as the server starts (a breach that fell due while it was
 * down fires before it takes requests).
 */
export function slaSweepJob(
  deps: Pick<Deps, 'db' | 'clock' | 'events'>,
  opts: SweepOptions & { intervalMs: number; log: FastifyBaseLogger; timer?: boolean },
): { job: Job; sweeper: SlaSweeper } {
  const tick = () => sweepObligations(deps, opts);
  return {
    sweeper: { tick },
    job: {
      name: 'sla-sweep',
      schedule: { everyMs: opts.intervalMs },
      mode: 'every-instance',
      manual: opts.timer === false,
      async run() {
        const r = await tick();
        if (r.warned || r.breached) opts.log.debug({ ...r }, 'sla sweep');
      },
    },
  };
}
