import { readFileSync } from 'node:fs';

export interface StackInfo {
  appUrl: string;
  simUrl: string;
  kubeconfigPath: string;
  prometheusUrl?: string;
  adminToken: string;
  /** nginx in front of the app, as an OpenShift Route (TLS edge termination). */
  routeUrl: string;
  /** The BASE_PATH build behind the same nginx, when it was built. */
  subPathUrl?: string;
}

export const stackInfoPath = 'test-results/stack.json';

/** Ports of the Route stand-in; the Playwright projects "route" and "subpath" use them. */
export const ROUTE = { httpsPort: 3443, httpPort: 3080, subPathAppPort: 3130 } as const;
export const SUB_PATH = '/ambient-lens';
/** Where scripts/test-all.sh builds the app with BASE_PATH=SUB_PATH. */
export const subPathBuild = '.next-subpath';

/** Addresses of the stack global-setup started. */
export function stackInfo(): StackInfo {
  return JSON.parse(readFileSync(stackInfoPath, 'utf8')) as StackInfo;
}
