import { DIGEST_FIGURES, describeDigestChange, type DigestContent, type DigestFigureName, type DigestIssue } from '@kakera/contracts';
import { escapeHtml, mailHtml, mailLink, type MailLocale } from '../shared/mailer.ts';
import { DIGEST_TEXTS } from './digest-email-texts.ts';

/**
 * The digest as words: the e-mail's plain-text and HTML parts, and what
 * `npm run digest` prints. Figures first, each with its change against the
 * day before and the 7-day average (arrow, sign, and in HTML a colour), then
 * the 14-day trend, what needs attention and who did what, with links.
 */

export interface DigestLinks {
  publicUrl: string;
  /** The recipient's unsubscribe page (e-mail only). */
  unsubscribeUrl?: string;
  settingsUrl?: string;
}

const COLORS = { good: '#15803d', bad: '#b91c1c', neutral: '#52525b' } as const;
const ARROWS = { up: '▲', down: '▼', same: '＝' } as const;

export function digestFormat(locale: MailLocale) {
  const t = DIGEST_TEXTS[locale];
  const num = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  const pct = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 });
  const signed = (n: number, s: string) => `${n > 0 ? '+' : n < 0 ? '−' : '±'}${s}`;
  const duration = (seconds: number) => {
    const total = Math.round(Math.abs(seconds));
    return t.duration(Math.floor(total / 60), total % 60);
  };
  const figure = (name: DigestFigureName, v: number | null): string => {
    if (v === null) return '–';
    if (name === 'compliance') return pct.format(v);
    if (name === 'medianFirstResponseSeconds') return duration(v);
    return num.format(v);
  };
  /** "▲ +5", "▼ −2.1 pt", "▲ +12 %" (against an average), or "–". */
  const change = (name: DigestFigureName, current: number | null, base: number | null, against: 'previous' | 'average') => {
    const c = describeDigestChange(name, current, base);
    if (c.direction === null || c.delta === null) return { text: '–', tone: c.tone };
    let amount: string;
    if (name === 'compliance') amount = `${signed(c.delta, num.format(Math.abs(c.delta * 100)))} pt`;
    else if (name === 'medianFirstResponseSeconds') amount = signed(c.delta, duration(c.delta));
    else if (against === 'average' && c.relative !== null) amount = signed(c.delta, pct.format(Math.abs(c.relative)));
    else amount = signed(c.delta, num.format(Math.abs(c.delta)));
    return { text: `${ARROWS[c.direction]} ${amount}`, tone: c.tone };
  };
  const longDate = (date: string) =>
    new Intl.DateTimeFormat(locale, { dateStyle: 'full', timeZone: 'UTC' }).format(new Date(`${date}T12:00:00Z`));
  return { t, num, pct, figure, change, longDate, duration };
}

const BLOCKS = '▁▂▃▄▅▆▇█';
/** A one-line chart of values in [0, max]: missing days as a dot. */
function sparkline(values: (number | null)[], max: number): string {
  return values
    .map((v) => (v === null ? '·' : BLOCKS[Math.min(BLOCKS.length - 1, Math.round((v / (max || 1)) * (BLOCKS.length - 1)))]))
    .join('');
}

const urls = (publicUrl: string) => ({
  digest: (date: string) => `${publicUrl}/digest/${date}`,
  thread: (id: number) => `${publicUrl}/t/${id}`,
  issue: (key: string) => `${publicUrl}/issues/${encodeURIComponent(key)}`,
  category: (slug: string) => `${publicUrl}/c/${encodeURIComponent(slug)}`,
  staff: (id: number, date: string) => `${publicUrl}/staff/stats?staffId=${id}&from=${date}&to=${date}`,
});

export function digestSubject(d: DigestContent, locale: MailLocale): string {
  const f = digestFormat(locale);
  return f.t.subject({
    date: d.date,
    compliance: f.figure('compliance', d.figures.compliance),
    posts: f.num.format(d.figures.newPosts),
    escalations: d.openEscalations,
  });
}

/** The plain-text digest (the e-mail's text part; `npm run digest` prints it). */
export function renderDigestText(d: DigestContent, locale: MailLocale, links: DigestLinks): string {
  const f = digestFormat(locale);
  const { t } = f;
  const u = urls(links.publicUrl);
  const out: string[] = [];
  const section = (title: string) => out.push('', title, '-'.repeat(Math.min(40, title.length * 2)));
  out.push(`${t.title} — ${f.longDate(d.date)} (${d.timeZone})`, u.digest(d.date));

  out.push('');
  for (const name of DIGEST_FIGURES) {
    const c = d.changes[name];
    const prev = f.change(name, d.figures[name], c.previous, 'previous').text;
    const avg = f.change(name, d.figures[name], c.average7, 'average').text;
    out.push(`${t.figures[name]}: ${f.figure(name, d.figures[name])}  (${t.vsDayBefore} ${prev} · ${t.vs7Days} ${avg})`);
  }

  section(t.trend);
  const last = d.trend[d.trend.length - 1];
  out.push(
    `${t.complianceTrend}  ${sparkline(
      d.trend.map((x) => x.compliance),
      1,
    )}  ${f.figure('compliance', last?.compliance ?? null)}`,
  );
  out.push(
    `${t.postsTrend}  ${sparkline(
      d.trend.map((x) => x.newPosts),
      Math.max(...d.trend.map((x) => x.newPosts)),
    )}  ${f.num.format(last?.newPosts ?? 0)}`,
  );

  section(t.escalations(d.openEscalations));
  if (!d.escalations.length) out.push(t.none);
  for (const e of d.escalations) {
    const what = e.issue ? `${e.issue.key} ${e.issue.title}` : (e.thread?.title ?? '');
    const href = e.issue ? u.issue(e.issue.key) : e.thread ? u.thread(e.thread.id) : '';
    out.push(`- ${what} — ${t.escalationLine({ to: e.to.name, from: e.from.name })}: ${e.note.replace(/\s+/g, ' ')}`, `  ${href}`);
  }
  if (d.openEscalations > d.escalations.length) out.push(`  ${t.more(d.openEscalations - d.escalations.length)}`);

  section(t.topIssues);
  if (!d.topIssues.length) out.push(t.none);
  for (const i of d.topIssues)
    out.push(`- ${i.key} ${i.title} ${t.votes({ newVotes: i.newVotes, total: i.voteCount })}`, `  ${u.issue(i.key)}`);

  for (const [title, list, count] of [
    [t.promoted, d.issues.promoted, d.issues.counts.promoted],
    [t.fixed, d.issues.fixed, d.issues.counts.fixed],
    [t.released, d.issues.released, d.issues.counts.released],
  ] as [string, DigestIssue[], number][]) {
    section(`${title} (${count})`);
    if (!list.length) out.push(t.none);
    for (const i of list) out.push(`- ${i.key} ${i.title}`, `  ${u.issue(i.key)}`);
    if (count > list.length) out.push(`  ${t.more(count - list.length)}`);
  }

  section(t.hottest);
  if (!d.hottestThreads.length) out.push(t.none);
  for (const th of d.hottestThreads) {
    out.push(`- ${th.title} (${th.category.name}) — ${t.threadLine({ posts: th.newPosts, people: th.people })}`, `  ${u.thread(th.id)}`);
  }

  section(t.worstCategories);
  if (!d.worstCategories.length) out.push(t.none);
  for (const c of d.worstCategories) {
    out.push(`- ${c.name}: ${f.figure('compliance', c.compliance)} (${t.categoryLine({ breached: c.breached, of: c.met + c.breached })})`);
  }

  section(t.staff);
  const people = (list: DigestContent['staff']['mostAnswers'], what: (s: (typeof list)[number]) => string) =>
    list.length ? list.map((s) => `${s.name} ${what(s)}`).join(', ') : t.none;
  out.push(`${t.mostAnswers}: ${people(d.staff.mostAnswers, (s) => `(${t.answers(s.answers)})`)}`);
  out.push(`${t.slowestMedian}: ${people(d.staff.slowestMedian, (s) => `(${f.figure('medianFirstResponseSeconds', s.medianSeconds)})`)}`);

  if (links.unsubscribeUrl || links.settingsUrl) {
    out.push('', '-- ', t.why);
    if (links.settingsUrl) out.push(`${t.settings}: ${links.settingsUrl}`);
    if (links.unsubscribeUrl) out.push(`${t.unsubscribe}: ${links.unsubscribeUrl}`);
  }
  return `${out.join('\n')}\n`;
}

/** The HTML digest (the e-mail's HTML part): inline styles, tables for layout, bars of table cells (no images, no scripts). */
export function renderDigestHtml(d: DigestContent, locale: MailLocale, links: DigestLinks): string {
  const f = digestFormat(locale);
  const { t } = f;
  const u = urls(links.publicUrl);
  const h = (title: string) => `<h2 style="font-size:16px;margin:24px 0 8px">${escapeHtml(title)}</h2>`;
  const list = (items: string[]) =>
    items.length
      ? `<ul style="margin:0;padding-left:20px">${items.map((i) => `<li style="margin:0 0 6px">${i}</li>`).join('')}</ul>`
      : `<p style="margin:0;color:#52525b">${escapeHtml(t.none)}</p>`;
  const muted = (s: string) => `<span style="color:#52525b">${escapeHtml(s)}</span>`;
  const parts: string[] = [];

  parts.push(
    `<h1 style="font-size:20px;margin:0 0 4px">${escapeHtml(t.title)}</h1>`,
    `<p style="margin:0 0 16px;color:#52525b">${escapeHtml(f.longDate(d.date))} (${escapeHtml(d.timeZone)}) · ${mailLink(u.digest(d.date), t.openOnWeb)}</p>`,
  );

  const rows = DIGEST_FIGURES.map((name) => {
    const c = d.changes[name];
    const prev = f.change(name, d.figures[name], c.previous, 'previous');
    const avg = f.change(name, d.figures[name], c.average7, 'average');
    const chip = (x: { text: string; tone: keyof typeof COLORS }, label: string) =>
      `<span style="color:${COLORS[x.tone]};white-space:nowrap">${escapeHtml(x.text)}</span> <span style="color:#71717a">${escapeHtml(label)}</span>`;
    return `<tr><td style="padding:8px 0;border-bottom:1px solid #e4e4e7">${escapeHtml(t.figures[name])}<br><span style="font-size:13px">${chip(prev, t.vsDayBefore)} · ${chip(avg, t.vs7Days)}</span></td>
<td style="padding:8px 0;border-bottom:1px solid #e4e4e7;text-align:right;font-size:22px;font-weight:700;white-space:nowrap">${escapeHtml(f.figure(name, d.figures[name]))}</td></tr>`;
  });
  parts.push(
    `<table role="presentation" width="100%" cellspacing="0" cellpadding="0" style="border-collapse:collapse">${rows.join('')}</table>`,
  );

  const bars = (title: string, values: (number | null)[], max: number, color: (v: number) => string, label: string) => {
    const cells = values
      .map((v, i) => {
        const height = v === null ? 0 : Math.max(2, Math.round((v / (max || 1)) * 40));
        const tip = `${d.trend[i]!.date}: ${v === null ? '–' : title === t.complianceTrend ? f.figure('compliance', v) : f.num.format(v)}`;
        return `<td valign="bottom" title="${escapeHtml(tip)}" style="padding:0 1px;height:40px"><div style="height:${height}px;background:${v === null ? '#e4e4e7' : color(v)};line-height:0;font-size:0">&nbsp;</div></td>`;
      })
      .join('');
    return `<p style="margin:12px 0 4px;font-size:13px">${escapeHtml(title)} ${muted(label)}</p><table role="presentation" width="100%" cellspacing="0" cellpadding="0" style="table-layout:fixed"><tr>${cells}</tr></table>`;
  };
  parts.push(
    h(t.trend),
    bars(
      t.complianceTrend,
      d.trend.map((x) => x.compliance),
      1,
      (v) => (v < 0.9 ? '#c2410c' : '#15803d'),
      f.figure('compliance', d.figures.compliance),
    ),
    bars(
      t.postsTrend,
      d.trend.map((x) => x.newPosts),
      Math.max(...d.trend.map((x) => x.newPosts)),
      () => '#2563eb',
      f.num.format(d.figures.newPosts),
    ),
  );

  parts.push(
    h(t.escalations(d.openEscalations)),
    list(
      d.escalations.map((e) => {
        const link = e.issue
          ? mailLink(u.issue(e.issue.key), `${e.issue.key} ${e.issue.title}`)
          : e.thread
            ? mailLink(u.thread(e.thread.id), e.thread.title)
            : '';
        return `${link} ${muted(`— ${t.escalationLine({ to: e.to.name, from: e.from.name })}`)}<br>${escapeHtml(e.note)}`;
      }),
    ),
  );
  const issueItem = (i: DigestIssue, extra = '') => `${mailLink(u.issue(i.key), `${i.key} ${i.title}`)}${extra}`;
  parts.push(
    h(t.topIssues),
    list(d.topIssues.map((i) => issueItem(i, ` ${muted(t.votes({ newVotes: i.newVotes, total: i.voteCount }))}`))),
  );
  for (const [title, items, count] of [
    [t.promoted, d.issues.promoted, d.issues.counts.promoted],
    [t.fixed, d.issues.fixed, d.issues.counts.fixed],
    [t.released, d.issues.released, d.issues.counts.released],
  ] as [string, DigestIssue[], number][]) {
    parts.push(h(`${title} (${count})`), list(items.map((i) => issueItem(i))));
  }
  parts.push(
    h(t.hottest),
    list(
      d.hottestThreads.map(
        (th) =>
          `${mailLink(u.thread(th.id), th.title)} ${muted(`(${th.category.name}) — ${t.threadLine({ posts: th.newPosts, people: th.people })}`)}`,
      ),
    ),
    h(t.worstCategories),
    list(
      d.worstCategories.map(
        (c) =>
          `${mailLink(u.category(c.slug), c.name)}: <b style="color:${COLORS.bad}">${escapeHtml(f.figure('compliance', c.compliance))}</b> ${muted(`(${t.categoryLine({ breached: c.breached, of: c.met + c.breached })})`)}`,
      ),
    ),
    h(t.staff),
    `<p style="margin:0 0 6px">${escapeHtml(t.mostAnswers)}: ${
      d.staff.mostAnswers.map((s) => `${mailLink(u.staff(s.id, d.date), s.name)} ${muted(`(${t.answers(s.answers)})`)}`).join(', ') ||
      escapeHtml(t.none)
    }</p>`,
    `<p style="margin:0">${escapeHtml(t.slowestMedian)}: ${
      d.staff.slowestMedian
        .map((s) => `${mailLink(u.staff(s.id, d.date), s.name)} ${muted(`(${f.figure('medianFirstResponseSeconds', s.medianSeconds)})`)}`)
        .join(', ') || escapeHtml(t.none)
    }</p>`,
  );

  const footer = [
    escapeHtml(t.why),
    links.settingsUrl ? mailLink(links.settingsUrl, t.settings, 'color:#52525b') : '',
    links.unsubscribeUrl ? mailLink(links.unsubscribeUrl, t.unsubscribe, 'color:#52525b') : '',
  ]
    .filter(Boolean)
    .join(' · ');
  return mailHtml(locale, digestSubject(d, locale), parts.join('\n'), footer);
}
