// Page object: a cluster's Overview screen, its figures by name.
import type { Locator, Page } from 'playwright-core';

export class OverviewPage {
  readonly root: Locator;
  constructor(readonly page: Page) {
    this.root = page.getByTestId('overview');
  }

  /** A figure: brokers, controller, kafka, bytes, topics, partitions, under-replicated, under-min-isr, offline, groups, group-state-<State>. */
  tile(name: string): Locator {
    return this.root.getByTestId(`tile-${name}`);
  }

  /** The figure itself, without its label and the line under it. */
  async value(name: string): Promise<string> {
    return (await this.tile(name).locator('.tile-value').innerText()).trim();
  }

  /** Resolves once the figures are on screen. */
  async loaded(timeout = 30_000): Promise<void> {
    await this.tile('brokers').waitFor({ timeout });
  }

  get unanswered(): Locator {
    return this.root.getByTestId('overview-unanswered');
  }
}
