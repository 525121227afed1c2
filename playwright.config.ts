import { defineConfig } from '@playwright/test';

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
    { name: 'live', testMatch: '**/live-*.spec.ts', dependencies: ['main'] },
  ],
  use: {
    baseURL: process.env.E2E_BASE_URL ?? 'http://127.0.0.1:3100',
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
