// Page object: a cluster's Brokers screen and the broker drawer.
import type { Locator, Page } from 'playwright-core';

export class BrokersPage {
  readonly root: Locator;
  constructor(readonly page: Page) {
    this.root = page.getByTestId('brokers-view');
  }

  get table(): Locator {
    return this.root.getByTestId('brokers-table');
  }

  row(nodeId: number): Locator {
    return this.table.locator(`[role="row"][data-row-id="${nodeId}"]`);
  }

  get drawer(): Locator {
    return this.page.getByTestId('broker-drawer');
  }

  get configs(): Locator {
    return this.drawer.getByTestId('configs-table');
  }

  config(name: string): Locator {
    return this.configs.locator(`[role="row"][data-row-id="${name}"]`);
  }

  async filterConfigs(text: string): Promise<void> {
    await this.drawer.getByTestId('config-filter').fill(text);
  }

  get logDirs(): Locator {
    return this.drawer.getByTestId('log-dirs-table');
  }
}
