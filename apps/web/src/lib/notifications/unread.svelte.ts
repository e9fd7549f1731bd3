/**
 * The number on the header's bell. The server renders it (layout data, which
 * the layout copies in here whenever it loads); live `notification.created`
 * events (live-notifications.ts) and marking read keep it current in the
 * browser. Null: not known here yet, use the server's figure.
 */
export const unread = $state<{ count: number | null }>({ count: null });
