// A broker opened from the list: its log directories (size, replicas, the volume's free space
// where Kafka 3.3+ tells, errors) and its configs, filterable, with Kafka's sources.
import { useEffect, useMemo, useState } from 'react';
import type { LogDirInfo } from '../../../shared/model';
import { Drawer } from '../../components/Drawer';
import { ErrorBox } from '../../components/ErrorBox';
import { Bytes, Count } from '../../components/Figure';
import { DataTable } from '../../components/table/DataTable';
import { exactBytes, humanBytes } from '../../format';
import { detailKey, useBrokers } from '../../stores/brokers';
import { dataOf } from '../../stores/loadable';
import { configColumns } from './config-columns';

export function BrokerDrawer({ clusterId, broker, onClose }: { clusterId: string; broker: number; onClose(): void }) {
  const entry = useBrokers((s) => s.details[detailKey(clusterId, broker)]);
  const describe = useBrokers((s) => s.describe);
  const [filter, setFilter] = useState('');
  const [onlySet, setOnlySet] = useState(false);
  useEffect(() => void describe(clusterId, broker), [clusterId, broker, describe]);
  const d = entry ? dataOf(entry) : undefined;
  const configs = useMemo(() => (d?.configs ?? []).filter((c) => !onlySet || c.source !== 'DEFAULT_CONFIG'), [d, onlySet]);
  const subtitle = d ? `${d.broker.host}:${d.broker.port}${d.broker.rack ? ` · rack ${d.broker.rack}` : ''}` : 'Loading…';
  return (
    <Drawer title={`Broker ${broker}`} subtitle={subtitle} onClose={onClose} testId="broker-drawer">
      {entry?.state === 'error' ? <ErrorBox error={entry.error} testId="broker-error" actions={<button type="button" onClick={() => void describe(clusterId, broker)}>Try again</button>} /> : null}
      {d ? (
        <>
          <section className="drawer-section" data-testid="log-dirs">
            <h3>Log directories</h3>
            {d.logDirsError ? <ErrorBox error={d.logDirsError} testId="log-dirs-error" /> : <LogDirs dirs={d.logDirs} />}
          </section>
          <section className="drawer-section" data-testid="broker-configs">
            <h3>Configs</h3>
            {d.configsError ? <ErrorBox error={d.configsError} testId="configs-error" /> : (
              <>
                <div className="toolbar">
                  <input type="search" placeholder="Filter by key, value or source" value={filter} onChange={(e) => setFilter(e.target.value)} aria-label="Filter configs" data-testid="config-filter" />
                  <label className="check">
                    <input type="checkbox" checked={onlySet} onChange={(e) => setOnlySet(e.target.checked)} data-testid="config-only-set" />
                    <span>Hide DEFAULT_CONFIG</span>
                  </label>
                </div>
                <DataTable id="broker-configs" data={configs} columns={configColumns} rowId={(c) => c.name} filter={filter}
                  empty={filter ? `No config matches "${filter}"` : 'No configs'} testId="configs-table" />
              </>
            )}
          </section>
        </>
      ) : null}
    </Drawer>
  );
}

function LogDirs({ dirs }: { dirs: LogDirInfo[] }) {
  if (dirs.length === 0) return <div className="muted">The broker reported no log directories.</div>;
  return (
    <table className="table" data-testid="log-dirs-table">
      <thead>
        <tr>
          <th>Path</th>
          <th className="num">Size</th>
          <th className="num">Replicas</th>
          <th>Free space</th>
        </tr>
      </thead>
      <tbody>
        {dirs.map((dir) => (
          <tr key={dir.path}>
            <td className="mono path">
              {dir.path}
              {dir.error ? <div className="health error">{dir.error}</div> : null}
            </td>
            <td className="num nowrap"><Bytes value={dir.bytes} /></td>
            <td className="num"><Count value={dir.replicas} /></td>
            <td><Space dir={dir} /></td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Space({ dir }: { dir: LogDirInfo }) {
  if (dir.totalBytes === undefined || dir.usableBytes === undefined) return <span className="muted" title="Kafka tells a volume's space from 3.3 on">not told</span>;
  const used = dir.totalBytes > 0 ? 1 - dir.usableBytes / dir.totalBytes : 0;
  return (
    <span className="share" title={`${exactBytes(dir.usableBytes)} free of ${exactBytes(dir.totalBytes)}`}>
      <span className="bar"><span style={{ width: `${Math.round(used * 100)}%` }} /></span>
      <span className="num small nowrap">{humanBytes(dir.usableBytes)} free of {humanBytes(dir.totalBytes)}</span>
    </span>
  );
}
