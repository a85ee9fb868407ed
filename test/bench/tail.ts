// A live tail, as a person watches one (issue 12's target): Brook in serve mode (core in this
// process), the sandbox taking about 20,000 records/s from kcat, the Messages screen tailing them
// in headless Chromium. Prints the rate produced and the rate the screen shows, the page's long
// tasks (Chromium's long-task observer; the target is none over 100 ms) and core's memory at the
// start of the tail and at its end (bounded buffers: flat).
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { ensureBuilt, launchBrowser, openApp } from '../e2e/support/harness';
import { startSandboxApp } from '../e2e/support/sandbox';
import { MessagesPage } from '../e2e/pages/MessagesPage';
import { sleep, type Part, type Row } from './measure';

const SECONDS = 30;
const PER_TICK = 2_000;
const TICK_MS = 100;

export const tailPart: Part = {
  name: 'tail',
  title: `Live tail: the Messages screen tailing the sandbox at ~${(PER_TICK * 1000) / TICK_MS} records/s for ${SECONDS} s (serve mode, headless Chromium)`,
  async run(): Promise<Row[]> {
    ensureBuilt();
    const { app, bootstrap } = await startSandboxApp([{ topic: 'firehose', numPartitions: 4 }]);
    const browser = await launchBrowser();
    try {
      const { page, frame } = await openApp(browser, app.url);
      await frame.open(`${new URL(page.url()).origin}/#/cluster/local-sandbox/topics/firehose/messages`);
      const messages = new MessagesPage(page);
      await messages.ended();
      await messages.read({ start: 'now', stop: 'never' }, false);
      const rate = messages.root.getByTestId('tail-rate');
      await rate.filter({ hasText: 'waiting for records' }).waitFor();
      await page.evaluate(() => {
        const w = window as unknown as { longTasks: number[] };
        w.longTasks = [];
        new PerformanceObserver((list) => w.longTasks.push(...list.getEntries().map((e) => e.duration))).observe({ type: 'longtask' });
      });

      // kcat produces, in a process of its own, what this process writes it each tick.
      const kcat = spawn('kcat', ['-P', '-b', bootstrap, '-t', 'firehose', '-K', ':', '-X', 'linger.ms=5'], { stdio: ['pipe', 'ignore', 'inherit'] });
      const rss: number[] = [];
      const shown: string[] = [];
      const started = Date.now();
      let sent = 0;
      while (Date.now() - started < SECONDS * 1000) {
        const lines: string[] = [];
        for (let i = 0; i < PER_TICK; i++, sent++) lines.push(`k${sent}:${JSON.stringify({ seq: sent, at: Date.now(), pad: 'x'.repeat(40) })}`);
        if (!kcat.stdin.write(lines.join('\n') + '\n')) await once(kcat.stdin, 'drain');
        if (sent % (PER_TICK * 10) === 0) {
          rss.push(process.memoryUsage().rss / 1e6);
          shown.push((await rate.textContent()) ?? '');
        }
        await sleep(Math.max(0, started + (sent / PER_TICK) * TICK_MS - Date.now()));
      }
      kcat.stdin.end();
      await once(kcat, 'exit');
      const produced = sent / ((Date.now() - started) / 1000);
      const long = await page.evaluate(() => (window as unknown as { longTasks: number[] }).longTasks);
      const shownRates = shown.slice(2).map((t) => Number(/([\d.]+)k records\/s/.exec(t)?.[1] ?? NaN) * 1000).filter((n) => !Number.isNaN(n));
      const none = (peerName: string) => ({ peer: null, peerName }) as const;
      return [
        { what: 'records/s produced (kcat)', unit: 'records/s', sandbox: produced, ...none('the load'), higherIsBetter: true },
        { what: 'records/s the screen shows (median)', unit: 'records/s', sandbox: shownRates.sort((a, b) => a - b)[Math.floor(shownRates.length / 2)] ?? NaN, ...none('equal to the load when it keeps up'), higherIsBetter: true },
        { what: 'long tasks of the page', unit: 'tasks', sandbox: long.length, ...none('target: none over 100 ms'), higherIsBetter: false },
        { what: 'the longest task of the page', unit: 'ms', sandbox: Math.max(0, ...long), ...none('target 100 ms'), higherIsBetter: false },
        { what: "core's memory when the tail began", unit: 'MB', sandbox: rss[0] ?? NaN, ...none('-'), higherIsBetter: false },
        { what: "core's memory at its end", unit: 'MB', sandbox: rss.at(-1) ?? NaN, ...none('flat: bounded buffers'), higherIsBetter: false },
      ];
    } finally {
      await browser.close();
      await app.close();
    }
  },
};
