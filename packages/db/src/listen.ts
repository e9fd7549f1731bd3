import pg from 'pg';

/**
 * A dedicated connection that LISTENs on `channel`, and comes back by itself:
 * when the connection is lost (the database restarted, a network blip) it
 * reconnects every second until it can, then calls `onReconnected` so the
 * caller can deliver what was sent meanwhile (notifications are not queued
 * for a listener that is gone). Answers the function that stops listening.
 */
export async function listenPostgres(
  url: string,
  channel: string,
  handlers: { onNotification: (payload: string) => void; onReconnected: () => Promise<void> },
): Promise<() => Promise<void>> {
  let client: pg.Client | null = null;
  let retry: NodeJS.Timeout | null = null;
  let lost = false;
  let stopped = false;
  const connect = async () => {
    if (stopped) return;
    const c = new pg.Client({ connectionString: url });
    c.on('notification', (msg) => {
      if (msg.payload) handlers.onNotification(msg.payload);
    });
    c.on('error', () => {
      c.end().catch(() => {});
      if (client === c) client = null;
      lost = true;
      if (!stopped) retry = setTimeout(() => void connect(), 1000);
    });
    try {
      await c.connect();
      await c.query(`LISTEN ${channel}`);
      client = c;
      if (lost) {
        lost = false;
        await handlers.onReconnected();
      }
    } catch {
      c.end().catch(() => {});
      if (!stopped) retry = setTimeout(() => void connect(), 1000);
    }
  };
  await connect();
  return async () => {
    stopped = true;
    if (retry) clearTimeout(retry);
    await client?.end().catch(() => {});
  };
}
