import type { Locator, Page } from '@playwright/test';
import { AmbientPage } from './AmbientPages';

/** The Policies page: the policy tables, the findings and the "Can A reach B?" form. */
export class PoliciesPage extends AmbientPage {
  readonly form: Locator;
  readonly answer: Locator;
  readonly findings: Locator;

  constructor(page: Page) {
    super(page, 'policies', 'Policies');
    this.form = page.getByRole('region', { name: 'Can A reach B?' });
    this.answer = page.getByTestId('authz-answer');
    this.findings = page.getByRole('list', { name: 'Authorization findings' });
  }

  /** A row of the AuthorizationPolicy or PeerAuthentication table, by "namespace/name". */
  policy(ref: string): Locator {
    return this.page.locator(`tr[data-policy="${ref}"]`);
  }

  async check(from: string, to: string, port?: number, request: { method?: string; path?: string } = {}): Promise<void> {
    await this.form.getByRole('textbox', { name: 'From' }).fill(from);
    await this.form.getByRole('textbox', { name: 'To' }).fill(to);
    await this.form.getByRole('textbox', { name: 'Port' }).fill(port === undefined ? '' : String(port));
    await this.form.getByRole('textbox', { name: 'Method' }).fill(request.method ?? '');
    await this.form.getByRole('textbox', { name: 'Path' }).fill(request.path ?? '');
    await this.form.getByRole('button', { name: 'Check' }).click();
  }
}
