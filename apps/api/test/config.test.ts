import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.ts';
import { removeServerFiles, root, serverArgs } from './server-process.ts';

// Configuration comes from the environment, validated at start: a bad value
// gives one clear line naming the variable, and the server exits non-zero.

const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'kakera-config-'));
  dirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  removeServerFiles();
});

const base = () => ({ DATA_DIR: tempDir(), SESSION_SECRET: 's'.repeat(40) });

function configError(env: Record<string, string>): ConfigError {
  try {
    loadConfig({ ...base(), ...env });
  } catch (e) {
    if (e instanceof ConfigError) return e;
    throw new Error(`expected a ConfigError, got ${String(e)}`, { cause: e });
  }
  throw new Error(`expected a ConfigError for ${JSON.stringify(env)}`);
}

describe('loadConfig', () => {
  it('has working defaults', () => {
    const c = loadConfig(base());
    expect(c).toMatchObject({
      PORT: 3000,
      HOST: '0.0.0.0',
      TZ: 'UTC',
      DIGEST_AT: '07:00',
      RATE_LIMIT: 'on',
      LOG_LEVEL: 'info',
      loadDemoData: true,
    });
    expect(c.PUBLIC_URL).toBe('http://localhost:3000');
    expect(c.UPLOAD_DIR).toBe(join(c.DATA_DIR, 'uploads'));
    expect(c.ADMIN_EMAILS).toEqual([]);
    expect(c.BODY_LIMIT_BYTES).toBeGreaterThan(0);
  });

  it('parses the values it is given', () => {
    const c = loadConfig({
      ...base(),
      PORT: '8080',
      PUBLIC_URL: 'https://forum.example/',
      ADMIN_EMAILS: ' Boss@Example.com , second@example.com,',
      TZ: 'Asia/Tokyo',
      DIGEST_AT: '23:59',
      RATE_LIMIT: 'off',
      DEMO_DATA: '0',
      DATABASE_URL: 'postgresql://u:p@db:5432/kakera',
    });
    expect(c.PORT).toBe(8080);
    expect(c.PUBLIC_URL).toBe('https://forum.example');
    expect(c.ADMIN_EMAILS).toEqual(['boss@example.com', 'second@example.com']);
    expect(c.TZ).toBe('Asia/Tokyo');
    expect(c.loadDemoData).toBe(false);
  });

  it('loads demo data into PostgreSQL only when asked (DEMO_DATA=1), and never with DEMO_DATA=0', () => {
    expect(loadConfig({ ...base(), DATABASE_URL: 'postgres://localhost/k' }).loadDemoData).toBe(false);
    expect(loadConfig({ ...base(), DATABASE_URL: 'postgres://localhost/k', DEMO_DATA: '1' }).loadDemoData).toBe(true);
    expect(loadConfig({ ...base(), DEMO_DATA: 'false' }).loadDemoData).toBe(false);
    expect(loadConfig({ ...base(), DEMO_DATA: '1' }).loadDemoData).toBe(true);
  });

  it.each([
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['PORT', '-1'],
    ['PORT', '80.5'],
    ['DATABASE_URL', 'mysql://localhost/kakera'],
    ['DATABASE_URL', 'localhost:5432'],
    ['DATABASE_POOL_SIZE', '0'],
    ['DATABASE_POOL_SIZE', 'many'],
    ['SESSION_SECRET', 'too-short'],
    ['PUBLIC_URL', 'not a url'],
    ['TZ', 'Mars/Olympus_Mons'],
    ['DIGEST_AT', '25:00'],
    ['DIGEST_AT', '7am'],
    ['SMTP_URL', 'http://mail.example'],
    ['SLA_SWEEP_MS', '5'],
    ['LOG_LEVEL', 'loud'],
    ['DEMO_DATA', 'yes'],
    ['RATE_LIMIT', 'maybe'],
    ['BODY_LIMIT_BYTES', '1'],
    ['BODY_LIMIT_BYTES', 'lots'],
  ])('%s=%j is a ConfigError naming the variable, on one line', (name, value) => {
    const err = configError({ [name]: value });
    expect(err).toBeInstanceOf(Error);
    expect(err.message).toContain(name);
    expect(err.message).not.toContain('\n');
    expect(err.message.length).toBeLessThan(300);
    // It says what is wrong, not just where.
    expect(err.message.replace(name, '').trim().length).toBeGreaterThan(10);
  });

  it('names every bad variable when several are wrong', () => {
    const err = configError({ PORT: 'x', LOG_LEVEL: 'loud', TZ: 'Nowhere/Nope' });
    for (const name of ['PORT', 'LOG_LEVEL', 'TZ']) expect(err.message).toContain(name);
  });

  it('keeps a generated session secret in the data directory when none is set, and reuses it', () => {
    const dir = tempDir();
    const first = loadConfig({ DATA_DIR: dir });
    expect(first.SESSION_SECRET.length).toBeGreaterThanOrEqual(32);
    expect(existsSync(join(dir, 'session-secret'))).toBe(true);
    expect(readFileSync(join(dir, 'session-secret'), 'utf8').trim()).toBe(first.SESSION_SECRET);
    expect(loadConfig({ DATA_DIR: dir }).SESSION_SECRET).toBe(first.SESSION_SECRET);
    expect(loadConfig({ DATA_DIR: tempDir() }).SESSION_SECRET).not.toBe(first.SESSION_SECRET);
  });
});

describe('the server with a bad value', () => {
  it.each([
    ['PORT', 'not-a-port'],
    ['DATABASE_URL', 'mysql://nope'],
  ])(
    '%s=%s: prints one line naming the variable and exits non-zero',
    async (name, value) => {
      const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: tempDir(), LOG_LEVEL: 'silent', [name]: value };
      delete env.TEST_DATABASE_URL;
      if (name !== 'DATABASE_URL') delete env.DATABASE_URL;
      // The server as `npm start` runs it (server-process.ts).
      const r = spawnSync(process.execPath, await serverArgs(), {
        cwd: root,
        env,
        encoding: 'utf8',
        timeout: 60_000,
      });
      expect(r.status, r.stderr).not.toBe(0);
      expect(r.status).not.toBeNull();
      const lines = r.stderr.trim().split('\n').filter(Boolean);
      expect(lines, r.stderr).toHaveLength(1);
      expect(lines[0]).toContain(name);
      expect(r.stdout).not.toMatch(/listening/i);
    },
    60_000,
  );
});
