import type { FastifyBaseLogger } from 'fastify';
import { generateDueDigests } from '@kakera/core';
import type { Job } from './job-runner.ts';

/**
 * The executive daily digest: at DIGEST_AT local time in TZ, on one instance
 * (`once`: the slot is claimed with the job's row, and the digests are stored
 * in that same transaction), yesterday's digest and any recent day without
 * one; yesterday's is then asked to be mailed (the mail job sends it). A run
 * missed while no instance was up is made up when one starts (in the
 * background: the server takes requests meanwhile).
 */
export function digestJob(opts: { timeZone: string; dailyAt: string; log: FastifyBaseLogger }): Job {
  return {
    name: 'digest',
    schedule: { dailyAt: opts.dailyAt, timeZone: opts.timeZone },
    mode: 'once',
    // Days of history to digest on a first start, or after a long stop: not before the server takes requests.
    startInBackground: true,
    async run({ db, now }) {
      const r = await generateDueDigests(db, { now, timeZone: opts.timeZone });
      if (r.generated.length) opts.log.info({ dates: r.generated, changed: r.changed }, 'digests generated');
    },
  };
}
