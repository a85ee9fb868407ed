// Page object: the local sandbox panel.
import type { Locator, Page } from 'playwright-core';

export class SandboxPage {
  readonly root: Locator;
  constructor(readonly page: Page) {
    this.root = page.getByTestId('sandbox-view');
  }

  get state(): Locator {
    return this.root.getByTestId('sandbox-state');
  }

  get address(): Locator {
    return this.root.getByTestId('sandbox-address');
  }

  async start(): Promise<void> {
    await this.root.getByTestId('sandbox-start').click();
  }

  /** Opens the running sandbox's cluster screens (its overview). */
  async open(): Promise<void> {
    await this.root.getByRole('button', { name: 'Open', exact: true }).click();
  }

  async stop(): Promise<void> {
    await this.root.getByTestId('sandbox-stop').click();
  }

  /** Waits until the state is one of those given; returns it. */
  async waitForState(states: string[], timeout = 30_000): Promise<string> {
    const selector = states.map((s) => `[data-testid="sandbox-state"][data-state="${s}"]`).join(', ');
    await this.root.locator(selector).waitFor({ timeout });
    return (await this.state.getAttribute('data-state')) ?? '';
  }
}
