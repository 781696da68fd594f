// One linter for the whole tree. eslint-plugin-regexp catches super-linear regexes, which
// header parsers must avoid; the restricted-imports block keeps packages runtime-neutral.
import js from '@eslint/js';
import regexp from 'eslint-plugin-regexp';
import tseslint from 'typescript-eslint';

const frameworkAndNodeImports = {
  patterns: [
    {
      group: ['node:*'],
      message: 'Packages run on Web APIs only; put Node fast paths behind conditional exports.',
    },
    {
      group: ['express', 'express/*', 'fastify', 'fastify/*', 'hono', 'hono/*'],
      message: 'Framework code lives in adapters/* only.',
    },
  ],
};

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '**/coverage/**',
      '.cache/**',
      'docs/site/**',
      'artifacts/**',
      'examples/*/data/**',
      'examples/*/.snippets/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  regexp.configs['flat/recommended'],
  {
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: 'module',
      globals: {
        console: 'readonly',
        process: 'readonly',
        URL: 'readonly',
        Request: 'readonly',
        Response: 'readonly',
        Headers: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      'regexp/no-super-linear-backtracking': 'error',
      'regexp/no-super-linear-move': 'error',
    },
  },
  {
    files: ['packages/*/src/**/*.ts'],
    ignores: ['packages/*/src/**/*.test.ts', 'packages/*/src/**/*.node.ts'],
    rules: {
      'no-restricted-imports': ['error', frameworkAndNodeImports],
      'no-console': 'error',
    },
  },
  {
    files: ['adapters/*/src/**/*.ts'],
    ignores: ['adapters/*/src/**/*.test.ts'],
    rules: { 'no-console': 'error' },
  },
  {
    files: ['**/*.mjs', '**/*.cjs', 'scripts/**/*.js'],
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', setTimeout: 'readonly' },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
