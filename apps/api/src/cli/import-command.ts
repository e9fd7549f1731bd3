import { parseArgs } from 'node:util';
import { AppError, importStackExchange, systemActor, type Deps } from '@kakera/core';
import { progressReporter, summaryText, type ProgressOutput } from './import-progress.ts';

export const USAGE = `Usage: npm run import -- stackexchange <dump-dir> --category <slug> [--staff <id,id,…>] [--site <host>]

  <dump-dir>         a Stack Exchange data dump's folder (Users.xml, Posts.xml, Comments.xml, Votes.xml, Tags.xml)
  --category <slug>  the category to import into (created when there is none)
  --staff <ids>      the dump's user ids who become staff: their posts are staff answers
  --site <host>      the site, for links back (default: from the folder's name)

Re-running adds nothing twice; an interrupted import, run again, finishes. See docs/import.md.
`;

export interface ImportIo {
  stdout: ProgressOutput;
  stderr: ProgressOutput;
  /** Milliseconds, for rates and time left. */
  now?: () => number;
}

/**
 * `npm run import -- stackexchange …`: parses the arguments, imports with a
 * progress bar on stderr, prints the summary on stdout. Answers the exit
 * code: 0 done, 1 the import failed (a malformed file, a missing folder),
 * 2 wrong arguments.
 */
export async function runImportCommand(argv: string[], deps: Deps, io: ImportIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        category: { type: 'string' },
        staff: { type: 'string' },
        site: { type: 'string' },
        batch: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    io.stderr.write(`${(e as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout.write(USAGE);
    return 0;
  }
  const [format, dir, ...extra] = positionals;
  if (format !== 'stackexchange' || !dir || extra.length || !values.category) {
    io.stderr.write(
      `${format && format !== 'stackexchange' ? `Unknown format "${format}": only stackexchange is supported.\n\n` : ''}${USAGE}`,
    );
    return 2;
  }
  const batchSize = values.batch ? Number(values.batch) : undefined;
  if (batchSize !== undefined && !(Number.isInteger(batchSize) && batchSize > 0 && batchSize <= 5000)) {
    io.stderr.write(`--batch must be a whole number from 1 to 5000\n`);
    return 2;
  }
  const now = io.now ?? (() => performance.now());
  const started = now();
  const progress = progressReporter(io.stderr, now);
  try {
    const summary = await importStackExchange(
      deps,
      systemActor,
      {
        dir,
        categorySlug: values.category,
        staff: (values.staff ?? '').split(','),
        ...(values.site && { site: values.site }),
        ...(batchSize && { batchSize }),
      },
      (p) => progress.onProgress(p),
    );
    progress.finish();
    io.stdout.write(summaryText(summary, (now() - started) / 1000));
    return 0;
  } catch (e) {
    progress.finish();
    const message = e instanceof AppError ? e.message : String((e as Error)?.stack ?? e);
    io.stderr.write(
      `Import failed: ${message}\nNothing of the batch that failed was kept; fix the cause and run the same command again to finish.\n`,
    );
    return 1;
  }
}
