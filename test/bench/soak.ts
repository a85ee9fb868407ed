// The soak (issue 15): the sandbox as the app runs it, under every lane of test/support/soak at
// once (kafkajs and kcat producing with every codec, consumers, groups joining, leaving and being
// killed, connections dropped mid-request) for SOAK minutes (30 unless `--minutes N` follows
// `soak`), restarted whenever it dies. It prints the crashes (the target is none), the requests it
// handled, and its resident memory at the start and the end (the target is flat).
import { soak, type SoakReport } from '../support/soak/run';
import type { Part, Row } from './measure';

function minutes(): number {
  const at = process.argv.indexOf('--minutes');
  const n = at > 0 ? Number(process.argv[at + 1]) : 30;
  if (!(n > 0)) throw new Error(`--minutes takes a positive number, got ${process.argv[at + 1]}`);
  return n;
}

function describe(report: SoakReport): void {
  for (const c of report.crashes) {
    console.log(`crash at ${(c.atMs / 1000).toFixed(0)} s: ${c.signal ?? `exit ${c.code}`}\n  ${c.lastLines.join('\n  ')}`);
  }
  for (const [lane, t] of Object.entries(report.lanes)) {
    console.log(`  ${lane}: ${t.ok} done, ${t.failed} failed${t.lastError ? ` (last: ${t.lastError})` : ''}`);
  }
}

export const soakPart: Part = {
  name: 'soak',
  title: 'Soak: mixed client load on the sandbox (no peer: the targets are absolute)',
  async run(): Promise<Row[]> {
    const durationMs = minutes() * 60_000;
    console.log(`soaking the sandbox for ${durationMs / 60_000} min...`);
    const report = await soak({ durationMs, onLine: (line) => console.log(line) });
    describe(report);
    const none = 'none: absolute';
    return [
      { what: `crashes in ${(report.durationMs / 60_000).toFixed(1)} min (target 0)`, unit: '', sandbox: report.crashes.length, peer: null, peerName: none, higherIsBetter: false },
      { what: 'requests handled', unit: 'req', sandbox: report.requestsHandled, peer: null, peerName: none, higherIsBetter: true },
      { what: 'requests handled per second', unit: 'req/s', sandbox: report.requestsHandled / (report.durationMs / 1000), peer: null, peerName: none, higherIsBetter: true },
      { what: 'connections accepted', unit: '', sandbox: report.connections, peer: null, peerName: none, higherIsBetter: true },
      // The peer column holds the start, so the ratio reads "end vs start" (>= 1 means it did not grow).
      { what: 'RSS at the end vs 10 s in (target flat)', unit: 'MiB', sandbox: report.rssEndKiB / 1024, peer: report.rssStartKiB / 1024, peerName: 'at 10 s', higherIsBetter: false, target: 0.8 },
      { what: 'RSS peak', unit: 'MiB', sandbox: report.rssPeakKiB / 1024, peer: null, peerName: none, higherIsBetter: false },
    ];
  },
};
