// @ts-check
import { readdirSync } from 'node:fs';
import js from '@eslint/js';
import pluginQuery from '@tanstack/eslint-plugin-query';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const features = readdirSync(new URL('./src/features', import.meta.url), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);

const noMocks = {
  group: ['**/mocks', '**/mocks/**', '**/server', '**/server/**'],
  message:
    'src/ must not import mocks/ (only main.tsx starts the built-in fleet, lazily) nor the server.',
};
const noApp = {
  group: ['@/app', '@/app/**'],
  message: 'Imports point one way: app → features → shared.',
};
const noFeatures = {
  group: ['@/features', '@/features/**'],
  message: 'Shared code must not depend on a feature.',
};
const noComponents = {
  group: ['@/components', '@/components/**'],
  message: 'api/, domain/ and lib/ stay free of UI.',
};
/** Outside src/ (the built-in fleet, scripts) only the contract, the domain rules and lib. */
const onlyContractOutsideSrc = {
  group: [
    '**/src/app',
    '**/src/app/**',
    '**/src/features/**',
    '**/src/components/**',
    '**/src/test/**',
    '@/app',
    '@/app/**',
    '@/features/**',
    '@/components/**',
    '@/test/**',
  ],
  message:
    'mocks/ and scripts/ may use src/api, src/domain and src/lib only: the contract, not the UI.',
};

export default tseslint.config(
  {
    ignores: [
      'dist',
      'node_modules',
      'public/mockServiceWorker.js',
      'playwright-report',
      'test-results',
      'bench-results',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.browser, ...globals.node },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-non-null-assertion': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/only-throw-error': 'off',
    },
  },
  {
    files: ['**/*.js'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    ...reactHooks.configs.flat['recommended-latest'],
  },
  ...pluginQuery.configs['flat/recommended'],
  // Import boundaries (ARCHITECTURE.md): app → features → components → domain, lib, api; src
  // never imports mocks; mocks and scripts see only the contract, the domain rules and lib.
  {
    files: ['src/app/**', 'src/main.tsx'],
    rules: { 'no-restricted-imports': ['error', { patterns: [noMocks] }] },
  },
  {
    files: ['src/api/**', 'src/lib/**', 'src/domain/**', 'src/queries/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [noMocks, noApp, noFeatures, noComponents] }],
    },
  },
  {
    files: ['src/components/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [noMocks, noApp, noFeatures] }] },
  },
  ...features.map((feature) => ({
    files: [`src/features/${feature}/**`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            noMocks,
            noApp,
            {
              regex: `^@/features/(?!${feature}/)[^/]+/(?!public$)`,
              message: 'Use another feature only through its public.ts.',
            },
            {
              group: ['../*'],
              message: 'Reach outside this feature through @/ imports, not ../ paths.',
            },
          ],
        },
      ],
    },
  })),
  {
    files: ['mocks/**', 'scripts/**', 'server/**'],
    ignores: ['**/*.test.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [onlyContractOutsideSrc] }] },
  },
  {
    // The ports (and the contract layer) run in the browser's worker too: no Node module.
    files: ['server/ports/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            onlyContractOutsideSrc,
            { regex: '^node:', message: 'server/ports runs in browsers too: no Node modules.' },
          ],
        },
      ],
    },
  },
  {
    files: ['scripts/**'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            onlyContractOutsideSrc,
            {
              group: ['**/mocks', '**/mocks/**'],
              message:
                'Scripts start the built-in fleet as a process (mocks/server.ts), not by import.',
            },
          ],
        },
      ],
    },
  },
  {
    // Tests may drive the built-in fleet directly.
    files: ['src/**/*.test.{ts,tsx}', 'src/test/**'],
    rules: { 'no-restricted-imports': 'off' },
  },
);
