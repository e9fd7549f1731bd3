import { describe, expect, it } from 'vitest';
import { DIGEST_FIGURES, type DigestContent } from '@kakera/contracts';
import { digestSubject, renderDigestHtml, renderDigestText } from './render-digest-email.ts';
import { DIGEST_TEXTS } from './digest-email-texts.ts';

const zero = { previous: 0, average7: 0 };
const fixture: DigestContent = {
  date: '2026-11-20',
  timeZone: 'Asia/Tokyo',
  figures: {
    newThreads: 42,
    newPosts: 1234,
    activeFans: 310,
    staffResponses: 97,
    obligations: 80,
    met: 72,
    breached: 8,
    compliance: 0.9,
    medianFirstResponseSeconds: 252,
    resolved: 31,
  },
  sla: {
    obligations: 80,
    met: 72,
    breached: 8,
    noResponseNeeded: 0,
    open: 0,
    compliance: 0.9,
    medianSeconds: 252,
    p90Seconds: 700,
    resolved: 31,
    resolutionRate: 31 / 80,
  },
  changes: {
    ...(Object.fromEntries(DIGEST_FIGURES.map((k) => [k, zero])) as DigestContent['changes']),
    newThreads: { previous: 37, average7: 40 },
    breached: { previous: 4, average7: 8 },
    compliance: { previous: 0.95, average7: 0.9 },
    medianFirstResponseSeconds: { previous: 300, average7: null },
  },
  trend: Array.from({ length: 14 }, (_, i) => ({
    date: `2026-11-${String(7 + i).padStart(2, '0')}`,
    newThreads: i,
    newPosts: 100 + i,
    obligations: 10,
    met: 9,
    breached: 1,
    compliance: i === 3 ? null : 0.9,
  })),
  topIssues: [{ key: 'KAK-7', title: 'Battery <drain>', type: 'bug', status: 'triaged', voteCount: 120, newVotes: 14 }],
  issues: {
    promoted: [{ key: 'KAK-9', title: 'Dark mode', type: 'feature', status: 'new', voteCount: 1 }],
    fixed: [],
    released: [],
    counts: { promoted: 1, fixed: 0, released: 0 },
  },
  openEscalations: 1,
  escalations: [
    {
      id: 3,
      thread: { id: 55, title: 'Phone bricked after update' },
      issue: null,
      from: { id: 2, name: 'Aiko' },
      to: { id: 9, name: 'Kenji' },
      note: 'Press is asking',
      createdAt: '2026-11-20T01:00:00.000Z',
    },
  ],
  hottestThreads: [
    { id: 55, title: 'Phone bricked after update', category: { id: 1, slug: 'help', name: 'Help' }, newPosts: 48, people: 12 },
  ],
  worstCategories: [{ id: 1, slug: 'help', name: 'Help', obligations: 20, met: 14, breached: 6, compliance: 0.7, medianSeconds: 600 }],
  staff: {
    mostAnswers: [{ id: 2, name: 'Aiko', answers: 30, met: 29, medianSeconds: 200 }],
    slowestMedian: [{ id: 4, name: 'Sam', answers: 5, met: 2, medianSeconds: 1260 }],
  },
};
const links = {
  publicUrl: 'https://forum.example',
  settingsUrl: 'https://forum.example/settings/notifications',
  unsubscribeUrl: 'https://forum.example/unsubscribe?token=t&list=digest',
};

describe('the digest as text (e-mail text part, npm run digest)', () => {
  const text = renderDigestText(fixture, 'en', links);

  it('starts with the headline figures, each with its change against the day before and the 7-day average', () => {
    const lines = text.split('\n');
    expect(lines[0]).toBe('Kakera daily digest — Friday, November 20, 2026 (Asia/Tokyo)');
    expect(lines[1]).toBe('https://forum.example/digest/2026-11-20');
    expect(text).toContain('New threads: 42  (vs day before ▲ +5 · vs 7-day avg ▲ +5%)');
    expect(text).toContain('New posts: 1,234');
    expect(text).toContain('Breached: 8  (vs day before ▲ +4 · vs 7-day avg ＝ ±0%)');
    expect(text).toContain('Compliance: 90%  (vs day before ▼ −5 pt · vs 7-day avg ＝ ±0 pt)');
    expect(text).toContain('Median first response: 4 min 12 s  (vs day before ▼ −48 s · vs 7-day avg –)');
  });

  it('draws the 14-day trend and lists what needs attention, with links', () => {
    expect(text).toMatch(/Compliance {2}[▁▂▃▄▅▆▇█·]{14} {2}90%/);
    expect(text).toContain('- Phone bricked after update — to Kenji, from Aiko: Press is asking\n  https://forum.example/t/55');
    expect(text).toContain('- KAK-7 Battery <drain> +14 (120 votes)\n  https://forum.example/issues/KAK-7');
    expect(text).toContain('Promoted (1)');
    expect(text).toContain('- Help: 70% (6 breached of 20)');
    expect(text).toContain('Most answers: Aiko (30 answers)');
    expect(text).toContain('Slowest median: Sam (21 min 0 s)');
    expect(text).toContain(`Stop the daily digest: ${links.unsubscribeUrl}`);
  });

  it('speaks Japanese and Chinese too', () => {
    expect(renderDigestText(fixture, 'ja', links)).toContain(`${DIGEST_TEXTS.ja.figures.newPosts}: 1,234`);
    expect(renderDigestText(fixture, 'zh-CN', links)).toContain(DIGEST_TEXTS['zh-CN'].title);
    expect(digestSubject(fixture, 'en')).toBe('Kakera digest for 2026-11-20: 90% within target, 1,234 new posts, 1 open escalation');
  });
});

describe('the digest as HTML (e-mail HTML part)', () => {
  const html = renderDigestHtml(fixture, 'en', links);
  it('escapes what people wrote, links every thread and issue, colours changes, and has no script', () => {
    expect(html).toContain('Battery &lt;drain&gt;');
    expect(html).not.toContain('<drain>');
    expect(html).toContain('href="https://forum.example/t/55"');
    expect(html).toContain('href="https://forum.example/issues/KAK-7"');
    expect(html).toContain('href="https://forum.example/c/help"');
    expect(html).toContain('color:#b91c1c;white-space:nowrap">▲ +4'); // more breaches: red
    expect(html).toContain('color:#15803d;white-space:nowrap">▲ +5'); // more threads: green
    expect(html).not.toMatch(/<script|<svg|<img/i);
    expect(html.match(/<td valign="bottom"/g)).toHaveLength(28); // two 14-day bar charts
  });
});
