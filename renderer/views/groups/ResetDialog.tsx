// Reset a group's offsets (kafka-consumer-groups --reset-offsets): a scope, a target, a preview of
// every partition's commit now and after with the lag it leaves; Apply writes that plan. While the
// group has members Kafka refuses, so the preview names them and Apply stays off.
import { useState, type FormEvent } from 'react';
import type { GroupDetail, ResetPlan } from '../../../shared/model';
import { invoke } from '../../api';
import { ErrorBox } from '../../components/ErrorBox';
import { ModalDialog } from '../../components/ModalDialog';
import { useFormRun } from '../topics/form-run';
import { PlanTable } from './PlanTable';
import { parseResetForm, type ResetForm, type ScopeKind } from './reset-form';
import { ResetTargetFields } from './ResetTargetFields';

export function ResetDialog({ clusterId, detail, onClose, onApplied }: { clusterId: string; detail: GroupDetail; onClose(): void; onApplied(plan: ResetPlan): void }) {
  const topics = [...new Set(detail.partitions.map((p) => p.topic))].sort();
  const [form, setForm] = useState<ResetForm>({ scope: 'all', topic: topics[0] ?? '', partitions: [], mode: 'earliest', datetime: '', duration: '15', durationUnit: 'minutes', offset: '0', shift: '-100' });
  const [plan, setPlan] = useState<ResetPlan | null>(null);
  const { busy, failed, run, refuse } = useFormRun<'previewing' | 'applying'>();
  const change = (p: Partial<ResetForm>) => {
    setForm({ ...form, ...p });
    setPlan(null);
  };
  const partitionsOf = detail.partitions.filter((p) => p.topic === form.topic).map((p) => p.partition).sort((a, b) => a - b);
  const parsed = parseResetForm(form);
  const ask = (channel: 'groups:previewReset' | 'groups:resetOffsets') => {
    if (!parsed.ok) return refuse({ [parsed.field]: parsed.message });
    void run(async (step) => {
      step(channel === 'groups:previewReset' ? 'previewing' : 'applying');
      const result = await invoke(channel, { id: clusterId, groupId: detail.groupId, scope: parsed.scope, target: parsed.target });
      setPlan(result);
      if (channel === 'groups:resetOffsets' && !result.refused) onApplied(result);
    });
  };
  const preview = (event: FormEvent) => (event.preventDefault(), ask('groups:previewReset'));
  const error = (field: string) => (failed.fields[field] ? <div className="field-error" data-testid={`reset-error-${field}`}>{failed.fields[field]}</div> : null);
  const scopeChoice = (scope: ScopeKind, label: string) => (
    <label className="check"><input type="radio" name="reset-scope" checked={form.scope === scope} onChange={() => change({ scope })} data-testid={`reset-scope-${scope}`} /> <span>{label}</span></label>
  );

  return (
    <ModalDialog label={`Reset offsets of ${detail.groupId}`} onClose={onClose} className="wide-dialog reset-dialog" initialFocus="button[data-cancel]">
      <form onSubmit={preview} data-testid="reset-form" noValidate>
        <h2>Reset offsets of <span className="mono">{detail.groupId}</span></h2>
        <fieldset className="reset-fieldset">
          <legend>Partitions</legend>
          {scopeChoice('all', `Every partition it committed on (${detail.partitions.length})`)}
          {scopeChoice('topic', 'Every partition of one topic')}
          {scopeChoice('partitions', 'Chosen partitions of one topic')}
          {form.scope !== 'all' ? (
            <div className={`field${failed.fields.topic ? ' invalid' : ''}`}>
              <label htmlFor="reset-topic">Topic</label>
              <select id="reset-topic" value={form.topic} onChange={(e) => change({ topic: e.target.value, partitions: [] })} data-testid="reset-topic">
                {topics.map((t) => <option key={t} value={t}>{t}</option>)}
              </select>
              {error('topic')}
            </div>
          ) : null}
          {form.scope === 'partitions' ? (
            <div className="partition-picks" data-testid="reset-partitions">
              {partitionsOf.map((p) => (
                <label key={p} className="check"><input type="checkbox" checked={form.partitions.includes(p)} data-testid={`reset-partition-${p}`}
                  onChange={(e) => change({ partitions: e.target.checked ? [...form.partitions, p] : form.partitions.filter((q) => q !== p) })} /> <span>{p}</span></label>
              ))}
              {error('partitions')}
            </div>
          ) : null}
        </fieldset>
        <ResetTargetFields form={form} change={change} error={error} />
        {plan ? <PlanTable plan={plan} /> : null}
        {plan?.refused ? (
          <div className="error-box" role="alert" data-testid="reset-refused">
            <div className="error-title">{plan.refused}</div>
            <div className="error-hint">Members now: {plan.members.map((m) => `${m.clientId} (${m.memberId} on ${m.host})`).join(', ')}.</div>
          </div>
        ) : null}
        {failed.failure ? <ErrorBox error={failed.failure} testId="reset-failure" /> : null}
        <div className="form-actions">
          <button type="submit" disabled={busy !== null} data-testid="reset-preview">{busy === 'previewing' ? 'Reading…' : 'Preview'}</button>
          <button type="button" className="primary" disabled={busy !== null || !plan || Boolean(plan.refused) || !plan.rows.length} onClick={() => ask('groups:resetOffsets')} data-testid="reset-apply">
            {busy === 'applying' ? 'Resetting…' : plan ? `Apply to ${plan.rows.length} partition${plan.rows.length === 1 ? '' : 's'}` : 'Apply'}
          </button>
          <button type="button" data-cancel onClick={onClose}>Cancel</button>
        </div>
      </form>
    </ModalDialog>
  );
}
