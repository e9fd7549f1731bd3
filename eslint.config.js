import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import { boundaries } from './scripts/import-boundaries.js';

export default ts.config(
  {
    ignores: [
      '**/node_modules/',
      '**/.svelte-kit/',
      'apps/web/build/',
      'apps/api/dist/',
      'apps/web/src/lib/paraglide/',
      'drizzle/',
      'data/',
      'test-results/',
      '.bench/',
    ],
  },
  js.configs.recommended,
  ...ts.configs.recommended,
  ...svelte.configs['flat/recommended'],
  prettier,
  ...svelte.configs['flat/prettier'],
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: ts.parser, extraFileExtensions: ['.svelte'] } },
  },
  ...boundaries,
  {
    // Scripts and tests talk to people on the terminal.
    files: ['scripts/**', 'tests/**', 'bench/**', '.ci/**', '**/*.test.ts'],
    rules: { 'no-console': 'off' },
  },
);
