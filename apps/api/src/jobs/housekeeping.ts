import { deleteExpiredSessions } from '@kakera/core';
import { pruneEvents } from '@kakera/db';
import type { Job } from './job-runner.ts';

/** Hourly, on one instance: expired sessions, and events past the 3-day window in which clients may resume. */
export const housekeepingJob: Job = {
  name: 'housekeeping',
  schedule: { everyMs: 60 * 60 * 1000 },
  mode: 'once',
  async run({ db, now }) {
    await deleteExpiredSessions(db, now);
    await pruneEvents(db, now);
  },
};
