// `node --import tsx scripts/generate-stackexchange-dump.ts <out-dir> [--scale 100] [--seed 1]`
//
// Writes a made-up Stack Exchange data dump in the dump's own format (UTF-8
// with a byte-order mark, CRLF, one `<row … />` per line, times as UTC
// without a zone, Users/Posts/Comments/Votes/Tags.xml) shaped like
// bicycles.meta.stackexchange.com — `--scale` times its rows (100: 255,100
// users, 45,300 questions, 97,100 answers, 244,800 comments, 567,100 votes)
// over the same thirteen years — to measure `npm run import` on a large
// dump (docs/import.md). Deterministic: the same arguments write the same
// bytes. Users 1–5 answer a third of the questions (give them as --staff).
// Rows are written as they are made, except that posts and comments are
// numbered in time order, as Stack Exchange numbers them, which needs their
// times (not their text) in memory first.
import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { scale: { type: 'string', default: '100' }, seed: { type: 'string', default: '1' } },
});
const out = positionals[0];
if (!out) {
  console.error('usage: node --import tsx scripts/generate-stackexchange-dump.ts <out-dir> [--scale 100] [--seed 1]');
  process.exit(2);
}
const scale = Number(values.scale);
let seed = Number(values.seed) | 0;
/** mulberry32: small, fast, deterministic. */
function rnd(): number {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const int = (n: number) => Math.floor(rnd() * n);
const pick = <T>(xs: readonly T[]) => xs[int(xs.length)]!;

const START = Date.parse('2010-08-25T19:50:51.187Z');
const END = Date.parse('2023-08-09T14:46:43.017Z');
const USERS = Math.round(2551 * scale);
const QUESTIONS = Math.round(453 * scale);
const ANSWERS = Math.round(971 * scale);
const COMMENTS = Math.round(2448 * scale);
const VOTES = Math.round(5671 * scale);
const TAGS = [
  'discussion',
  'feature-request',
  'bug',
  'support',
  'tags',
  'moderation',
  'faq',
  'status-completed',
  'status-declined',
  'chat',
];
const WORDS =
  'wheel brake chain gear frame saddle tyre tube spoke hub crank pedal derailleur cassette bearing headset fork shifter cable rim valve pump ride commute road trail mountain touring question answer tag close reopen edit site community meta moderator'.split(
    ' ',
  );

const time = (ms: number) => new Date(ms).toISOString().slice(0, 23);
const esc = (s: string) => s.replace(/[&<>"\n]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', '\n': '&#xA;' })[c]!);
const sentence = (n: number) => {
  const w = Array.from({ length: n }, () => pick(WORDS));
  return `${w[0]![0]!.toUpperCase()}${w.join(' ').slice(1)}.`;
};
/** A post body as Stack Exchange stores it: HTML, now and then a link, a list or a code block. */
function body(): string {
  const parts: string[] = [];
  for (let p = 1 + int(4); p > 0; p--) parts.push(`<p>${sentence(8 + int(30))}</p>`);
  if (rnd() < 0.3) parts.push(`<p>See <a href="https://bicycles.stackexchange.com/questions/${1 + int(90000)}">this question</a>.</p>`);
  if (rnd() < 0.15) parts.push(`<ul>\n<li>${sentence(5)}</li>\n<li>${sentence(6)}</li>\n</ul>`);
  if (rnd() < 0.1) parts.push(`<pre><code>torque = ${int(60)} Nm &amp;&amp; check &lt;bolts&gt;\n</code></pre>`);
  if (rnd() < 0.05) parts.push(`<p><img src="https://i.stack.imgur.com/${int(1e6)}.png" alt="photo"></p>`);
  return parts.join('\n');
}

mkdirSync(out, { recursive: true });
function file(name: string, root: string, rows: (emit: (attrs: Record<string, string | number | undefined>) => void) => void) {
  const fd = openSync(join(out!, name), 'w');
  let buf = `\uFEFF<?xml version="1.0" encoding="utf-8"?>\r\n<${root}>\r\n`;
  const flush = () => {
    writeSync(fd, buf);
    buf = '';
  };
  rows((attrs) => {
    const a = Object.entries(attrs)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `${k}="${esc(String(v))}"`)
      .join(' ');
    buf += `  <row ${a} />\r\n`;
    if (buf.length > 1 << 20) flush();
  });
  buf += `</${root}>`;
  flush();
  closeSync(fd);
}

// Who writes: users 1–5 answer a third of the questions; the rest spread out (a few very active).
const author = () => (rnd() < 0.5 ? 1 + int(Math.min(USERS, 400)) : 1 + int(USERS));
const answerer = () => (rnd() < 0.33 ? 1 + int(5) : author());

file('Users.xml', 'users', (emit) => {
  emit({ Id: -1, Reputation: 1, CreationDate: time(START - 6e6), DisplayName: 'Community', AccountId: -1 });
  for (let id = 1; id < USERS; id++) {
    emit({
      Id: id,
      Reputation: 1 + int(5000),
      CreationDate: time(START + ((END - START) * id) / USERS),
      DisplayName: `${pick(WORDS)}${pick(WORDS)}${id}`,
      LastAccessDate: time(END),
      Location: rnd() < 0.3 ? 'Somewhere' : undefined,
      Views: int(500),
      UpVotes: int(100),
      DownVotes: int(10),
      AccountId: 100000 + id,
    });
  }
});

// Posts: questions spread over the years, answers after them (minutes to months), numbered in time order.
type PostStub = { t: number; type: 1 | 2; q: number; owner: number | null };
const stubs: PostStub[] = [];
const qTimes = Array.from({ length: QUESTIONS }, () => START + rnd() * (END - START)).sort((a, b) => a - b);
qTimes.forEach((t, q) => stubs.push({ t, type: 1, q, owner: rnd() < 0.03 ? null : author() }));
for (let a = 0; a < ANSWERS; a++) {
  const q = int(QUESTIONS);
  const delay = Math.exp(4 + rnd() * 13); // 55 ms … 24 days, log-uniform
  stubs.push({ t: Math.min(END, qTimes[q]! + delay), type: 2, q, owner: rnd() < 0.03 ? null : answerer() });
}
stubs.sort((x, y) => x.t - y.t || x.type - y.type);
const qId = new Int32Array(QUESTIONS);
const postIdOf: number[] = [];
stubs.forEach((s, i) => {
  if (s.type === 1) qId[s.q] = i + 1;
  postIdOf.push(i + 1);
});
// Accepted: the first answer of about a third of the questions with answers.
const firstAnswer = new Int32Array(QUESTIONS);
stubs.forEach((s, i) => {
  if (s.type === 2 && !firstAnswer[s.q]) firstAnswer[s.q] = i + 1;
});
file('Posts.xml', 'posts', (emit) => {
  stubs.forEach((s, i) => {
    const id = i + 1;
    const owner = s.owner === null ? { OwnerDisplayName: `user${int(99999)}` } : { OwnerUserId: s.owner };
    const common = {
      CreationDate: time(s.t),
      Score: int(10) - 2,
      Body: body(),
      ...owner,
      ContentLicense: s.t < 1.52e12 ? 'CC BY-SA 3.0' : 'CC BY-SA 4.0',
    };
    if (s.type === 1) {
      const accepted = firstAnswer[s.q] && rnd() < 0.35 ? firstAnswer[s.q] : undefined;
      const tags = Array.from(new Set([pick(TAGS), pick(TAGS)]));
      emit({
        Id: id,
        PostTypeId: 1,
        AcceptedAnswerId: accepted,
        ...common,
        ViewCount: int(1000),
        Title: sentence(4 + int(8)),
        Tags: `|${tags.join('|')}|`,
        AnswerCount: 0,
      });
    } else {
      emit({ Id: id, PostTypeId: 2, ParentId: qId[s.q], ...common });
    }
  });
});

// Comments: on a post, after it; numbered in time order.
const comments = Array.from({ length: COMMENTS }, () => {
  const p = int(stubs.length);
  return { t: Math.min(END, stubs[p]!.t + Math.exp(5 + rnd() * 12)), post: p + 1 };
}).sort((x, y) => x.t - y.t);
file('Comments.xml', 'comments', (emit) => {
  comments.forEach((c, i) => {
    const user = rnd() < 0.03 ? { UserDisplayName: `user${int(99999)}` } : { UserId: rnd() < 0.2 ? 1 + int(5) : author() };
    emit({
      Id: i + 1,
      PostId: c.post,
      Score: int(3),
      Text: sentence(5 + int(25)),
      CreationDate: time(c.t),
      ...user,
      ContentLicense: 'CC BY-SA 4.0',
    });
  });
});

// Votes: mostly up-votes on existing posts (some on deleted ones), dates only.
file('Votes.xml', 'votes', (emit) => {
  for (let id = 1; id <= VOTES; id++) {
    const r = rnd();
    const type = r < 0.9 ? 2 : r < 0.95 ? 3 : r < 0.98 ? 1 : pick([6, 10, 15, 16]);
    const post = rnd() < 0.03 ? stubs.length + 1 + int(1000) : 1 + int(stubs.length);
    const t = post <= stubs.length ? stubs[post - 1]!.t + rnd() * 86_400_000 * 30 : START + rnd() * (END - START);
    emit({ Id: id, PostId: post, VoteTypeId: type, CreationDate: `${new Date(Math.min(t, END)).toISOString().slice(0, 10)}T00:00:00.000` });
  }
});

file('Tags.xml', 'tags', (emit) => {
  TAGS.forEach((name, i) => emit({ Id: i + 1, TagName: name, Count: Math.round(QUESTIONS / 5) }));
});
console.log(`Wrote ${out}: ${USERS} users, ${QUESTIONS} questions, ${ANSWERS} answers, ${COMMENTS} comments, ${VOTES} votes.`);
