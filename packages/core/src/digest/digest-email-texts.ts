import type { DigestFigureName } from '@kakera/contracts';
import type { MailLocale } from '../shared/mailer.ts';

/**
 * The words of the digest outside the web app — the e-mail (HTML and plain
 * text) and `npm run digest` — in the three languages of the site. The web
 * page's words are apps/web/messages (`digest_*`); these say the same.
 */
export interface DigestTexts {
  title: string;
  subject: (p: { date: string; compliance: string; posts: string; escalations: number }) => string;
  figures: Record<DigestFigureName, string>;
  vsDayBefore: string;
  vs7Days: string;
  trend: string;
  complianceTrend: string;
  postsTrend: string;
  escalations: (n: number) => string;
  escalationLine: (p: { to: string; from: string }) => string;
  topIssues: string;
  votes: (p: { newVotes: number; total: number }) => string;
  promoted: string;
  fixed: string;
  released: string;
  hottest: string;
  threadLine: (p: { posts: number; people: number }) => string;
  worstCategories: string;
  categoryLine: (p: { breached: number; of: number }) => string;
  staff: string;
  mostAnswers: string;
  slowestMedian: string;
  answers: (n: number) => string;
  none: string;
  openOnWeb: string;
  why: string;
  settings: string;
  unsubscribe: string;
  more: (n: number) => string;
  duration: (minutes: number, seconds: number) => string;
}

export const DIGEST_TEXTS: Record<MailLocale, DigestTexts> = {
  en: {
    title: 'Kakera daily digest',
    subject: (p) =>
      `Kakera digest for ${p.date}: ${p.compliance} within target, ${p.posts} new posts` +
      (p.escalations ? `, ${p.escalations} open escalation${p.escalations === 1 ? '' : 's'}` : ''),
    figures: {
      newThreads: 'New threads',
      newPosts: 'New posts',
      activeFans: 'Active fans',
      staffResponses: 'Staff responses',
      obligations: 'Obligations opened',
      met: 'Met within target',
      breached: 'Breached',
      compliance: 'Compliance',
      medianFirstResponseSeconds: 'Median first response',
      resolved: 'Threads resolved',
    },
    vsDayBefore: 'vs day before',
    vs7Days: 'vs 7-day avg',
    trend: 'Last 14 days',
    complianceTrend: 'Compliance',
    postsTrend: 'New posts',
    escalations: (n) => (n === 1 ? '1 open escalation' : `${n} open escalations`),
    escalationLine: (p) => `to ${p.to}, from ${p.from}`,
    topIssues: 'Top issues by new votes',
    votes: (p) => `+${p.newVotes} (${p.total} votes)`,
    promoted: 'Promoted',
    fixed: 'Fixed',
    released: 'Released',
    hottest: 'Hottest threads',
    threadLine: (p) => `${p.posts} posts by ${p.people} ${p.people === 1 ? 'person' : 'people'}`,
    worstCategories: 'Worst compliance',
    categoryLine: (p) => `${p.breached} breached of ${p.of}`,
    staff: 'Staff responsiveness',
    mostAnswers: 'Most answers',
    slowestMedian: 'Slowest median',
    answers: (n) => (n === 1 ? '1 answer' : `${n} answers`),
    none: 'None',
    openOnWeb: 'Open the digest on the web',
    why: 'You get the daily digest because you subscribed to it in your settings.',
    settings: 'E-mail settings',
    unsubscribe: 'Stop the daily digest',
    more: (n) => `and ${n} more`,
    duration: (m, s) => (m ? `${m} min ${s} s` : `${s} s`),
  },
  ja: {
    title: 'Kakera デイリーダイジェスト',
    subject: (p) =>
      `Kakera ダイジェスト ${p.date}：目標内 ${p.compliance}・新規投稿 ${p.posts} 件` +
      (p.escalations ? `・未対応エスカレーション ${p.escalations} 件` : ''),
    figures: {
      newThreads: '新規スレッド',
      newPosts: '新規投稿',
      activeFans: 'アクティブなファン',
      staffResponses: 'スタッフの投稿',
      obligations: '発生した対応義務',
      met: '目標内に対応',
      breached: '超過',
      compliance: '達成率',
      medianFirstResponseSeconds: '初回応答の中央値',
      resolved: '解決したスレッド',
    },
    vsDayBefore: '前日比',
    vs7Days: '7日平均比',
    trend: '過去14日間',
    complianceTrend: '達成率',
    postsTrend: '新規投稿',
    escalations: (n) => `未対応のエスカレーション ${n} 件`,
    escalationLine: (p) => `宛先：${p.to}・送信者：${p.from}`,
    topIssues: '新しい投票が多い課題',
    votes: (p) => `+${p.newVotes}（計 ${p.total} 票）`,
    promoted: '課題化',
    fixed: '修正済み',
    released: 'リリース済み',
    hottest: '盛り上がったスレッド',
    threadLine: (p) => `${p.people} 人による ${p.posts} 件の投稿`,
    worstCategories: '達成率の低いカテゴリ',
    categoryLine: (p) => `${p.of} 件中 ${p.breached} 件超過`,
    staff: 'スタッフの対応',
    mostAnswers: '対応数が多い',
    slowestMedian: '中央値が遅い',
    answers: (n) => `${n} 件対応`,
    none: 'なし',
    openOnWeb: 'ウェブでダイジェストを開く',
    why: '設定でデイリーダイジェストを購読しているため、このメールをお送りしています。',
    settings: 'メールの設定',
    unsubscribe: 'デイリーダイジェストの配信を停止',
    more: (n) => `ほか ${n} 件`,
    duration: (m, s) => (m ? `${m}分${s}秒` : `${s}秒`),
  },
  'zh-CN': {
    title: 'Kakera 每日摘要',
    subject: (p) =>
      `Kakera 每日摘要 ${p.date}：达标率 ${p.compliance}，新帖 ${p.posts} 条` + (p.escalations ? `，待处理升级 ${p.escalations} 项` : ''),
    figures: {
      newThreads: '新主题',
      newPosts: '新帖子',
      activeFans: '活跃粉丝',
      staffResponses: '官方回复',
      obligations: '新增待回复',
      met: '按时回复',
      breached: '超时',
      compliance: '达标率',
      medianFirstResponseSeconds: '首次回复中位数',
      resolved: '已解决主题',
    },
    vsDayBefore: '较前一天',
    vs7Days: '较 7 日平均',
    trend: '最近 14 天',
    complianceTrend: '达标率',
    postsTrend: '新帖子',
    escalations: (n) => `${n} 项待处理的升级`,
    escalationLine: (p) => `给 ${p.to}，来自 ${p.from}`,
    topIssues: '新增投票最多的问题',
    votes: (p) => `+${p.newVotes}（共 ${p.total} 票）`,
    promoted: '已转为问题',
    fixed: '已修复',
    released: '已发布',
    hottest: '最热主题',
    threadLine: (p) => `${p.people} 人发了 ${p.posts} 条帖子`,
    worstCategories: '达标率最低的版块',
    categoryLine: (p) => `${p.of} 项中 ${p.breached} 项超时`,
    staff: '官方回复情况',
    mostAnswers: '回复最多',
    slowestMedian: '中位数最慢',
    answers: (n) => `${n} 次回复`,
    none: '无',
    openOnWeb: '在网页上查看摘要',
    why: '你在设置中订阅了每日摘要，因此收到这封邮件。',
    settings: '邮件设置',
    unsubscribe: '停止接收每日摘要',
    more: (n) => `另有 ${n} 项`,
    duration: (m, s) => (m ? `${m}分${s}秒` : `${s}秒`),
  },
};
