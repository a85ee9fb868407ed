// Page object: a cluster's Topics screen and the topic drawer.
import type { Locator, Page } from 'playwright-core';

export class TopicsPage {
  readonly root: Locator;
  constructor(readonly page: Page) {
    this.root = page.getByTestId('topics-view');
  }

  get table(): Locator {
    return this.root.getByTestId('topics-table');
  }

  row(name: string): Locator {
    return this.table.locator(`[role="row"][data-row-id="${name}"]`);
  }

  /** Rows in the DOM (the table is virtualized: only those in view). */
  get renderedRows(): Locator {
    return this.table.locator('[role="row"][data-row-id]');
  }

  async filter(text: string): Promise<void> {
    await this.root.getByTestId('topic-filter').fill(text);
  }

  get drawer(): Locator {
    return this.page.getByTestId('topic-drawer');
  }

  /** The drawer's consumer groups of the topic (TopicConsumers). */
  get consumers(): Locator {
    return this.drawer.getByTestId('topic-consumers');
  }

  /** Resolves once no figures are still being read. */
  async figuresDone(timeout = 30_000): Promise<void> {
    await this.root.getByTestId('figures-progress').waitFor({ state: 'detached', timeout });
  }
}
