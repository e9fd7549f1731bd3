import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { neededParts, threadParts, type ThreadView } from './thread-parts';

const src = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');

/**
 * The app's own modules reachable from `entry` through static imports: what
 * the page's chunk (and the chunks it imports) hold, whoever reads it.
 * Dynamic `import()` is not followed: that is fetched only when called.
 */
function staticClosure(entry: string): Set<string> {
  const seen = new Set<string>();
  const stack = [entry];
  while (stack.length) {
    const file = stack.pop()!;
    if (seen.has(file) || !existsSync(file)) continue;
    seen.add(file);
    const code = readFileSync(file, 'utf8');
    for (const [, kind, spec] of code.matchAll(/^\s*import\s+(type\s+)?(?:[^'";]*?\s+from\s+)?['"]([^'"]+)['"]/gm)) {
      if (kind || !spec) continue; // a type-only import ships nothing
      const path = spec.startsWith('$lib/') ? join(src, 'lib', spec.slice(5)) : spec.startsWith('.') ? resolve(dirname(file), spec) : null;
      if (!path || path.includes('/paraglide/')) continue;
      stack.push(...[path, `${path}.ts`, `${path}.js`].filter((p) => existsSync(p) && !p.endsWith('/')));
    }
  }
  return new Set([...seen].map((f) => f.slice(src.length + 1)));
}

describe("a thread page's JavaScript", () => {
  // Every reader loads the root layout and the thread page; what only some readers use must not come with them.
  const loaded = new Set([
    ...staticClosure(join(src, 'routes/+layout.svelte')),
    ...staticClosure(join(src, 'routes/+layout.ts')),
    ...staticClosure(join(src, 'routes/t/[id]/[[slug]]/+page.svelte')),
    ...staticClosure(join(src, 'routes/t/[id]/[[slug]]/+page.ts')),
  ]);

  it('holds the page itself', () => {
    expect(loaded).toContain('routes/t/[id]/[[slug]]/Post.svelte');
    expect(loaded).toContain('lib/components/Header.svelte');
  });

  it.each([
    'lib/components/MarkdownEditor.svelte',
    'lib/components/MentionAutocomplete.svelte',
    'lib/components/AttachmentPicker.svelte',
    'lib/components/form-draft.ts',
    'routes/t/[id]/[[slug]]/ReplyForm.svelte',
    'routes/t/[id]/[[slug]]/PostEditForm.svelte',
    'routes/t/[id]/[[slug]]/PostModeration.svelte',
    'routes/t/[id]/[[slug]]/PostActions.svelte',
    'routes/t/[id]/[[slug]]/StaffMenu.svelte',
    'routes/t/[id]/[[slug]]/ResolutionPrompt.svelte',
    'lib/i18n/notifications.ts',
    'lib/api/client.ts',
    'lib/components/HeaderUser.svelte',
    'lib/components/HeaderStaff.svelte',
  ])('does not import %s for everyone', (file) => {
    expect(existsSync(join(src, file)), `${file} moved: update this list`).toBe(true);
    expect(loaded).not.toContain(file);
  });
});

describe('neededParts', () => {
  const can = { reply: false, moderate: false, answerResolution: false };
  const post = { id: 1, kind: 'post' as const, can: { edit: false, flag: false, hide: false } };
  const view = (over: Partial<ThreadView> = {}): ThreadView =>
    ({ thread: { can }, posts: [post], editId: null, staffTools: null, ...over }) as ThreadView;

  it("fetches nothing for a guest's page", () => {
    expect(neededParts(view())).toEqual([]);
  });

  it('follows the can flags the page renders by', () => {
    expect(neededParts(view({ thread: { can: { ...can, reply: true } } } as Partial<ThreadView>))).toEqual([threadParts.replyForm]);
    // Staff: the post's menu (promote it), and with the choices loaded the thread's staff menu.
    expect(neededParts(view({ thread: { can: { ...can, moderate: true } } } as Partial<ThreadView>))).toEqual([threadParts.postActions]);
    expect(neededParts(view({ thread: { can: { ...can, moderate: true } }, staffTools: {} } as Partial<ThreadView>))).toEqual([
      threadParts.staffMenu,
      threadParts.postActions,
    ]);
    expect(neededParts(view({ posts: [{ ...post, can: { ...post.can, like: true } }] } as Partial<ThreadView>))).toEqual([
      threadParts.postActions,
    ]);
    expect(neededParts(view({ posts: [{ ...post, deleted: true, can: { ...post.can, like: true } }] } as Partial<ThreadView>))).toEqual([]);
    expect(neededParts(view({ posts: [{ ...post, can: { ...post.can, flag: true } }] } as Partial<ThreadView>))).toEqual([
      threadParts.postModeration,
    ]);
    expect(neededParts(view({ editId: 1 }))).toEqual([]);
    expect(neededParts(view({ editId: 1, posts: [{ ...post, can: { ...post.can, edit: true } }] } as Partial<ThreadView>))).toEqual([
      threadParts.postEditForm,
      threadParts.postActions,
    ]);
  });
});
