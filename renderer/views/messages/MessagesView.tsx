// A topic's messages (#/cluster/ID/topics/NAME/messages): the toolbar's read (browse, tail or
// search) streaming into the one DataTable, a record in the drawer, and the dialogs to produce,
// export and import. It opens on the newest records; leaving the screen stops the read.
import { useEffect, useMemo, useState } from 'react';
import type { ClusterSummary, TopicRecord } from '../../../shared/model';
import { DataTable } from '../../components/table/DataTable';
import { useApp } from '../../stores/app';
import { useMessages, type ReadInput } from '../../stores/messages';
import { useTopics } from '../../stores/topics';
import { ClusterGate } from '../overview/ClusterGate';
import { ExportDialog } from './ExportDialog';
import { ImportDialog } from './ImportDialog';
import { messageColumns } from './message-columns';
import { ProduceDialog } from './ProduceDialog';
import { ReadError } from './ReadError';
import { ReadStatus } from './ReadStatus';
import { ReadToolbar } from './ReadToolbar';
import { RecordDrawer } from './RecordDrawer';
import { SearchPanel } from './SearchPanel';
import { defaultForm, loadDecoders, saveDecoders, toReadInput, type FormErrors, type ReadForm } from './read-form';
import { emptyProduceForm, formFromRecord, type ProduceForm } from './produce-form';
import { recordId } from './record-text';

function emptyText(status: string, input: ReadInput | null): string {
  if (status === 'error') return 'Nothing was read: the error above says why';
  if (status === 'reading') return input?.stop.at === 'never' ? 'Waiting for new records…' : 'Reading…';
  return input?.filter ? 'No record matches the filter' : 'No records in this range';
}

type Dialog = { kind: 'produce'; form: ProduceForm } | { kind: 'export' } | { kind: 'import' };

export function MessagesView({ cluster, topic }: { cluster: ClusterSummary; topic: string }) {
  return <ClusterGate cluster={cluster}>{() => <Messages key={`${cluster.id}/${topic}`} cluster={cluster} topic={topic} />}</ClusterGate>;
}

function Messages({ cluster, topic }: { cluster: ClusterSummary; topic: string }) {
  const go = useApp((s) => s.go);
  const { records, status, input, start, reset } = useMessages();
  const detail = useTopics((s) => s.byCluster[cluster.id]?.details[topic]);
  const describe = useTopics((s) => s.describe);
  const partitionCount = detail?.state === 'ok' ? detail.data.partitions.length : undefined;
  const [form, setForm] = useState<ReadForm>(() => ({ ...defaultForm, ...loadDecoders(cluster.id, topic) }));
  const [errors, setErrors] = useState<FormErrors>({});
  const [searching, setSearching] = useState(false);
  const [opened, setOpened] = useState<TopicRecord | null>(null);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [lastExport, setLastExport] = useState<string | null>(null);

  const read = (filter?: ReadInput['filter']) => {
    const made = toReadInput(form, cluster.id, topic, partitionCount);
    setErrors(made.errors);
    if (made.input) start(filter ? { ...made.input, filter } : made.input);
  };
  useEffect(() => {
    void describe(cluster.id, topic);
    read();
    return reset;
  }, []);

  const change = (next: ReadForm) => {
    if (next.keyDecoder !== form.keyDecoder || next.valueDecoder !== form.valueDecoder) saveDecoders(cluster.id, topic, next);
    setForm(next);
  };
  // The table decodes with the decoders of the read on screen, so its rows and a search's matches agree.
  const keyDecoder = input?.keyDecoder ?? form.keyDecoder;
  const valueDecoder = input?.valueDecoder ?? form.valueDecoder;
  const columns = useMemo(() => messageColumns(keyDecoder, valueDecoder), [keyDecoder, valueDecoder]);
  const search = input?.filter !== undefined;
  const bootstrap = cluster.bootstrapServers.join(',');

  return (
    <div className={`with-drawer messages-screen${opened ? ' drawer-open' : ''}`}>
      <div className="messages" data-testid="messages-view">
        <div className="messages-head">
          <button type="button" className="link" onClick={() => go({ kind: 'cluster', clusterId: cluster.id, section: 'topics', topic })} data-testid="back-to-topic">← Topic</button>
          <span className="grow" />
          <button type="button" onClick={() => setSearching(!searching)} aria-pressed={searching} data-testid="open-search">Search…</button>
          <button type="button" onClick={() => setDialog({ kind: 'export' })} disabled={!input} data-testid="open-export">Export…</button>
          <button type="button" onClick={() => setDialog({ kind: 'import' })} data-testid="open-import">Import…</button>
          <button type="button" className="primary" onClick={() => setDialog({ kind: 'produce', form: emptyProduceForm })} data-testid="open-produce">Produce…</button>
        </div>
        <ReadToolbar form={form} errors={errors} partitionCount={partitionCount} onChange={change} onRead={() => read()} />
        {searching ? <SearchPanel onSearch={read} onClose={() => setSearching(false)} /> : null}
        <ReadError clusterId={cluster.id} topic={topic} onRetry={() => read(input?.filter)} />
        <ReadStatus search={search} />
        <DataTable id="messages" appendOnly sortable={status !== 'reading'} data={records} columns={columns} rowId={recordId} onOpen={setOpened} openId={opened ? recordId(opened) : undefined}
          empty={emptyText(status, input)} testId="messages-table" />
      </div>
      {opened ? (
        <RecordDrawer clusterId={cluster.id} bootstrap={bootstrap} topic={topic} record={opened} keyDecoder={keyDecoder} valueDecoder={valueDecoder}
          onProduceAgain={(r) => setDialog({ kind: 'produce', form: formFromRecord(r) })} onClose={() => setOpened(null)} />
      ) : null}
      {dialog?.kind === 'produce' ? <ProduceDialog clusterId={cluster.id} topic={topic} initial={dialog.form} onClose={() => setDialog(null)} onProduced={() => void describe(cluster.id, topic)} /> : null}
      {dialog?.kind === 'export' && input ? <ExportDialog input={input} onClose={() => setDialog(null)} onExported={setLastExport} /> : null}
      {dialog?.kind === 'import' ? <ImportDialog clusterId={cluster.id} topic={topic} lastExport={lastExport} onClose={() => setDialog(null)} onImported={() => void describe(cluster.id, topic)} /> : null}
    </div>
  );
}
