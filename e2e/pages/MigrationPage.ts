import { expect, type Locator, type Page } from '@playwright/test';

/** The "Sidecar to ambient" page, reached from the navigation and driven by role and name. */
export class MigrationPage {
  readonly dataplane: Locator;
  readonly verdict: Locator;

  constructor(readonly page: Page) {
    this.dataplane = page.getByRole('region', { name: 'Dataplane' });
    this.verdict = page.getByTestId('migration-verdict');
  }

  /** From the home page, through the navigation link, then the namespace picker. */
  async open(namespace: string): Promise<void> {
    await this.page.goto('');
    await this.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /Sidecar to ambient/ }).click();
    await expect(this.page.getByRole('heading', { level: 1, name: 'Sidecar to ambient' })).toBeVisible();
    await this.page.getByRole('combobox', { name: 'Namespace' }).selectOption(namespace);
    await expect(this.dataplane).toContainText(namespace);
  }

  section(title: 'Blocks the move' | 'Steps' | 'Callers and callees'): Locator {
    return this.page.getByRole('region', { name: title });
  }

  /** Full-page screenshots at the three widths the console is checked at. */
  async screenshots(prefix: string): Promise<string[]> {
    const files: string[] = [];
    const original = this.page.viewportSize();
    for (const width of [1440, 1024, 390]) {
      await this.page.setViewportSize({ width, height: 900 });
      await expect(this.dataplane).toBeVisible();
      // <main> scrolls inside the shell, so a full-page shot would stop at the window: make the
      // window as tall as the page's content instead.
      const height = await this.page.evaluate(() => {
        const main = document.querySelector('main');
        return main ? Math.ceil(main.getBoundingClientRect().top + main.scrollHeight) : 900;
      });
      await this.page.setViewportSize({ width, height: Math.max(900, height) });
      const path = `test-results/screenshots/${prefix}-${width}.png`;
      await this.page.screenshot({ path, fullPage: true });
      files.push(path);
    }
    if (original) await this.page.setViewportSize(original);
    return files;
  }
}
