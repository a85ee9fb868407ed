// Page objects: the clusters screen and its add/edit form.
import type { Locator, Page } from 'playwright-core';

export class ClusterFormPage {
  readonly root: Locator;
  constructor(readonly page: Page) {
    this.root = page.getByTestId('cluster-form');
  }

  field(name: string): Locator {
    return this.root.locator(`[data-field="${name}"] input, [data-field="${name}"] select`).first();
  }

  fieldError(name: string): Locator {
    return this.root.getByTestId(`field-error-${name}`);
  }

  async fill(values: { name?: string; servers?: string; securityProtocol?: string; caFile?: string; username?: string; password?: string; mechanism?: string }): Promise<void> {
    if (values.name !== undefined) await this.field('name').fill(values.name);
    if (values.servers !== undefined) await this.field('servers').fill(values.servers);
    if (values.securityProtocol !== undefined) await this.field('securityProtocol').selectOption(values.securityProtocol);
    if (values.caFile !== undefined) await this.field('caFile').fill(values.caFile);
    if (values.mechanism !== undefined) await this.field('mechanism').selectOption(values.mechanism);
    if (values.username !== undefined) await this.field('username').fill(values.username);
    if (values.password !== undefined) await this.field('password').fill(values.password);
  }

  async save(): Promise<void> {
    await this.root.getByTestId('form-save').click();
  }

  async test(): Promise<void> {
    await this.root.getByTestId('form-test').click();
  }
}

export class ClustersPage {
  readonly root: Locator;
  constructor(readonly page: Page) {
    this.root = page.getByTestId('clusters-view');
  }

  get empty(): Locator {
    return this.root.getByTestId('clusters-empty');
  }

  async add(): Promise<ClusterFormPage> {
    await this.root.getByTestId('add-cluster').click();
    const form = new ClusterFormPage(this.page);
    await form.root.waitFor();
    return form;
  }

  row(name: string): Locator {
    return this.root.locator(`[data-testid="cluster-row"][data-name="${name}"]`);
  }

  /** Presses a row's Remove; resolves with the confirmation dialog it opens. */
  async remove(name: string): Promise<Locator> {
    await this.row(name).getByRole('button', { name: 'Remove' }).click();
    const dialog = this.page.getByRole('dialog', { name: `Remove ${name}?` });
    await dialog.waitFor();
    return dialog;
  }

  async test(name: string): Promise<Locator> {
    await this.row(name).getByTestId('row-test').click();
    return this.root.getByTestId('test-result');
  }
}
