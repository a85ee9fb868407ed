// Page object: the topic drawer's tabs and the changes made from them (add partitions, delete
// records, configs).
import type { Locator, Page } from 'playwright-core';

export class TopicDrawerPage {
  readonly root: Locator;
  constructor(readonly page: Page) {
    this.root = page.getByTestId('topic-drawer');
  }

  async openTab(id: 'partitions' | 'configs'): Promise<void> {
    await this.root.getByTestId(`tab-${id}`).click();
  }

  get partitions(): Locator {
    return this.root.getByTestId('partitions-table');
  }

  partition(n: number): Locator {
    return this.partitions.locator(`[role="row"][data-row-id="${n}"]`);
  }

  get addPartitionsForm(): Locator {
    return this.page.getByTestId('add-partitions-form');
  }

  /** Opens Add partitions and submits `count`; the dialog stays open when the cluster refuses. */
  async addPartitions(count: number): Promise<void> {
    if (!(await this.addPartitionsForm.isVisible())) await this.root.getByTestId('add-partitions').click();
    await this.addPartitionsForm.getByLabel('Partitions, in all').fill(String(count));
    await this.addPartitionsForm.getByTestId('add-partitions-submit').click();
  }

  get purgeForm(): Locator {
    return this.page.getByTestId('purge-form');
  }

  /** Opens Delete records, per partition, with these offsets, and asks for the preview. */
  async previewPurge(offsets: Record<number, number>): Promise<void> {
    if (!(await this.purgeForm.isVisible())) await this.root.getByTestId('purge-records').click();
    await this.purgeForm.getByTestId('purge-mode-offsets').check();
    for (const [partition, offset] of Object.entries(offsets)) await this.purgeForm.getByTestId(`purge-offset-${partition}`).fill(String(offset));
    await this.purgeForm.getByTestId('purge-preview-submit').click();
  }

  /** Opens Delete records, all of them, and asks for the preview. */
  async previewPurgeAll(): Promise<void> {
    await this.root.getByTestId('purge-records').click();
    await this.purgeForm.getByTestId('purge-preview-submit').click();
  }

  get configs(): Locator {
    return this.root.getByTestId('configs-table');
  }

  config(name: string): Locator {
    return this.configs.locator(`[role="row"][data-row-id="${name}"]`);
  }

  get editor(): Locator {
    return this.root.getByTestId('config-editor');
  }

  /** Filters to `name`, opens its editor and saves `value`. */
  async setConfig(name: string, value: string): Promise<void> {
    await this.root.getByTestId('config-filter').fill(name);
    if (!(await this.editor.isVisible())) await this.config(name).click();
    await this.editor.getByLabel('Value').fill(value);
    await this.editor.getByTestId('config-save').click();
  }

  async resetConfig(name: string): Promise<void> {
    await this.root.getByTestId('config-filter').fill(name);
    await this.config(name).click();
    await this.editor.getByTestId('config-reset').click();
  }
}
