// Page object: the frame (rail of clusters and sections).
import type { Locator, Page } from 'playwright-core';

export class AppFrame {
  constructor(readonly page: Page) {}

  async open(url: string): Promise<void> {
    await this.page.goto(url);
    await this.page.locator('nav.rail').waitFor();
  }

  get clusters(): Locator {
    return this.page.getByTestId('rail-clusters');
  }

  cluster(name: string): Locator {
    return this.clusters.getByRole('button', { name });
  }

  /** Every entry in the rail labelled exactly this (clusters, sections, the sandbox). */
  entries(label: string): Locator {
    return this.page.locator('nav.rail button.rail-item').filter({ has: this.page.getByText(label, { exact: true }) });
  }

  async openSandbox(): Promise<void> {
    await this.page.getByTestId('rail-sandbox').click();
    await this.page.getByTestId('sandbox-view').waitFor();
  }

  /** The running sandbox's cluster screens, through its panel's Open. */
  async openSandboxCluster(): Promise<void> {
    await this.openSandbox();
    await this.page.getByTestId('sandbox-view').getByRole('button', { name: 'Open', exact: true }).click();
    await this.page.getByTestId('cluster-overview').waitFor();
  }

  async openClusters(): Promise<void> {
    await this.page.getByTestId('rail-manage').click();
    await this.page.getByTestId('clusters-view').waitFor();
  }

  async openSection(label: 'Overview' | 'Brokers' | 'Topics' | 'Consumer groups'): Promise<void> {
    await this.page.locator('nav.rail').getByRole('button', { name: label, exact: true }).click();
  }
}
