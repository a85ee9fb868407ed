// `npm run bench [-- part...]`: prints figures and ratios against a peer measured in the same run,
// one table per part (broker, groups, kafka, txn, scale, soak, messages, tail, lag; all when none is named). It never asserts a time: our
// machines are shared and noisy.
import type { Part, Row } from './measure';
import { brokerPart } from './broker';
import { groupsPart } from './groups';
import { lagPart } from './lag';
import { tailPart } from './tail';
import { kafkaPart } from './kafka';
import { scalePart } from './scale';
import { soakPart } from './soak';
import { txnPart } from './txn';
import { messagesPart } from './messages';

const parts: Part[] = [brokerPart, groupsPart, kafkaPart, txnPart, scalePart, soakPart, messagesPart, tailPart, lagPart];

const fmt = (n: number) =>
  n >= 100_000 ? `${(n / 1e6).toFixed(2)}M` : n >= 1000 ? `${(n / 1e3).toFixed(1)}k` : n.toFixed(n < 10 ? 2 : 0);

function print(title: string, rows: Row[]): void {
  console.log(`\n${title}`);
  const withTargets = rows.some((r) => r.target !== undefined);
  const lines = rows.map((r) => {
    const ratio = r.peer ? (r.higherIsBetter ? r.sandbox / r.peer : r.peer / r.sandbox) : NaN;
    const cells = [
      r.what,
      `${fmt(r.sandbox)} ${r.unit}`,
      r.peer === null ? `n/a (${r.peerName})` : `${fmt(r.peer)} (${r.peerName})`,
      Number.isNaN(ratio) ? '-' : `${ratio.toFixed(2)}x`,
    ];
    if (withTargets) {
      const verdict = Number.isNaN(ratio) ? 'unknown' : ratio >= r.target! ? 'met' : 'missed';
      cells.push(r.target === undefined ? '' : `>=${r.target}x ${verdict}`);
    }
    return cells;
  });
  const head = ['measure', 'sandbox', 'peer', 'sandbox vs peer (>1 = better)', ...(withTargets ? ['target'] : [])];
  const widths = head.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  for (const l of [head, widths.map((w) => '-'.repeat(w)), ...lines]) {
    console.log(l.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  '));
  }
}

// Part names, less options of a part (`soak --minutes 5`).
const asked = process.argv.slice(2).filter((a, i, all) => !a.startsWith('--') && !all[i - 1]?.startsWith('--'));
const unknown = asked.filter((a) => !parts.some((p) => p.name === a));
if (unknown.length) {
  console.error(`unknown bench part ${unknown.join(', ')}; the parts are ${parts.map((p) => p.name).join(', ')}`);
  process.exit(2);
}
for (const part of parts.filter((p) => asked.length === 0 || asked.includes(p.name))) {
  print(part.title, await part.run());
}
