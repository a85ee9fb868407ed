// Page object: a cluster's Consumer groups screen, the group drawer and its dialogs.
import type { Locator, Page } from 'playwright-core';

export class GroupsPage {
  readonly root: Locator;
  constructor(readonly page: Page) {
    this.root = page.getByTestId('groups-view');
  }

  get table(): Locator {
    return this.root.getByTestId('groups-table');
  }

  row(groupId: string): Locator {
    return this.table.locator(`[role="row"][data-row-id="${groupId}"]`);
  }

  async rows(): Promise<number> {
    return Number(await this.table.getAttribute('data-rows'));
  }

  async filter(text: string): Promise<void> {
    await this.root.getByTestId('group-filter').fill(text);
  }

  async figuresDone(timeout = 30_000): Promise<void> {
    await this.root.getByTestId('group-figures-progress').waitFor({ state: 'detached', timeout });
  }

  get drawer(): Locator {
    return this.page.getByTestId('group-drawer');
  }

  get partitions(): Locator {
    return this.drawer.getByTestId('group-partitions');
  }

  partition(topic: string, partition: number): Locator {
    return this.partitions.locator(`[role="row"][data-row-id="${topic}:${partition}"]`);
  }

  /** Opens a group from the list and waits for its description. */
  async open(groupId: string): Promise<void> {
    await this.row(groupId).click();
    await this.drawer.getByTestId('group-facts').waitFor({ timeout: 30_000 });
  }

  get resetForm(): Locator {
    return this.page.getByTestId('reset-form');
  }

  /** Picks a reset mode by its label (the radio itself is hidden under it). */
  async mode(mode: string): Promise<void> {
    await this.resetForm.getByTestId(`reset-mode-${mode}`).locator('xpath=..').click();
  }

  /** Previews a reset in the open dialog and returns the plan's total lag after it. */
  async preview(mode: string, fill?: { testId: string; value: string }): Promise<string> {
    await this.mode(mode);
    if (fill) await this.resetForm.getByTestId(fill.testId).fill(fill.value);
    await this.resetForm.getByTestId('reset-preview').click();
    return this.resetForm.getByTestId('reset-lag-after').innerText();
  }
}
