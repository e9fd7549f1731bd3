import type { IssueStatus } from '@kakera/contracts';
import type { MailLocale } from '../shared/mailer.ts';

/**
 * The words of notification e-mail, in the three languages of the site. The
 * web app words the same notifications with its own catalogue
 * (apps/web/messages, `notification_*`, via apps/web/src/lib/i18n/notifications.ts);
 * these sentences are the same ones, kept here because the server sends mail
 * without the web app. A test checks every language words every kind.
 */

type Data = Record<string, unknown>;
const str = (v: unknown): string => (typeof v === 'string' || typeof v === 'number' ? String(v) : '');

type Wording = (d: Data, status: (s: string) => string) => string;

export interface NotificationMailTexts {
  /** By kind (NotificationKind); a kind without wording reads as `generic` (a test checks there is none). */
  kinds: Record<string, Wording>;
  generic: string;
  status: Record<IssueStatus, string>;
  open: string;
  summarySubject: (count: number) => string;
  summaryIntro: string;
  why: string;
  settings: string;
  unsubscribe: string;
}

export const NOTIFICATION_MAIL_TEXTS: Record<MailLocale, NotificationMailTexts> = {
  en: {
    kinds: {
      'issue.status_changed': (d, status) => `${str(d.key)} “${str(d.title)}” is now ${status(str(d.to))}`,
      'issue.adopted': (d) => `Your idea was adopted as ${str(d.key)}: +${str(d.points)} points`,
      'thread.replied': (d) => `${str(d.name)} replied to “${str(d.title)}”`,
      'thread.staff_answered': (d) => `Staff answered “${str(d.title)}”`,
      'answer.accepted': (d) => `Your answer in “${str(d.title)}” was accepted`,
      mention: (d) => `${str(d.name)} mentioned you in “${str(d.title)}”`,
      'escalation.received': (d) => `${str(d.from)} escalated to you: ${str(d.note)}`,
      'rank.level_up': (d) => `You reached level ${str(d.level)}`,
      'rank.badge': (d) => `You earned a badge: ${str(d.badge)}`,
    },
    generic: 'Something new for you',
    status: {
      new: 'New',
      triaged: 'Triaged',
      planned: 'Planned',
      in_progress: 'In progress',
      fixed: 'Fixed',
      released: 'Released',
      wont_fix: 'Won’t fix',
      duplicate: 'Duplicate',
      cannot_reproduce: 'Cannot reproduce',
    },
    open: 'Open in Kakera',
    summarySubject: (count) => (count === 1 ? 'Your Kakera summary: 1 notification' : `Your Kakera summary: ${count} notifications`),
    summaryIntro: 'What happened since your last summary:',
    why: 'You get this e-mail because of your notification settings.',
    settings: 'E-mail settings',
    unsubscribe: 'Stop these e-mails',
  },
  ja: {
    kinds: {
      'issue.status_changed': (d, status) => `${str(d.key)}「${str(d.title)}」が「${status(str(d.to))}」になりました`,
      'issue.adopted': (d) => `あなたのアイデアが ${str(d.key)} として採用されました（+${str(d.points)} ポイント）`,
      'thread.replied': (d) => `${str(d.name)}さんが「${str(d.title)}」に返信しました`,
      'thread.staff_answered': (d) => `スタッフが「${str(d.title)}」に回答しました`,
      'answer.accepted': (d) => `「${str(d.title)}」でのあなたの回答が解決策に選ばれました`,
      mention: (d) => `${str(d.name)}さんが「${str(d.title)}」であなたをメンションしました`,
      'escalation.received': (d) => `${str(d.from)}さんからのエスカレーション：${str(d.note)}`,
      'rank.level_up': (d) => `レベル ${str(d.level)} になりました`,
      'rank.badge': (d) => `バッジを獲得しました：${str(d.badge)}`,
    },
    generic: '新しいお知らせがあります',
    status: {
      new: '新規',
      triaged: 'トリアージ済み',
      planned: '予定',
      in_progress: '対応中',
      fixed: '修正済み',
      released: 'リリース済み',
      wont_fix: '対応しない',
      duplicate: '重複',
      cannot_reproduce: '再現できず',
    },
    open: 'Kakera で開く',
    summarySubject: (count) => `Kakera のまとめ：お知らせ ${count} 件`,
    summaryIntro: '前回のまとめ以降のお知らせ：',
    why: '通知設定に基づいてこのメールをお送りしています。',
    settings: 'メールの設定',
    unsubscribe: 'このメールの配信を停止',
  },
  'zh-CN': {
    kinds: {
      'issue.status_changed': (d, status) => `${str(d.key)}“${str(d.title)}”的状态已变为：${status(str(d.to))}`,
      'issue.adopted': (d) => `你的建议已被采纳为 ${str(d.key)}：+${str(d.points)} 积分`,
      'thread.replied': (d) => `${str(d.name)} 回复了“${str(d.title)}”`,
      'thread.staff_answered': (d) => `官方已回复“${str(d.title)}”`,
      'answer.accepted': (d) => `你在“${str(d.title)}”中的回答被采纳为解决方案`,
      mention: (d) => `${str(d.name)} 在“${str(d.title)}”中提到了你`,
      'escalation.received': (d) => `${str(d.from)} 向你升级了一个事项：${str(d.note)}`,
      'rank.level_up': (d) => `你升到了 ${str(d.level)} 级`,
      'rank.badge': (d) => `你获得了一枚徽章：${str(d.badge)}`,
    },
    generic: '你有新的通知',
    status: {
      new: '新建',
      triaged: '已分诊',
      planned: '已计划',
      in_progress: '处理中',
      fixed: '已修复',
      released: '已发布',
      wont_fix: '不予修复',
      duplicate: '重复',
      cannot_reproduce: '无法复现',
    },
    open: '在 Kakera 中打开',
    summarySubject: (count) => `Kakera 通知汇总：${count} 条新通知`,
    summaryIntro: '自上次汇总以来的通知：',
    why: '根据你的通知设置，我们向你发送了这封邮件。',
    settings: '邮件设置',
    unsubscribe: '停止接收此类邮件',
  },
};

/** One notification in one language. */
export function notificationMailText(locale: MailLocale, n: { kind: string; data: unknown }): string {
  const t = NOTIFICATION_MAIL_TEXTS[locale];
  const word: Wording | undefined = Object.hasOwn(t.kinds, n.kind) ? t.kinds[n.kind] : undefined;
  const status = (s: string) => t.status[s as IssueStatus] ?? s;
  return word ? word((n.data ?? {}) as Data, status) : t.generic;
}
