import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { SaxesParser } from 'saxes';
import { AppError } from '../shared/app-error.ts';

/**
 * Reads one file of a Stack Exchange data dump (`<posts><row … /></posts>`)
 * as a stream: a chunk at a time, each `<row>`'s attributes handed out in
 * batches, so memory stays the same whatever the file's size. A file that is
 * not well-formed XML, or has another root element, stops the import with
 * the file, line and column.
 */

/** A `<row>`: its attributes, and its line in the file (for messages). */
export interface DumpRow {
  line: number;
  attrs: Record<string, string>;
}

export interface DumpReadProgress {
  /** Bytes read so far, and the file's size. */
  bytes: number;
  totalBytes: number;
}

export function malformedDump(file: string, message: string): AppError {
  return new AppError('invalid_input', `${basename(file)}: ${message}`, { fields: [{ path: basename(file), message }] });
}

/**
 * The file's rows in batches of at most `batchSize`, in file order. The next
 * chunk is only read once the caller has handled the batches of this one.
 */
export async function* readDumpRows(
  file: string,
  root: string,
  opts: { batchSize?: number; onProgress?: (p: DumpReadProgress) => void } = {},
): AsyncGenerator<DumpRow[]> {
  const batchSize = opts.batchSize ?? 500;
  const totalBytes = (await stat(file)).size;
  const parser = new SaxesParser({ position: true });
  let pending: DumpRow[] = [];
  let failure: string | null = null;
  let depth = 0;
  let sawRoot = false;
  parser.on('error', (e) => {
    // saxes says `3:4918: unclosed tag: posts`.
    failure ??= e.message.replace(/^(\d+):(\d+): /, 'line $1, column $2: ');
  });
  parser.on('opentag', (tag) => {
    depth++;
    if (depth === 1) {
      sawRoot = true;
      if (tag.name !== root) failure ??= `expected the root element <${root}>, found <${tag.name}> (line ${parser.line})`;
    } else if (depth === 2 && tag.name === 'row') {
      pending.push({ line: parser.line, attrs: tag.attributes as Record<string, string> });
    }
  });
  parser.on('closetag', () => {
    depth--;
  });
  // Every dump file opens with a byte-order mark: the decoder drops it.
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let bytes = 0;
  const stream = createReadStream(file, { highWaterMark: 256 * 1024 });
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      bytes += chunk.length;
      let text: string;
      try {
        text = decoder.decode(chunk, { stream: true });
      } catch {
        throw malformedDump(file, `not UTF-8 text (near byte ${bytes})`);
      }
      parser.write(text);
      if (failure) throw malformedDump(file, failure);
      opts.onProgress?.({ bytes, totalBytes });
      while (pending.length >= batchSize) yield pending.splice(0, batchSize);
    }
    parser.close();
    if (failure) throw malformedDump(file, failure);
    if (!sawRoot) throw malformedDump(file, `no <${root}> element`);
    if (pending.length) {
      const last = pending;
      pending = [];
      yield last;
    }
  } finally {
    stream.destroy();
  }
}
