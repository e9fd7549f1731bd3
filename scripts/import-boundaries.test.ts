import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

// `npm run check` runs ESLint over the tree; these plant one import in a file
// of each kind and ask ESLint, with the repository's own configuration,
// whether it passes. A wrong-way import must fail.

const root = new URL('..', import.meta.url).pathname;
const eslint = new ESLint({ cwd: root });

async function errorsFor(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(`${code}\nexport const x = y;\n`, { filePath: `${root}${file}` });
  return result!.messages.filter((m) => /no-restricted-imports/.test(m.ruleId ?? '')).map((m) => m.message);
}

describe('import boundaries', { timeout: 60_000 }, () => {
  // ESLint loads its plugins on the first file (seconds on a busy machine).
  beforeAll(() => errorsFor('packages/core/src/shared/zz.ts', ''), 120_000);

  it.each([
    ['packages/db/src/zz.ts', "import { y } from '@kakera/core';", 'knows nothing of the rules'],
    ['packages/contracts/src/zz.ts', "import { y } from '@kakera/db';", 'schemas and types only'],
    ['packages/core/src/forum/zz.ts', "import { y } from '@kakera/api';", 'no HTTP'],
    ['packages/core/src/sla/zz.ts', "import { y } from '../forum/get-thread.ts';", 'sla is below'],
    ['packages/core/src/categories/zz.ts', "import { y } from '../forum/create-thread.ts';", 'categories is below'],
    ['packages/core/src/forum/zz.ts', "import { y } from '../sla/obligations.repo.ts';", 'repository is its own'],
    ['packages/core/src/forum/zz.ts', "import { y } from '@kakera/db/src/schema.ts';", 'public entry'],
    ['apps/web/src/lib/zz.ts', "import { y } from '@kakera/core';", 'talks to the API'],
    ['apps/web/src/routes/zz/+page.server.ts', "import { y } from 'drizzle-orm';", 'talks to the API'],
    ['apps/api/src/zz.ts', "import { y } from '../../../packages/core/src/forum/get-thread.ts';", 'public entry'],
    ['apps/api/test/zz.test.ts', "import { y } from '../../../packages/core/src/sla/obligations.repo.ts';", 'public entry'],
  ])('%s: %s is refused', async (file, code, why) => {
    const errors = await errorsFor(file, code);
    expect(errors.length, `no error for ${code} in ${file}`).toBeGreaterThan(0);
    expect(errors.join('\n')).toContain(why);
  });

  it.each([
    ['packages/core/src/sla/zz.ts', "import { y } from '../forum/thread-reads.ts';"],
    ['packages/core/src/forum/zz.ts', "import { y } from '../sla/apply-post-to-obligation.ts';"],
    ['packages/core/src/forum/zz.ts', "import { y } from './posts.repo.ts';"],
    ['packages/core/src/shared/zz.ts', "import type { y } from '../events/event-publisher.ts';"],
    ['apps/api/src/zz.ts', "import { y } from '@kakera/core';"],
    ['apps/web/src/lib/zz.ts', "import type { y } from '@kakera/contracts';"],
  ])('%s: %s is allowed', async (file, code) => {
    expect(await errorsFor(file, code)).toEqual([]);
  });
});
