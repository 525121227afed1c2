// Starts the stack the browser tests run against: simulated cluster (bookinfo, constant
// traffic), real Prometheus (an hour of history, then scraping every 5 s), the production build
// on 127.0.0.1:3100, and nginx in front of it as an OpenShift Route would be (TLS edge
// termination, X-Forwarded-*) on https://127.0.0.1:3443/, with a second build made with
// BASE_PATH=/ambient-lens under that sub-path when it exists. Specs read addresses from stack.json.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { startStack } from '../../scripts/stack';
import { startAppServer, type RunningAppServer } from '../../scripts/nginx/app-server';
import { startNginx } from '../../scripts/nginx/nginx';
import { ROUTE, SUB_PATH, stackInfoPath, subPathBuild, type StackInfo } from './stack-info';

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
  let subPathApp: RunningAppServer | undefined;
  if (existsSync(`${subPathBuild}/standalone/server.js`)) {
    subPathApp = await startAppServer({
      port: ROUTE.subPathAppPort,
      distDir: subPathBuild,
      env: { KUBECONFIG: stack.kubeconfigPath, PROMETHEUS_URL: stack.prometheusUrl ?? '', BASE_PATH: SUB_PATH, LOG_LEVEL: 'warn' },
    });
  }
  const nginx = await startNginx({
    upstreamPort: 3100,
    httpsPort: ROUTE.httpsPort,
    httpPort: ROUTE.httpPort,
    ...(subPathApp ? { subPath: { path: SUB_PATH, upstreamPort: ROUTE.subPathAppPort } } : {}),
  });
  const info: StackInfo = {
    appUrl: stack.appUrl,
    simUrl: stack.simUrl,
    kubeconfigPath: stack.kubeconfigPath,
    prometheusUrl: stack.prometheusUrl,
    adminToken: E2E_ADMIN_TOKEN,
    routeUrl: nginx.url,
    subPathUrl: subPathApp ? `${nginx.url}${SUB_PATH}/` : undefined,
  };
  mkdirSync('test-results', { recursive: true });
  writeFileSync(stackInfoPath, JSON.stringify(info, null, 2));
  return async () => {
    await nginx.stop();
    await subPathApp?.stop();
    await stack.stop();
  };
}
