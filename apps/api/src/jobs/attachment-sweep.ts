import { sweepUnboundAttachments, type Deps } from '@kakera/core';
import type { Job } from './job-runner.ts';

/** Hourly, on one instance: uploads never put on a post within a day, with their files (core's sweepUnboundAttachments). */
export function attachmentSweepJob(deps: Deps): Job {
  return {
    name: 'attachment-sweep',
    schedule: { everyMs: 60 * 60 * 1000 },
    mode: 'once',
    async run({ db, now }) {
      await sweepUnboundAttachments(deps, db, now);
    },
  };
}
