// Page object: a topic's Messages screen, its record drawer and dialogs.
import type { Locator, Page } from 'playwright-core';

export class MessagesPage {
  readonly root: Locator;
  constructor(readonly page: Page) {
    this.root = page.getByTestId('messages-view');
  }

  get table(): Locator {
    return this.root.getByTestId('messages-table');
  }

  /** How many rows the table holds (not only those in view). */
  async rowCount(): Promise<number> {
    return Number(await this.table.getAttribute('data-rows'));
  }

  row(partition: number, offset: number): Locator {
    return this.table.locator(`[role="row"][data-row-id="${partition}:${offset}"]`);
  }

  get renderedRows(): Locator {
    return this.table.locator('[role="row"][data-row-id]');
  }

  /** Sets the toolbar (only what is given) and reads; resolves once the read has ended. */
  async read(options: { start?: string; startValue?: string; stop?: string; stopCount?: string; partitions?: string; valueDecoder?: string } = {}, wait = true): Promise<void> {
    const bar = this.root.getByTestId('read-toolbar');
    if (options.start) await bar.getByTestId('read-start').selectOption(options.start);
    if (options.startValue !== undefined) await bar.getByTestId('read-start-value').fill(options.startValue);
    if (options.partitions !== undefined) await bar.getByTestId('read-partitions').fill(options.partitions);
    if (options.stop) await bar.getByTestId('read-stop').selectOption(options.stop);
    if (options.stopCount !== undefined) await bar.getByTestId('read-stop-count').fill(options.stopCount);
    if (options.valueDecoder) await bar.getByTestId('value-decoder').selectOption(options.valueDecoder);
    await bar.getByTestId('read-button').click();
    if (wait) await this.ended();
  }

  /** The read has ended (done, stopped or failed). */
  async ended(timeout = 30_000): Promise<void> {
    await this.root.locator('[data-testid="read-status"]:not([data-status="reading"])').waitFor({ timeout });
  }

  get status(): Locator {
    return this.root.getByTestId('read-status');
  }

  get drawer(): Locator {
    return this.page.getByTestId('record-drawer');
  }

  get search(): Locator {
    return this.root.getByTestId('search-panel');
  }

  get produceForm(): Locator {
    return this.page.getByTestId('produce-form');
  }

  /** Values of the rows in view, top to bottom. */
  async values(): Promise<string[]> {
    return this.renderedRows.evaluateAll((rows) => rows.map((r) => (r.children[4] as HTMLElement).innerText));
  }
}
