import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const here = path.dirname(fileURLToPath(import.meta.url));
const script = path.join(here, 'check-i18n.mjs');

function run(root?: string) {
  const r = spawnSync(process.execPath, root ? [script, root] : [script], { encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

const temps: string[] = [];
function plant(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(tmpdir(), 'check-i18n-'));
  temps.push(root);
  for (const [name, content] of Object.entries(files)) {
    const file = path.join(root, name);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, content);
  }
  return root;
}

const goodCatalogues = {
  'apps/web/messages/en.json': JSON.stringify({ $schema: 'x', hello: 'Hello {name}', bye: 'Bye' }, null, 2),
  'apps/web/messages/ja.json': JSON.stringify({ $schema: 'x', hello: 'こんにちは、{name}さん', bye: 'さようなら' }, null, 2),
};

afterAll(() => {
  for (const t of temps) rmSync(t, { recursive: true, force: true });
});

describe('check-i18n', () => {
  it('passes on the real tree', () => {
    const r = run();
    expect(r.out).toContain('OK');
    expect(r.status).toBe(0);
  });

  it('passes on a clean planted tree: message calls, symbols, expressions, ignored elements', () => {
    const root = plant({
      ...goodCatalogues,
      'apps/web/src/routes/+page.svelte': [
        '<script lang="ts">',
        "  import { m } from '$lib/paraglide/messages.js';",
        "  const label = 'Not checked: this is script';",
        '</script>',
        '<h1>{m.hello({ name: "Ada" })}</h1>',
        '<p aria-label={m.bye()}>· → × 42</p>',
        '<!-- i18n-ignore -->',
        '<code>npm run check</code>',
        '<style>p::after { content: "css is fine"; }</style>',
      ].join('\n'),
    });
    const r = run(root);
    expect(r.out).toContain('OK');
    expect(r.status).toBe(0);
  });

  it('fails with file:line on raw text and raw attributes', () => {
    const root = plant({
      ...goodCatalogues,
      'apps/web/src/routes/+page.svelte': [
        '<script lang="ts">',
        "  import { m } from '$lib/paraglide/messages.js';",
        '</script>',
        '<h1>Welcome back</h1>',
        '{#if true}',
        '  <input placeholder="Your name" />',
        '  <img src="/x.png" alt="A cat" />',
        '  <button aria-label="Close">×</button>',
        '{/if}',
        '<p title="Tip {m.bye()}">{m.bye()}</p>',
      ].join('\n'),
      'apps/web/src/lib/Thing.svelte': '<span>日本語のテキスト</span>\n',
    });
    const r = run(root);
    expect(r.status).toBe(1);
    expect(r.out).toContain('apps/web/src/routes/+page.svelte:4:5 raw text "Welcome back"');
    expect(r.out).toContain('apps/web/src/routes/+page.svelte:6:10 raw placeholder="Your name"');
    expect(r.out).toContain('apps/web/src/routes/+page.svelte:7:21 raw alt="A cat"');
    expect(r.out).toContain('apps/web/src/routes/+page.svelte:8:11 raw aria-label="Close"');
    expect(r.out).toContain('apps/web/src/routes/+page.svelte:10:4 raw title="Tip"');
    expect(r.out).toContain('apps/web/src/lib/Thing.svelte:1:7 raw text "日本語のテキスト"');
  });

  it('fails when a catalogue lacks a key, has an empty message or different placeholders', () => {
    const root = plant({
      'apps/web/messages/en.json': JSON.stringify({ $schema: 'x', hello: 'Hello {name}', bye: 'Bye', only_en: 'Only here' }, null, 2),
      'apps/web/messages/ja.json': JSON.stringify({ $schema: 'x', hello: 'こんにちは', bye: '  ' }, null, 2),
      'apps/web/messages/zh-CN.json': JSON.stringify(
        {
          $schema: 'x',
          hello: '你好，{name}',
          bye: '再见',
          only_en: [{ declarations: ['input count'], selectors: [], match: { 'countPlural=other': '' } }],
        },
        null,
        2,
      ),
      'apps/web/src/routes/+page.svelte': '<p>{m.hello({ name: "x" })}</p>\n',
    });
    const r = run(root);
    expect(r.status).toBe(1);
    expect(r.out).toContain('apps/web/messages/ja.json:1:1 missing key "only_en" (present in apps/web/messages/en.json:5:3)');
    expect(r.out).toContain('apps/web/messages/ja.json:4:3 empty message "bye"');
    expect(r.out).toContain('apps/web/messages/ja.json:3:3 message "hello" uses {} but en uses {name}');
    expect(r.out).toContain('apps/web/messages/zh-CN.json:5:3 empty message "only_en"');
  });
});
