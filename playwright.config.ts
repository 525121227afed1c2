import { existsSync } from 'node:fs';
import { defineConfig } from '@playwright/test';
import { ROUTE, SUB_PATH, subPathBuild } from './e2e/harness/stack-info';

// The same user journeys again through nginx as an OpenShift Route (TLS edge termination,
// X-Forwarded-*), and under a sub-path when the BASE_PATH build exists (scripts/test-all.sh makes it).
const throughRoute = ['**/graph.spec.ts', '**/namespaces.spec.ts', '**/overview.spec.ts', '**/workloads.spec.ts'];
const routeUrl = `https://127.0.0.1:${ROUTE.httpsPort}`;

// Browser tests run against the production build served by e2e/global-setup (simulated cluster +
// real Prometheus). E2E_BASE_URL points them at another server (e.g. nginx in front of it).
export default defineConfig({
  testDir: './e2e',
  testMatch: '**/*.spec.ts',
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  reporter: [['list'], ['json', { outputFile: 'test-results/e2e-results.json' }]],
  globalSetup: './e2e/harness/global-setup.ts',
  // "live" specs change the simulated cluster (enrolling a namespace): they run after the rest.
  projects: [
    { name: 'main', testIgnore: '**/live-*.spec.ts' },
    { name: 'route', testMatch: throughRoute, use: { baseURL: `${routeUrl}/` }, dependencies: ['main'] },
    ...(existsSync(`${subPathBuild}/standalone/server.js`)
      ? [{ name: 'subpath', testMatch: throughRoute, use: { baseURL: `${routeUrl}${SUB_PATH}/` }, dependencies: ['main'] }]
      : []),
    { name: 'live', testMatch: '**/live-*.spec.ts', dependencies: ['main'] },
  ],
  use: {
    baseURL: process.env.E2E_BASE_URL ?? 'http://127.0.0.1:3100/',
    ignoreHTTPSErrors: true,
    viewport: { width: 1440, height: 900 },
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
    },
  },
});
