// `npm run bench`: prints figures and ratios against a peer measured in the same run. It never
// asserts a time: our machines are shared and noisy.
import { brokerBench, type Row } from './broker';

const fmt = (n: number) =>
  n >= 100_000 ? `${(n / 1e6).toFixed(2)}M` : n >= 1000 ? `${(n / 1e3).toFixed(1)}k` : n.toFixed(n < 10 ? 2 : 0);

function print(title: string, rows: Row[]): void {
  console.log(`\n${title}`);
  const lines = rows.map((r) => {
    const ratio = r.peer ? (r.higherIsBetter ? r.sandbox / r.peer : r.peer / r.sandbox) : NaN;
    return [r.what, `${fmt(r.sandbox)} ${r.unit}`, r.peer === null ? '-' : `${fmt(r.peer)} (${r.peerName})`, Number.isNaN(ratio) ? '-' : `${ratio.toFixed(2)}x`];
  });
  const head = ['measure', 'sandbox', 'peer', 'sandbox vs peer (>1 = better)'];
  const widths = head.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  for (const l of [head, widths.map((w) => '-'.repeat(w)), ...lines]) {
    console.log(l.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  '));
  }
}

print('Sandbox broker vs librdkafka mock cluster (and loopback TCP)', await brokerBench());
