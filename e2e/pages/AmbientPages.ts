import { expect, type APIRequestContext, type Locator, type Page } from '@playwright/test';
import { stackInfo } from '../harness/stack-info';

/** The ambient pages (overview, namespaces, workloads, ztunnel, control plane, security), by role and name. */
export class AmbientPage {
  readonly heading: Locator;
  readonly main: Locator;

  constructor(
    readonly page: Page,
    readonly path: string,
    title: string,
  ) {
    this.heading = page.getByRole('heading', { level: 1, name: title });
    this.main = page.getByRole('main');
  }

  /** Paths are relative to baseURL, so the same specs run under a sub-path (BASE_PATH) too. */
  async goto(query = ''): Promise<void> {
    await this.page.goto(`${this.path}${query ? `?${query}` : ''}`);
    await expect(this.heading).toBeVisible();
    await expect(this.main.getByRole('status', { name: /^Loading/ })).toHaveCount(0, { timeout: 30_000 });
  }

  /** The current URL's query parameters. */
  params(): URLSearchParams {
    return new URL(this.page.url()).searchParams;
  }

  row(testId: string): Locator {
    return this.page.getByTestId(testId);
  }

  tab(name: string | RegExp): Locator {
    return this.page.getByRole('tab', { name });
  }
}

export const overviewPage = (page: Page) => new AmbientPage(page, './', 'Overview');
export const namespacesPage = (page: Page) => new AmbientPage(page, 'namespaces', 'Namespaces');
export const workloadsPage = (page: Page) => new AmbientPage(page, 'workloads', 'Workloads');
export const ztunnelPage = (page: Page) => new AmbientPage(page, 'ztunnel', 'ztunnel');
export const controlPlanePage = (page: Page) => new AmbientPage(page, 'control-plane', 'Control plane');
export const securityPage = (page: Page) => new AmbientPage(page, 'security', 'Security posture');

/** The simulator's fault switch: a node's ztunnel goes not ready (and its admin port stops answering), or comes back. */
export async function setZtunnel(request: APIRequestContext, node: string, up: boolean): Promise<void> {
  const res = await request.post(`${stackInfo().simUrl}/sim/control`, { data: { action: up ? 'ztunnel-up' : 'ztunnel-down', node } });
  expect(res.status(), await res.text()).toBe(200);
}

/** The node the simulated Bookinfo puts web-v1 (frontend) on: taking its ztunnel down leaves web unprotected. */
export const WORKER2 = 'ambient-worker2';
