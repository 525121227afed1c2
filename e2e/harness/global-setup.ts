// Starts the stack the browser tests run against: simulated cluster (bookinfo, constant
// traffic), real Prometheus (an hour of history, then scraping every 5 s) and the
// production build on 127.0.0.1:3100. Specs read the addresses from stack.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import { startStack } from '../../scripts/stack';
import { stackInfoPath, type StackInfo } from './stack-info';

export const E2E_ADMIN_TOKEN = 'e2e-admin-token';

export default async function globalSetup(): Promise<() => Promise<void>> {
  const stack = await startStack({
    scenario: 'bookinfo',
    profile: 'constant',
    appPort: 3100,
    simPort: 18101,
    prometheus: 'always',
    historySeconds: 3600,
    scrapeIntervalSeconds: 5,
    adminToken: E2E_ADMIN_TOKEN,
    log: (line) => console.log(`[stack] ${line}`),
  });
  const info: StackInfo = {
    appUrl: stack.appUrl,
    simUrl: stack.simUrl,
    kubeconfigPath: stack.kubeconfigPath,
    prometheusUrl: stack.prometheusUrl,
    adminToken: E2E_ADMIN_TOKEN,
  };
  mkdirSync('test-results', { recursive: true });
  writeFileSync(stackInfoPath, JSON.stringify(info, null, 2));
  return () => stack.stop();
}
