import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

// Imports flow one way (docs/architecture.md):
//   app -> components -> lib/api-client -> wire types (lib/kube/wire, lib/posture, lib/graph)
//   app, cli -> lib/server (composition root) -> lib/{auth,kube,prometheus,posture,authz} -> lib/graph
// lib/graph and lib/authz are pure; lib/errors.ts imports nothing, so every layer may use it.
//
// Each boundary is one no-restricted-imports pattern group with its own message. In flat config a
// later block's no-restricted-imports REPLACES an earlier one for the same file, so every file group
// below lists all the boundaries that hold for it (built by spreading its parent group's list), and
// the groups run from general to specific. Patterns are gitignore-style: `!` re-allows a folder.
// `testsMay` marks a boundary tests may cross: they wire layers to the simulator, scripts and node.

const boundary = (group, message, { testsMay = false } = {}) => ({ group, message, testsMay });

const noSimulator = boundary(
  ['@/sim', '@/sim/*', '@/scripts/*', '@/e2e/*'],
  'Production code never imports the simulator, scripts or e2e (sim/, scripts/, e2e/); only tests do.',
  { testsMay: true },
);
const noNode = boundary(
  ['node:*', 'server-only', '@kubernetes/client-node'],
  'This layer is pure or runs in the browser: no node modules, server-only or the Kubernetes client.',
  { testsMay: true },
);
const noCytoscape = boundary(['cytoscape', 'cytoscape-*'], 'Only components/graph imports cytoscape.');
const libNotUi = boundary(['@/app/*', '@/components/*', 'react', 'react-dom'], 'lib does not import app, components or React.');
const notServer = boundary(
  ['@/lib/server', '@/lib/server/*'],
  'Only app/ and cli/ import lib/server (the composition root); lower layers are handed what they need.',
);
const pure = (own, allowed) =>
  boundary(
    ['@/lib/*', ...[own, ...allowed, 'lib/errors'].map((folder) => `!@/${folder}`), 'next', 'next/*', '../*'],
    `${own} is pure: it imports nothing outside itself${allowed.length ? ` but ${allowed.join(', ')}` : ''} (and lib/errors).`,
  );
const componentsNotServer = boundary(
  ['@/app/*', '@/lib/server', '@/lib/server/*', '@/lib/kube', '@/lib/kube/*', '@/lib/prometheus', '@/lib/prometheus/*', '@/lib/auth/*', '!@/lib/auth/user'],
  'Components talk to the server through lib/api-client (wire types come re-exported from there; of lib/auth only user.ts).',
);
const browserClient = boundary(
  ['@/lib/*', '!@/lib/api-client', '!@/lib/graph', '!@/lib/posture', '!@/lib/authz', '!@/lib/errors', '!@/lib/kube', '@/lib/kube/*', '!@/lib/kube/wire'],
  'lib/api-client runs in the browser: it imports wire types (lib/kube/wire, lib/posture, lib/graph, lib/authz) and zod, never server modules.',
);
const postureInputs = boundary(
  ['@/lib/prometheus', '@/lib/prometheus/*', '@/lib/auth', '@/lib/auth/*', '@/lib/kube/*', '!@/lib/kube/wire', '!@/lib/kube/cluster-model', '!@/lib/kube/capture'],
  'lib/posture is pure: it reads the cluster model (lib/kube/cluster-model, lib/kube/wire, the pure lib/kube/capture) and the graph, never an adapter.',
);
const wireTypes = boundary(
  ['@/lib/*', '!@/lib/graph', '!@/lib/authz', '!@/lib/posture', '!@/lib/errors', '!@/lib/kube', '@/lib/kube/*', '!@/lib/kube/wire', '../*'],
  'lib/kube/wire holds the API wire types: zod and the pure lib/graph, lib/authz and lib/posture only, so the browser may import them.',
);

const app = [noSimulator, noCytoscape];
const components = [noSimulator, componentsNotServer];
const lib = [noSimulator, libNotUi, noCytoscape];
const adapter = [...lib, notServer];
const noIoGlobals = ['error', 'fetch', 'process'];

// One block for the production files of a group, one for its tests (boundaries tests may cross left out).
const layer = (files, boundaries, extraRules = {}) => {
  const rule = (list) => ['error', { patterns: list.map(({ group, message }) => ({ group, message })) }];
  const tests = files.map((glob) => glob.replace(/\/\*\*\/\*\.[{}a-z,]+$/, '/**/*.test.{ts,tsx}'));
  if (tests.some((glob, i) => glob === files[i])) throw new Error(`layer(): use folder globs ending in /**/*.ts, not ${files}`);
  return [
    { files, ignores: ['**/*.test.{ts,tsx}'], rules: { 'no-restricted-imports': rule(boundaries), ...extraRules } },
    { files: tests, rules: { 'no-restricted-imports': rule(boundaries.filter((b) => !b.testsMay)), ...extraRules } },
  ];
};

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
  ...layer(['app/**/*.{ts,tsx}'], app),
  ...layer(['cli/**/*.ts'], [noSimulator]),
  ...layer(['components/**/*.{ts,tsx}'], [...components, noCytoscape]),
  ...layer(['components/graph/**/*.{ts,tsx}'], components),
  ...layer(['lib/**/*.ts'], lib),
  ...layer(['lib/kube/**/*.ts', 'lib/prometheus/**/*.ts', 'lib/auth/**/*.ts'], adapter),
  ...layer(['lib/kube/wire/**/*.ts'], [...lib, wireTypes, noNode], { 'no-restricted-globals': noIoGlobals }),
  ...layer(['lib/posture/**/*.ts'], [...adapter, postureInputs, noNode], { 'no-restricted-globals': noIoGlobals }),
  ...layer(['lib/api-client/**/*.ts'], [...lib, browserClient, noNode]),
  ...layer(['lib/graph/**/*.ts'], [...lib, pure('lib/graph', []), noNode], { 'no-restricted-globals': noIoGlobals }),
  ...layer(['lib/authz/**/*.ts'], [...lib, pure('lib/authz', ['lib/graph']), noNode], { 'no-restricted-globals': noIoGlobals }),
  {
    // The graph page's scripts run before its first draw: zod (107 KB) stays out of them. Its server
    // schema (lib/graph/query, lib/graph/series) has a zod-free browser side in lib/graph/request.
    // A rule key of its own, so the layer rules above keep theirs.
    files: ['components/graph/**/*.{ts,tsx}', 'components/pages/graph/**/*.{ts,tsx}', 'lib/api-client/graph.ts', 'lib/api-client/early-fetch.ts', 'lib/api-client/fetch-json.ts', 'lib/api-client/resource.ts'],
    ignores: ['**/*.test.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['zod', '@/lib/graph/query', '@/lib/graph/series', '@/lib/api-client/ztunnel', '@/lib/api-client/workloads'],
              allowTypeImports: true,
              message: 'The graph page loads no zod before it draws: import its browser side (lib/graph/request, lib/graph/kube-names) or types only.',
            },
          ],
        },
      ],
    },
  },
);
