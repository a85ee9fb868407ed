// The Topics screen on a cluster, as a person opens it: Brook in serve mode (core in this process)
// and headless Chromium. Times from asking for the screen to its first rows and to every figure,
// the longest main-thread task the page ran meanwhile (Chromium's long-task observer), and this
// process's resident memory, which holds core.
import type { Browser } from 'playwright-core';
import { startApp } from '../e2e/support/harness';

export interface ScreenFigures {
  firstRowsMs: number;
  figuresMs: number;
  longestTaskMs: number;
  coreRssMb: number;
}

export async function measureTopicsScreen(browser: Browser, bootstrap: string): Promise<ScreenFigures> {
  const app = await startApp();
  try {
    const saved = await app.core.registry.dispatch('clusters:save', { name: 'bench', bootstrapServers: [bootstrap] });
    if (!saved.ok) throw new Error(JSON.stringify(saved));
    const id = (saved.value as { id: string }).id;
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    await page.addInitScript(() => {
      const w = window as unknown as { longest: number };
      w.longest = 0;
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) w.longest = Math.max(w.longest, e.duration);
      }).observe({ type: 'longtask', buffered: true });
    });
    await page.goto(app.url);
    await page.locator('nav.rail').waitFor();
    let rss = process.memoryUsage().rss;
    const sampler = setInterval(() => (rss = Math.max(rss, process.memoryUsage().rss)), 50);
    await page.evaluate(() => ((window as unknown as { longest: number }).longest = 0));
    const started = performance.now();
    await page.evaluate((hash) => (location.hash = hash), `#/cluster/${encodeURIComponent(id)}/topics`);
    const view = page.getByTestId('topics-view');
    await view.locator('[role="row"][data-row-id]').first().waitFor({ timeout: 60_000 });
    const firstRowsMs = performance.now() - started;
    // Figures are done when the progress has come and gone.
    await view.getByTestId('figures-progress').waitFor({ timeout: 60_000 }).catch(() => undefined);
    await view.getByTestId('figures-progress').waitFor({ state: 'detached', timeout: 300_000 });
    const figuresMs = performance.now() - started;
    clearInterval(sampler);
    const longestTaskMs = await page.evaluate(() => (window as unknown as { longest: number }).longest);
    await context.close();
    return { firstRowsMs, figuresMs, longestTaskMs, coreRssMb: rss / 1024 / 1024 };
  } finally {
    await app.close();
  }
}
