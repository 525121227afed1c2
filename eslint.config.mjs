import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

// Imports flow one way: app -> components -> lib; lib/server -> lib/{prometheus,kube,graph};
// lib/graph imports nothing outside itself.
const noUpward = (patterns, message) => ['error', { patterns: [{ group: patterns, message }] }];

export default tseslint.config(
  { ignores: ['.next*/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'next-env.d.ts', '.cache/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  { languageOptions: { globals: { ...globals.node, ...globals.browser } } },
  {
    files: ['**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Test support lives in testing/ and only tests may use it (a separate rule key, so the layer
    // rules below keep their own no-restricted-imports lists).
    files: ['app/**/*.{ts,tsx}', 'components/**/*.{ts,tsx}', 'lib/**/*.ts', 'sim/**/*.ts', 'cli/**/*.ts', 'proxy.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: 'ImportDeclaration[source.value=/^(@\\/|(\\.\\.?\\/)+)testing\\//]', message: 'Only tests import test support (testing/).' },
      ],
    },
  },
  {
    files: ['lib/graph/**/*.ts'],
    rules: {
      'no-restricted-imports': noUpward(
        ['@/app/*', '@/components/*', '@/lib/server/*', '@/lib/kube/*', '@/lib/prometheus/*', '@/sim/*', 'next', 'next/*', 'react', 'cytoscape', '../*'],
        'lib/graph is the pure core: it imports nothing outside itself.',
      ),
      'no-restricted-globals': ['error', 'fetch', 'process'],
    },
  },
  {
    files: ['lib/**/*.ts'],
    ignores: ['lib/graph/**'],
    rules: {
      'no-restricted-imports': noUpward(['@/app/*', '@/components/*', 'cytoscape', 'react'], 'lib does not import app or components.'),
    },
  },
  {
    files: ['lib/prometheus/**/*.ts', 'lib/kube/**/*.ts'],
    rules: {
      'no-restricted-imports': noUpward(['@/app/*', '@/components/*', '@/lib/server/*', 'cytoscape', 'react'], 'Adapters do not import the composition root.'),
    },
  },
  {
    files: ['components/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': noUpward(['@/app/*', '@/lib/server/*', '@/lib/kube/*', '@/lib/prometheus/*', '@/sim/*'], 'Components talk to the server through lib/api-client.'),
    },
  },
  {
    files: ['components/**/*.{ts,tsx}'],
    ignores: ['components/graph/**'],
    rules: {
      'no-restricted-imports': noUpward(['cytoscape', 'cytoscape-*', '@/app/*', '@/lib/server/*', '@/lib/kube/*', '@/lib/prometheus/*', '@/sim/*'], 'Only components/graph imports cytoscape.'),
    },
  },
);
