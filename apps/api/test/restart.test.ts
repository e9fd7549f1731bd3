import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ManualClock } from '@kakera/core';
import { createDatabase, migrate, type Database } from '@kakera/db';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { embeddedPass, freePort, removeServerFiles, root, serverArgs } from './server-process.ts';

// The embedded database (PGlite in DATA_DIR) survives a clean restart with
// everything in it. Always PGlite, in the suite's pass on it (embeddedPass):
// this is about the embedded data directory.

const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'kakera-restart-'));
  dirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  removeServerFiles();
});

describe.runIf(embeddedPass)('PGlite data directory, in process', () => {
  it('keeps users, sessions, categories, threads, posts and likes across close and reopen', async () => {
    const dataDir = tempDir();
    const env = {
      DATA_DIR: dataDir,
      SESSION_SECRET: 'restart-secret-restart-secret-0000',
      RATE_LIMIT: 'off',
      LOG_LEVEL: 'silent',
      ADMIN_EMAILS: 'admin@restart.dev',
    };
    const clock = new ManualClock('2026-03-01T10:00:00Z');
    const open = async () => {
      const database: Database = await createDatabase({ kind: 'pglite', dataDir: join(dataDir, 'pglite') });
      await migrate(database);
      const app = await buildApp({ config: loadConfig(env), database, clock, logger: false, sweeper: { timer: false } } as Parameters<
        typeof buildApp
      >[0]);
      await app.ready();
      return { app, database };
    };
    const cookieOf = (res: { cookies: { name: string; value: string }[] }) =>
      `kakera_session=${res.cookies.find((c) => c.name === 'kakera_session')!.value}`;

    // First life: write.
    let { app, database } = await open();
    const adminRes = await app.inject({
      method: 'POST',
      url: '/api/auth/register',
      payload: { email: 'admin@restart.dev', password: 'admin password', name: 'Admin' },
    });
    expect(adminRes.statusCode).toBe(201);
    const admin = cookieOf(adminRes);
    const fanRes = await app.inject({
      method: 'POST',
      url: '/api/auth/register',
      payload: { email: 'fan@restart.dev', password: 'fan password', name: 'ファン' },
    });
    const fan = cookieOf(fanRes);
    const cat = await app.inject({
      method: 'POST',
      url: '/api/categories',
      headers: { cookie: admin },
      payload: { slug: 'persist', name: '持続', slaTargetSeconds: 120 },
    });
    expect(cat.statusCode).toBe(201);
    const categoryId = cat.json().category.id;
    const created = await app.inject({
      method: 'POST',
      url: '/api/threads',
      headers: { cookie: fan },
      payload: {
        categoryId,
        title: '再起動しても消えない',
        body: '中文也要保存 ✓',
        kind: 'bug',
        report: { device: 'Pixel 8', softwareVersion: '3.2.0' },
      },
    });
    expect(created.statusCode).toBe(201);
    const threadId = created.json().thread.id;
    clock.advanceSeconds(30);
    const replied = await app.inject({
      method: 'POST',
      url: `/api/threads/${threadId}/posts`,
      headers: { cookie: admin },
      payload: { body: 'Staff answer' },
    });
    const replyId = replied.json().post.id;
    expect((await app.inject({ method: 'POST', url: `/api/posts/${replyId}/like`, headers: { cookie: fan } })).statusCode).toBe(200);
    const edited = await app.inject({
      method: 'PATCH',
      url: `/api/posts/${replyId}`,
      headers: { cookie: admin },
      payload: { body: 'Staff answer, edited' },
    });
    expect(edited.statusCode).toBe(200);
    const before = (await app.inject({ method: 'GET', url: `/api/threads/${threadId}`, headers: { cookie: fan } })).json();
    await app.close();
    await database.close();

    // Second life: everything is there, and the old session still works.
    ({ app, database } = await open());
    try {
      const me = await app.inject({ method: 'GET', url: '/api/me', headers: { cookie: fan } });
      expect(me.statusCode).toBe(200);
      expect(me.json().user.name).toBe('ファン');
      const after = (await app.inject({ method: 'GET', url: `/api/threads/${threadId}`, headers: { cookie: fan } })).json();
      expect(after).toEqual(before);
      expect(after.posts).toHaveLength(2);
      expect(after.posts[0].body).toBe('中文也要保存 ✓');
      expect(after.posts[1]).toMatchObject({ likeCount: 1, likedByMe: true, body: 'Staff answer, edited' });
      expect(after.thread.report).toEqual({ device: 'Pixel 8', softwareVersion: '3.2.0' });
      const revisions = (await app.inject({ method: 'GET', url: `/api/posts/${replyId}/revisions` })).json().revisions;
      expect(revisions.map((r: { body: string }) => r.body)).toEqual(['Staff answer']);
      const categories = (await app.inject({ method: 'GET', url: '/api/categories' })).json().categories;
      expect(categories).toEqual([
        expect.objectContaining({ slug: 'persist', name: '持続', slaTargetSeconds: 120, threadCount: 1, postCount: 2 }),
      ]);
      const login = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email: 'fan@restart.dev', password: 'fan password' },
      });
      expect(login.statusCode).toBe(200);
      // And it keeps taking writes.
      const more = await app.inject({
        method: 'POST',
        url: `/api/threads/${threadId}/posts`,
        headers: { cookie: fan },
        payload: { body: 'After the restart' },
      });
      expect(more.statusCode).toBe(201);
    } finally {
      await app.close();
      await database.close();
    }

    // Third life: the write made after the first restart is there too.
    ({ app, database } = await open());
    try {
      const posts = (await app.inject({ method: 'GET', url: `/api/threads/${threadId}` })).json().posts;
      expect(posts.map((p: { body: string }) => p.body)).toEqual(['中文也要保存 ✓', 'Staff answer, edited', 'After the restart']);
    } finally {
      await app.close();
      await database.close();
    }
  }, 120_000);
});

describe.runIf(embeddedPass)('the real server started twice on one DATA_DIR', () => {
  async function start(
    dataDir: string,
  ): Promise<{ child: ChildProcess; url: string; output: () => string; stop: () => Promise<number | null> }> {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      PUBLIC_URL: url,
      RATE_LIMIT: 'off',
      LOG_LEVEL: 'warn',
    };
    for (const k of ['DATABASE_URL', 'TEST_DATABASE_URL', 'DEMO_DATA', 'SESSION_SECRET']) delete env[k];
    const child = spawn(process.execPath, await serverArgs(), {
      cwd: root,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    const deadline = Date.now() + 90_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`server exited ${child.exitCode}: ${out}`);
      if (Date.now() > deadline) {
        child.kill('SIGKILL');
        throw new Error(`server did not come up: ${out}`);
      }
      try {
        if ((await fetch(`${url}/api/health`)).ok) break;
      } catch {
        // not yet
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    return {
      child,
      url,
      output: () => out,
      stop: () =>
        new Promise((resolve) => {
          if (child.exitCode !== null) return resolve(child.exitCode);
          const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
          child.once('exit', (code) => {
            clearTimeout(timer);
            resolve(code);
          });
          child.kill('SIGTERM');
        }),
    };
  }

  it('loads demo data once, keeps what was written, and exits cleanly on SIGTERM', async () => {
    const dataDir = tempDir();
    const first = await start(dataDir);
    let threadId: number;
    let cookie: string;
    let categoryCount: number;
    try {
      expect(first.output()).toMatch(/Demo data loaded/);
      expect(first.output()).toContain('admin@kakera.test');
      const login = await fetch(`${first.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: first.url },
        body: JSON.stringify({ email: 'mika@kakera.test', password: 'kakera-demo' }),
      });
      expect(login.status).toBe(200);
      cookie = login.headers
        .getSetCookie()
        .find((c) => c.startsWith('kakera_session='))!
        .split(';')[0]!;
      const categories = (await (await fetch(`${first.url}/api/categories`)).json()).categories as { id: number }[];
      categoryCount = categories.length;
      expect(categoryCount).toBeGreaterThan(0);
      const created = await fetch(`${first.url}/api/threads`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: first.url, cookie },
        body: JSON.stringify({ categoryId: categories[0]!.id, title: 'Written before the restart', body: '再起動の前に書いた' }),
      });
      expect(created.status).toBe(201);
      threadId = (await created.json()).thread.id;
    } finally {
      expect(await first.stop()).toBe(0);
    }

    const second = await start(dataDir);
    try {
      expect(second.output()).not.toMatch(/Demo data loaded/);
      const thread = await fetch(`${second.url}/api/threads/${threadId}`);
      expect(thread.status).toBe(200);
      const body = await thread.json();
      expect(body.thread.title).toBe('Written before the restart');
      expect(body.posts[0].body).toBe('再起動の前に書いた');
      const categories = (await (await fetch(`${second.url}/api/categories`)).json()).categories;
      expect(categories).toHaveLength(categoryCount);
      // The session secret was kept in DATA_DIR, so the session survives too.
      const me = await fetch(`${second.url}/api/me`, { headers: { cookie } });
      expect(me.status).toBe(200);
      expect((await me.json()).user.email).toBe('mika@kakera.test');
    } finally {
      expect(await second.stop()).toBe(0);
    }
  }, 240_000);
});
