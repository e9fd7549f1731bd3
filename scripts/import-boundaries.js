// Which code may import which: the map of docs/architecture.md, enforced by
// ESLint (`npm run check` fails on a wrong-way import). Packages import each
// other by their public entry only; inside packages/core, a module's
// repositories (`*.repo.ts`) are its own, and the lower modules never import
// the higher ones (other modules' published SQL fragments, `*-reads.ts`,
// import nothing of ours, so any module may use them).

const deep = {
  group: ['@kakera/*/src', '@kakera/*/src/**', '**/packages/*/src/**', '**/apps/*/src/**'],
  message: 'Import a package by its public entry (@kakera/<name>), not its files.',
};
const noServer = (who) => ({
  group: [
    '@kakera/core',
    '@kakera/db',
    '@kakera/demo',
    '@kakera/api',
    'drizzle-orm',
    'drizzle-orm/*',
    'pg',
    'fastify',
    'fastify/*',
    '@fastify/*',
  ],
  message: `${who} never reaches the database or the domain: it talks to the API.`,
});
const repoOfAnother = {
  group: ['../*/*.repo.ts', '../**/*.repo.ts'],
  message: 'Another module’s repository is its own: call its use cases or its *-reads.ts.',
};

/** `name` may not import these modules of packages/core (relative paths from inside `name`). */
const coreModule = (name, forbidden, extra = []) => ({
  files: [`packages/core/src/${name}/**/*.ts`],
  rules: {
    '@typescript-eslint/no-restricted-imports': [
      'error',
      {
        patterns: [
          deep,
          repoOfAnother,
          {
            group: ['@kakera/api', '@kakera/web', '@kakera/demo', 'fastify', 'fastify/*', '@fastify/*', '@sveltejs/*'],
            message: 'Core is the domain: no HTTP, no pages, no demo content.',
          },
          ...(forbidden.length
            ? [
                {
                  group: forbidden.flatMap((m) => [`../${m}/*`, `../${m}/**`]).concat(extra),
                  message: `${name} is below ${forbidden.join(', ')} in the module map (docs/architecture.md).`,
                  // Deps names the services every use case is handed; naming a type creates no dependency at run time.
                  allowTypeImports: true,
                },
              ]
            : []),
        ],
      },
    ],
  },
});

// The module map of packages/core, lowest first. Each may import those below it.
const ALL = [
  'shared',
  'events',
  'markdown',
  'search',
  'audit',
  'auth',
  'users',
  'notifications',
  'ranks',
  'categories',
  'sla',
  // Files on posts: bound by the forum as it creates a post; served by the forum's post policy.
  'attachments',
  'forum',
  // Flags and the flag queue: hides posts through the forum, names people through accounts.
  'moderation',
  'tracker',
  'escalations',
  'digest',
  'live',
  // Moving in: writes through the modules below it (accounts, categories, forum, the response rule).
  'import',
];
const above = (m) => ALL.slice(ALL.indexOf(m) + 1);
// Published read fragments (`*-reads.ts`) and policies (`*-policy.ts`) are allowed from anywhere: they import nothing of ours but shared.
const reads = above('shared').flatMap((m) => [`!../${m}/*-reads.ts`, `!../${m}/*-policy.ts`]);

export const boundaries = [
  {
    files: ['packages/contracts/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@kakera/*', 'drizzle-orm', 'drizzle-orm/*', 'pg', 'fastify', 'fastify/*', 'svelte', 'svelte/*'],
              message: 'Contracts are schemas and types only: the browser bundle imports them.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['packages/db/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            deep,
            {
              group: ['@kakera/core', '@kakera/demo', '@kakera/api', '@kakera/web', '@kakera/contracts'],
              message: 'The database package knows nothing of the rules above it.',
            },
          ],
        },
      ],
    },
  },
  // auth and users are one module (accounts: users, teams, sessions), so they may use each other.
  ...ALL.map((m) =>
    coreModule(
      m,
      above(m).filter((x) => !(m === 'auth' && x === 'users')),
      reads,
    ),
  ),
  {
    // A test may drive a module through the ones above it (the response rule through the forum's posts).
    files: ['packages/core/src/**/*.test.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: [deep, repoOfAnother] }] },
  },
  {
    files: ['packages/demo/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [deep, { group: ['@kakera/api', '@kakera/web'], message: 'Demo content goes through core’s use cases.' }] },
      ],
    },
  },
  {
    files: ['apps/api/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [deep, { group: ['@kakera/web'], message: 'The API mounts the built web app; it never imports its code.' }] },
      ],
    },
  },
  {
    files: ['apps/web/src/**/*.ts', 'apps/web/src/**/*.svelte'],
    rules: { 'no-restricted-imports': ['error', { patterns: [deep, noServer('The web app')] }] },
  },
  {
    files: ['apps/api/test/**/*.ts', 'tests/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [deep] }] },
  },
];
