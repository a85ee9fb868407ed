// A reset's plan: each partition's commit now and where it goes, and the lag it leaves.
import type { ResetPlan } from '../../../shared/model';
import { exactCount } from '../../format';

export function PlanTable({ plan }: { plan: ResetPlan }) {
  if (!plan.rows.length) return <p className="muted" data-testid="reset-plan">Nothing to reset: the group committed on no partition in that scope.</p>;
  const lagAfter = plan.rows.reduce((n, r) => n + r.lagAfter, 0);
  return (
    <div className="dialog-scroll">
      <table className="table" data-testid="reset-plan">
        <thead>
          <tr><th>Topic</th><th className="num">Partition</th><th className="num">Log start</th><th className="num">Log end</th><th className="num">Current</th><th className="num">New</th><th className="num">Lag after</th></tr>
        </thead>
        <tbody>
          {plan.rows.map((r) => (
            <tr key={`${r.topic}:${r.partition}`} data-row={`${r.topic}:${r.partition}`}>
              <td className="mono">{r.topic}</td>
              <td className="num">{r.partition}</td>
              <td className="num">{exactCount(r.logStartOffset)}</td>
              <td className="num">{exactCount(r.logEndOffset)}</td>
              <td className="num">{r.current === null ? <span className="muted">—</span> : exactCount(r.current)}</td>
              <td className="num">{r.next !== r.current ? <strong>{exactCount(r.next)}</strong> : exactCount(r.next)}</td>
              <td className="num">{exactCount(r.lagAfter)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr><td colSpan={6}>Lag after</td><td className="num" data-testid="reset-lag-after"><strong>{exactCount(lagAfter)}</strong></td></tr>
        </tfoot>
      </table>
    </div>
  );
}
