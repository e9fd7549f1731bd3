import type { ImportProgress, ImportSummary } from '@kakera/core';

/**
 * What `npm run import` shows while it works: on a terminal, one line per
 * phase redrawn in place — a bar, counts, rate and time left; elsewhere
 * (a log, CI) plain lines, at most one every few seconds per phase and one
 * when it ends. Then the summary table.
 */

const int = (n: number) => Math.round(n).toLocaleString('en-US');
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

export function duration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?';
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return h ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

export function bar(fraction: number, width = 24): string {
  const f = Math.min(1, Math.max(0, fraction));
  const full = Math.floor(f * width);
  return `▕${'█'.repeat(full)}${'░'.repeat(width - full)}▏`;
}

const LABEL: Record<ImportProgress['phase'], string> = {
  users: 'Users.xml',
  posts: 'Posts.xml',
  comments: 'Comments.xml',
  votes: 'Votes.xml',
  tags: 'Tags.xml',
  replay: 'replay',
  likes: 'likes',
};

/** One progress line: `seconds` since the phase began. */
export function progressLine(p: ImportProgress, seconds: number, tty: boolean): string {
  // Reading a file: its bytes tell how far along it is; replaying: the rows.
  const [done, total, unit] = p.bytes && p.bytes.total > 0 ? [p.bytes.read, p.bytes.total, 'bytes'] : [p.done, p.total ?? 0, 'rows'];
  const fraction = total > 0 ? done / total : 0;
  const rowRate = seconds > 0 ? p.done / seconds : 0;
  const left = fraction > 0 && fraction < 1 ? (seconds / fraction) * (1 - fraction) : 0;
  const counts = p.total !== null && unit === 'rows' ? `${int(p.done)}/${int(p.total)} rows` : `${int(p.done)} rows`;
  const size = unit === 'bytes' ? `, ${mb(done)} of ${mb(total)}` : '';
  const rate = `${int(rowRate)} rows/s`;
  const eta = fraction >= 1 ? `done in ${duration(seconds)}` : `${duration(left)} left`;
  const label = LABEL[p.phase].padEnd(12);
  if (tty) return `${label} ${bar(fraction)} ${String(Math.floor(fraction * 100)).padStart(3)}%  ${counts}${size}  ${rate}  ${eta}`;
  return `${LABEL[p.phase]}: ${counts}${size} (${Math.floor(fraction * 100)}%), ${rate}, ${eta}`;
}

export interface ProgressOutput {
  write(text: string): void;
  isTTY: boolean;
}

/** A progress listener for importStackExchange; `now` in milliseconds. */
export function progressReporter(out: ProgressOutput, now: () => number = () => performance.now(), everyMs = 5000) {
  let phase: ImportProgress['phase'] | null = null;
  let started = 0;
  let lastPrinted = 0;
  let lastLine = '';
  const finish = () => {
    if (out.isTTY && lastLine) out.write('\n');
    lastLine = '';
  };
  return {
    onProgress(p: ImportProgress) {
      const t = now();
      if (p.phase !== phase) {
        finish();
        phase = p.phase;
        started = t;
        lastPrinted = 0;
      }
      const complete = p.total !== null && p.done >= p.total && (!p.bytes || p.bytes.read >= p.bytes.total);
      const line = progressLine(p, (t - started) / 1000, out.isTTY);
      if (out.isTTY) {
        out.write(`\r${line}\x1b[K`);
        lastLine = line;
      } else if (complete || t - lastPrinted >= everyMs) {
        out.write(`${line}\n`);
        lastPrinted = t;
      }
    },
    finish,
  };
}

export function summaryText(s: ImportSummary, seconds: number): string {
  const lines: string[] = [];
  lines.push(
    `Imported ${s.site} into the category "${s.category.slug}" (id ${s.category.id}${s.category.created ? ', created' : ''}) in ${duration(seconds)}.`,
    '',
  );
  const rows = [['file', 'read', 'imported', 'already', 'skipped']];
  for (const f of s.files) {
    const skipped = Object.values(f.skipped).reduce((a, b) => a + b, 0);
    rows.push([f.file, int(f.read), int(f.imported), int(f.alreadyImported), int(skipped)]);
  }
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  for (const r of rows) lines.push(r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  '));
  const reasons = s.files.flatMap((f) => Object.entries(f.skipped).map(([why, n]) => `  ${f.file}: ${int(n)} ${why}`));
  if (reasons.length) lines.push('', 'Skipped:', ...reasons);
  lines.push(
    '',
    `This run: ${int(s.threads)} threads, ${int(s.replies)} replies (${int(s.accepted)} accepted answers), ${int(s.likes)} likes.`,
    `Obligations already past, marked announced without events: ${int(s.silencedObligations)}.`,
  );
  if (s.retimed) lines.push(`Replayed at their parent's time (older than it in the dump): ${int(s.retimed)}.`);
  for (const w of s.warnings) lines.push(`Warning: ${w}`);
  return `${lines.join('\n')}\n`;
}
