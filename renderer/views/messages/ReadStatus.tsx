// What the read did and is doing: scanned and matched, per partition (scanned of its range, with
// the records/s of the whole read), the note when the buffer is capped, and at the end the
// summary: which offsets of which partitions were scanned and how many were undecodable.
import type { PartitionScan } from '../../../shared/model';
import { exactCount, humanCount } from '../../format';
import { RECORDS_CAP, useMessages } from '../../stores/messages';

const range = (p: PartitionScan) => (p.position > p.from ? `${p.from}–${p.position - 1}` : 'none');

export function ReadStatus({ search }: { search: boolean }) {
  const { status, progress, summary, capped, records, input } = useMessages();
  const scans = summary?.partitions ?? progress?.partitions ?? [];
  const tail = input?.stop.at === 'never';
  // Core clamps an offset to what each partition keeps: say where it was out of range.
  const asked = input?.start.from === 'offset' ? input.start.offset : undefined;
  const clamped = asked === undefined ? [] : scans.filter((p) => p.from !== asked);
  return (
    <div className="read-status" data-testid="read-status" data-status={status}>
      {capped ? (
        <div className="notice" role="status" data-testid="capped-note">
          {capped === 'stopped'
            ? `Showing the first ${exactCount(RECORDS_CAP)} records: the read stopped there. Narrow it (a start offset, fewer partitions, a filter) to see the rest.`
            : `Showing the newest ${exactCount(RECORDS_CAP)} records: older ones leave the table as new ones arrive.`}
        </div>
      ) : null}
      {clamped.length ? (
        <div className="notice" role="status" data-testid="offset-out-of-range">
          Offset {asked} is out of range for {clamped.map((p) => `partition ${p.partition} (read from ${p.from}${p.to !== null ? `, its end is ${p.to}` : ''})`).join(', ')}.
        </div>
      ) : null}
      {status === 'reading' && progress && !tail ? (
        <div className="muted small" role="status" data-testid="read-progress">
          {search ? 'Searching' : 'Reading'}… {exactCount(progress.scanned)} scanned{search ? `, ${exactCount(progress.matched)} matched` : ''} · {humanCount(Math.round(progress.rate))} records/s
        </div>
      ) : null}
      {search && scans.length ? (
        <table className="table scans" data-testid="partition-scans">
          <thead><tr><th className="num">Partition</th><th>Scanned</th><th className="num">Matched</th><th>Offsets</th></tr></thead>
          <tbody>
            {scans.map((p) => {
              const total = p.to === null ? null : p.to - p.from;
              return (
                <tr key={p.partition} data-partition={p.partition}>
                  <td className="num">{p.partition}</td>
                  <td>
                    <span className="bar" aria-hidden="true"><span style={{ width: `${total ? Math.min(100, ((p.position - p.from) / total) * 100) : 100}%` }} /></span>{' '}
                    <span className="num">{exactCount(p.scanned)}{total === null ? '' : ` / ${exactCount(total)}`}</span>
                  </td>
                  <td className="num">{exactCount(p.matched)}</td>
                  <td className="mono">{range(p)}{p.removed ? ` (${exactCount(p.removed)} deleted before reached)` : ''}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : null}
      {summary ? (
        <div className="muted small" data-testid="read-summary">
          {exactCount(summary.matched)} {search ? `matched of ${exactCount(summary.scanned)} scanned` : summary.matched === 1 ? 'record' : 'records'} in {(summary.ms / 1000).toFixed(1)} s, {summary.stoppedBy === 'count' ? 'stopped at the count' : 'to the end of every partition'}
          {summary.skipped ? `; ${exactCount(summary.skipped)} skipped as undecodable for the filter` : ''}
          {search ? `. Scanned ${summary.partitions.map((p) => `partition ${p.partition} offsets ${range(p)}`).join(', ')}.` : ''}
        </div>
      ) : status === 'stopped' && !capped ? (
        <div className="muted small" data-testid="read-summary">Stopped after {exactCount(records.length)} records.</div>
      ) : null}
    </div>
  );
}
