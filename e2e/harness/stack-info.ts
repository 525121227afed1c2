import { readFileSync } from 'node:fs';

export interface StackInfo {
  appUrl: string;
  simUrl: string;
  kubeconfigPath: string;
  prometheusUrl?: string;
  adminToken: string;
}

export const stackInfoPath = 'test-results/stack.json';

/** Addresses of the stack global-setup started. */
export function stackInfo(): StackInfo {
  return JSON.parse(readFileSync(stackInfoPath, 'utf8')) as StackInfo;
}
