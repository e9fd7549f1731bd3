import { z } from 'zod';
export const HealthResponse = z.object({
  status: z.enum(['ok', 'degraded']),
  database: z.enum(['up', 'down']),
  version: z.string(),
  /** Promises that failed with nobody awaiting them since the process started: each one a bug to read in the log; the server kept serving. */
  unhandledRejections: z.number().int(),
  /** Log lines dropped since the process started because standard output was closed or did not keep up. */
  droppedLogLines: z.number().int(),
});
