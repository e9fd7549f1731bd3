import type { Role } from '@kakera/contracts';

// The demo community: written for Kakera, in English, Japanese and Chinese.

export const DEMO_PASSWORD = 'kakera-demo';

export interface DemoUser {
  key: string;
  email: string;
  name: string;
  role: Role;
  team?: string;
  points?: number;
  locale?: 'en' | 'ja' | 'zh-CN';
}

export const DEMO_USERS: DemoUser[] = [
  { key: 'admin', email: 'admin@kakera.test', name: 'Ada Admin', role: 'admin' },
  { key: 'exec', email: 'exec@kakera.test', name: 'Erin Lead', role: 'executive', team: 'Leadership' },
  { key: 'aiko', email: 'aiko@kakera.test', name: '佐藤 愛子', role: 'staff', team: 'Support', locale: 'ja' },
  { key: 'sam', email: 'sam@kakera.test', name: 'Sam Rivera', role: 'staff', team: 'Support' },
  { key: 'chen', email: 'chen@kakera.test', name: '陈工程师', role: 'staff', team: 'Engineering', locale: 'zh-CN' },
  { key: 'mika', email: 'mika@kakera.test', name: 'みか', role: 'fan', points: 160, locale: 'ja' },
  { key: 'liwei', email: 'liwei@kakera.test', name: '李伟', role: 'fan', points: 420, locale: 'zh-CN' },
  { key: 'alex', email: 'alex@kakera.test', name: 'Alex Kim', role: 'fan', points: 55 },
  { key: 'jordan', email: 'jordan@kakera.test', name: 'Jordan Fox', role: 'fan', points: 12 },
  { key: 'yuki', email: 'yuki@kakera.test', name: '雪', role: 'fan', points: 3, locale: 'ja' },
];

export const DEMO_CATEGORIES = [
  {
    slug: 'announcements',
    name: 'Announcements',
    description: 'News from the team. Release notes, events and plans.',
    position: 0,
    slaTargetSeconds: 3600,
  },
  {
    slug: 'bugs',
    name: 'Bug reports',
    description: 'Something broken? Tell us the device, the version and what happened.',
    position: 1,
    slaTargetSeconds: 900,
    defaultComponent: 'app',
  },
  {
    slug: 'ideas',
    name: 'Ideas & suggestions',
    description: 'What should we build next? Vote for the ideas you want.',
    position: 2,
    slaTargetSeconds: 900,
  },
  { slug: 'help', name: 'Help & questions', description: 'How do I…? Fans and staff answer.', position: 3, slaTargetSeconds: 900 },
  {
    slug: 'ja',
    name: '日本語コミュニティ',
    description: '日本語で気軽に質問・報告・雑談ができる掲示板です。',
    position: 4,
    slaTargetSeconds: 900,
  },
  { slug: 'zh', name: '中文社区', description: '用中文提问、反馈问题、交流使用心得。', position: 5, slaTargetSeconds: 900 },
];

interface DemoReply {
  author: string;
  body: string;
  afterMinutes: number;
  likes?: string[];
}

export interface DemoThread {
  category: string;
  author: string;
  kind: 'discussion' | 'question' | 'bug' | 'suggestion';
  title: string;
  body: string;
  report?: Record<string, string>;
  replies?: DemoReply[];
  accept?: boolean;
  resolved?: boolean;
}

export const DEMO_THREADS: DemoThread[] = [
  {
    category: 'announcements',
    author: 'sam',
    kind: 'discussion',
    title: 'Welcome to the Kakera community',
    body: 'Hi everyone! This is where you talk to the team directly.\n\n- **Bug reports**: tell us the device and version.\n- **Ideas**: the best ones become issues you can vote on.\n- Staff answer every post within **15 minutes** during the day.\n\nSay hello below!',
    replies: [
      { author: 'alex', body: 'Hello from Seoul! Glad to have a place to report things.', afterMinutes: 30, likes: ['sam', 'mika'] },
      { author: 'mika', body: 'よろしくお願いします！', afterMinutes: 45, likes: ['aiko'] },
    ],
  },
  {
    category: 'bugs',
    author: 'alex',
    kind: 'bug',
    title: 'Battery drains overnight after the 3.2 update',
    body: 'Since updating to 3.2 my phone loses about 30% overnight with the screen off. Before the update it was 5%.',
    report: {
      device: 'Pixel 8',
      softwareVersion: '3.2.0 (build 1184)',
      stepsToReproduce: '1. Charge to 100%\n2. Leave idle overnight with Wi-Fi on',
      expected: 'Around 5% drain',
      actual: '30% drain, "Sync service" at the top of battery usage',
    },
    replies: [
      {
        author: 'sam',
        body: 'Thanks Alex — that is a clear report. Could you tell us whether background sync is on in **Settings → Accounts**? We are looking at the sync scheduler.',
        afterMinutes: 6,
      },
      { author: 'alex', body: 'Yes, it is on. Turning it off brings drain back to normal.', afterMinutes: 40 },
      {
        author: 'chen',
        body: 'Confirmed: the scheduler retries too often when the server answers 304. A fix is in review for 3.2.1.',
        afterMinutes: 9,
        likes: ['alex', 'jordan', 'liwei'],
      },
    ],
    accept: true,
    resolved: true,
  },
  {
    category: 'help',
    author: 'jordan',
    kind: 'question',
    title: 'How do I move my notes to a new phone?',
    body: 'I got a new phone. Is there a way to bring my notes across without losing the folders?',
    replies: [
      {
        author: 'aiko',
        body: 'Yes! Open **Settings → Backup**, tap *Back up now* on the old phone, then sign in on the new one and choose *Restore*. Folders come along.',
        afterMinutes: 4,
        likes: ['jordan'],
      },
      { author: 'jordan', body: 'Worked perfectly, thank you!', afterMinutes: 25 },
    ],
    accept: true,
    resolved: true,
  },
  {
    category: 'ideas',
    author: 'liwei',
    kind: 'suggestion',
    title: 'Dark mode schedule that follows sunset',
    body: 'Dark mode is great, but I would love it to switch on automatically at sunset and off at sunrise, like the system setting does.',
    replies: [
      { author: 'alex', body: '+1, I switch it by hand every evening.', afterMinutes: 20, likes: ['liwei'] },
      { author: 'sam', body: 'Nice idea — we have passed it to the design team. Keep the votes coming!', afterMinutes: 21 },
    ],
  },
  {
    category: 'ja',
    author: 'mika',
    kind: 'bug',
    title: '通知が二重に届く',
    body: 'アップデート後、同じ通知が二回ずつ届きます。再起動しても直りません。',
    report: {
      device: 'Xperia 10 V',
      softwareVersion: '3.2.0',
      stepsToReproduce: '1. アプリを開く\n2. 誰かに返信してもらう',
      expected: '通知が一回だけ届く',
      actual: '同じ通知が二回届く',
    },
    replies: [
      { author: 'aiko', body: 'ご報告ありがとうございます。通知の設定画面のスクリーンショットを送っていただけますか？', afterMinutes: 7 },
      { author: 'mika', body: '送りました。よろしくお願いします。', afterMinutes: 15, likes: ['aiko'] },
      { author: 'chen', body: '原因が分かりました。3.2.1 で修正されます。', afterMinutes: 25, likes: ['mika', 'yuki'] },
    ],
    resolved: true,
  },
  {
    category: 'ja',
    author: 'yuki',
    kind: 'question',
    title: 'ウィジェットの色を変える方法は？',
    body: 'ホーム画面のウィジェットを暗い色にしたいのですが、設定が見つかりません。',
    replies: [
      { author: 'mika', body: 'ウィジェットを長押しして「編集」から変えられますよ。', afterMinutes: 10, likes: ['yuki'] },
      { author: 'aiko', body: 'みかさんの言う通りです。「テーマ」で「ダーク」を選んでください。', afterMinutes: 12 },
    ],
    accept: true,
  },
  {
    category: 'ja',
    author: 'mika',
    kind: 'suggestion',
    title: '縦書き表示に対応してほしい',
    body: '小説のメモを書くので、縦書きで表示できると嬉しいです。',
    replies: [{ author: 'sam', body: 'Thanks Mika! We have noted vertical writing as a request for the editor.', afterMinutes: 18 }],
  },
  {
    // Found by searching 電池 (a two-character word); solved, so it is marked as such among similar threads.
    category: 'ja',
    author: 'yuki',
    kind: 'question',
    title: '充電中に電池が熱くなる',
    body: '充電していると電池のあたりがかなり熱くなります。3.2 にしてから電池の減りも早い気がします。大丈夫でしょうか？',
    replies: [
      {
        author: 'aiko',
        body: 'ご連絡ありがとうございます。充電中はバックグラウンド同期を止めると発熱が抑えられます。「設定 → アカウント」でお試しください。',
        afterMinutes: 8,
        likes: ['yuki'],
      },
      { author: 'yuki', body: '同期を止めたら熱くならなくなりました。ありがとうございます！', afterMinutes: 30 },
    ],
    accept: true,
    resolved: true,
  },
  {
    category: 'zh',
    author: 'liwei',
    kind: 'bug',
    title: '充电时屏幕闪烁',
    body: '更新到 3.2 之后，充电时屏幕偶尔会闪烁，拔掉充电器就好了。',
    report: {
      device: '小米 14',
      softwareVersion: '3.2.0',
      stepsToReproduce: '1. 连接充电器\n2. 打开任意页面，等待几分钟',
      expected: '屏幕正常显示',
      actual: '屏幕每隔几秒闪烁一次',
    },
    replies: [
      { author: 'chen', body: '谢谢反馈！请问使用的是原装充电器吗？我们正在复现这个问题。', afterMinutes: 5 },
      { author: 'liwei', body: '是原装的 67W 充电器。', afterMinutes: 30, likes: ['chen'] },
    ],
  },
  {
    category: 'zh',
    author: 'liwei',
    kind: 'discussion',
    title: '大家最喜欢的新功能是什么？',
    body: '3.2 版本更新了不少功能，我最喜欢的是新的笔记分类。你们呢？',
    replies: [
      { author: 'chen', body: '作为工程师，我最喜欢离线同步的改进 😄', afterMinutes: 14, likes: ['liwei'] },
      { author: 'alex', body: 'The new folders, for sure.', afterMinutes: 60 },
    ],
  },
  {
    category: 'zh',
    author: 'liwei',
    kind: 'question',
    title: '如何导出全部笔记？',
    body: '想把所有笔记导出成文本文件备份，请问有这个功能吗？',
    replies: [{ author: 'chen', body: '有的：设置 → 备份 → 导出为 Markdown。', afterMinutes: 19 }],
    resolved: true,
  },
  {
    category: 'help',
    author: 'alex',
    kind: 'question',
    title: 'Can I share a folder with my family?',
    body: 'Is there a way to share one folder (shopping lists) with my family without sharing everything?',
    replies: [
      { author: 'sam', body: 'Not yet, but shared folders are on the roadmap. I will link this thread to the issue.', afterMinutes: 11 },
    ],
  },
  {
    category: 'bugs',
    author: 'jordan',
    kind: 'bug',
    title: 'App crashes when attaching a large photo',
    body: 'Attaching a 20 MB photo to a note crashes the app every time.',
    report: {
      device: 'iPhone 13 mini',
      softwareVersion: '3.2.0',
      stepsToReproduce: '1. Open a note\n2. Attach a photo larger than 15 MB',
      expected: 'The photo is attached',
      actual: 'The app closes',
    },
  },
  {
    category: 'ideas',
    author: 'alex',
    kind: 'suggestion',
    title: 'Keyboard shortcut to start a new note',
    body: 'On the desktop app, a shortcut like Ctrl+N for a new note would save me a lot of clicks.',
  },
  {
    category: 'zh',
    author: 'liwei',
    kind: 'suggestion',
    title: '希望支持繁体中文界面',
    body: '我的家人在台湾，希望界面能支持繁体中文。',
  },
  {
    category: 'ja',
    author: 'yuki',
    kind: 'bug',
    title: '同期が終わらない',
    body: '同期中の表示がずっと消えません。',
    report: { device: 'Galaxy S23', softwareVersion: '3.2.0' },
  },
  {
    category: 'bugs',
    author: 'jordan',
    kind: 'bug',
    title: 'Sync never finishes on Wi-Fi',
    body: 'The sync spinner keeps turning forever when I am on Wi-Fi. On mobile data it finishes.',
    report: { device: 'Pixel 8', softwareVersion: '3.2.0' },
  },
];

/**
 * The tracker's demo: threads promoted to issues (by their title), walked
 * through the workflow, voted on; one merged into another, one escalated.
 * Every status appears once at least, and two ideas are adopted.
 */
export interface DemoIssue {
  thread: string;
  by: string;
  set?: {
    severity?: 'S1' | 'S2' | 'S3' | 'S4';
    priority?: 'P0' | 'P1' | 'P2' | 'P3';
    component?: string;
    assignee?: string;
    fixedInVersion?: string;
    labels?: string[];
  };
  type?: 'bug' | 'feature' | 'feedback';
  statuses?: ('triaged' | 'planned' | 'in_progress' | 'fixed' | 'released' | 'wont_fix' | 'cannot_reproduce')[];
  votes?: string[];
  /** Link this thread to the issue of that thread instead of making a new one. */
  linkTo?: string;
  /** After everything, merge this issue into the issue of that thread. */
  mergeInto?: string;
  escalateTo?: { to: string; note: string };
}

export const DEMO_ISSUES: DemoIssue[] = [
  {
    thread: 'Battery drains overnight after the 3.2 update',
    by: 'chen',
    set: { severity: 'S2', priority: 'P1', component: 'Power', assignee: 'chen', labels: ['3.2', 'battery'] },
    statuses: ['triaged', 'planned', 'in_progress'],
    votes: ['mika', 'liwei', 'jordan', 'yuki'],
  },
  {
    thread: 'Dark mode schedule that follows sunset',
    by: 'sam',
    set: { priority: 'P2', component: 'Display', assignee: 'chen' },
    statuses: ['triaged', 'planned'],
    votes: ['alex', 'mika', 'liwei', 'jordan', 'yuki'],
  },
  {
    thread: '通知が二重に届く',
    by: 'aiko',
    set: { severity: 'S3', priority: 'P2', component: 'Notifications', assignee: 'chen', fixedInVersion: '3.2.1' },
    statuses: ['triaged', 'in_progress', 'fixed'],
    votes: ['yuki', 'alex'],
  },
  { thread: '縦書き表示に対応してほしい', by: 'aiko', votes: ['mika', 'yuki'] },
  {
    thread: '希望支持繁体中文界面',
    by: 'chen',
    type: 'feature',
    set: { component: 'Localization' },
    statuses: ['triaged'],
    votes: ['liwei', 'mika'],
  },
  {
    thread: 'Keyboard shortcut to start a new note',
    by: 'sam',
    set: { component: 'Desktop', assignee: 'chen' },
    statuses: ['triaged', 'planned', 'in_progress', 'fixed', 'released'],
    votes: ['jordan', 'liwei'],
  },
  {
    thread: 'Can I share a folder with my family?',
    by: 'sam',
    type: 'feature',
    set: { component: 'Sharing' },
    statuses: ['wont_fix'],
    votes: ['mika'],
  },
  {
    thread: '充电时屏幕闪烁',
    by: 'chen',
    set: { severity: 'S3', component: 'Display', assignee: 'chen' },
    statuses: ['triaged', 'cannot_reproduce'],
  },
  {
    thread: 'App crashes when attaching a large photo',
    by: 'sam',
    set: { severity: 'S1', priority: 'P0', component: 'Attachments', assignee: 'chen' },
    statuses: ['triaged'],
    votes: ['alex', 'yuki', 'liwei'],
    escalateTo: { to: 'exec', note: 'Crash on every large photo: 40 reports this week. Needs a hotfix decision today.' },
  },
  { thread: '同期が終わらない', by: 'aiko', set: { severity: 'S2', component: 'Sync' }, votes: ['yuki', 'mika'] },
  { thread: 'Sync never finishes on Wi-Fi', by: 'sam', votes: ['jordan', 'mika', 'alex'], mergeInto: '同期が終わらない' },
];
