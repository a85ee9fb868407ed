// The search: a RecordFilter built condition by condition (contains, regex, equals, greater or
// less than, on key, value, a header, partition, offset or timestamp; a JSON path into key or
// value), all or any of them. It runs as the toolbar's read with the filter; a condition core
// refuses (a regex or JSON path that does not parse) shows its error under that condition.
import { useState, type FormEvent } from 'react';
import type { FilterCondition, RecordFilter } from '../../../shared/model';
import { useMessages } from '../../stores/messages';

type Field = FilterCondition['field'];
type Op = FilterCondition['op'];

const fields: Array<[Field, string]> = [['value', 'Value'], ['key', 'Key'], ['header', 'Header'], ['partition', 'Partition'], ['offset', 'Offset'], ['timestamp', 'Timestamp']];
const ops: Array<[Op, string]> = [['contains', 'contains'], ['not-contains', 'does not contain'], ['regex', 'matches regex'], ['equals', 'equals'], ['gt', 'greater than'], ['lt', 'less than'], ['exists', 'exists']];
const textOnly: Op[] = ['contains', 'not-contains', 'regex'];
const numeric = (f: Field) => f === 'partition' || f === 'offset' || f === 'timestamp';

const blank: FilterCondition = { field: 'value', op: 'contains', value: '' };

export function SearchPanel({ onSearch, onClose }: { onSearch(filter: RecordFilter): void; onClose(): void }) {
  const [conditions, setConditions] = useState<FilterCondition[]>([blank]);
  const [match, setMatch] = useState<RecordFilter['match']>('and');
  const [ignoreCase, setIgnoreCase] = useState(false);
  const error = useMessages((s) => s.error);
  const refused = error?.fields ?? {};
  const put = (i: number, patch: Partial<FilterCondition>) => setConditions((all) => all.map((c, j) => (j === i ? { ...c, ...patch } : c)));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const clean = conditions.map((c) => {
      const { header, path, ...rest } = c;
      return { ...rest, ...(c.field === 'header' && header ? { header } : {}), ...((c.field === 'key' || c.field === 'value') && path ? { path } : {}) };
    });
    onSearch({ match, ignoreCase, conditions: clean });
  };
  return (
    <form className="search-panel" onSubmit={submit} data-testid="search-panel" noValidate>
      <div className="search-head">
        <strong>Search</strong>
        <select value={match} onChange={(e) => setMatch(e.target.value as RecordFilter['match'])} aria-label="Match">
          <option value="and">All of these hold</option>
          <option value="or">Any of these holds</option>
        </select>
        <label className="check"><input type="checkbox" checked={ignoreCase} onChange={(e) => setIgnoreCase(e.target.checked)} /> <span>Ignore case</span></label>
        <span className="grow" />
        <button type="button" className="icon-button" aria-label="Close the search" onClick={onClose}>×</button>
      </div>
      {conditions.map((c, i) => {
        const refusal = refused[`filter.conditions.${i}`];
        return (
          <div key={i} className={`condition${refusal ? ' invalid' : ''}`} data-testid={`condition-${i}`}>
            <select value={c.field} aria-label="Field" onChange={(e) => {
              const field = e.target.value as Field;
              put(i, { field, ...(numeric(field) && textOnly.includes(c.op) ? { op: 'equals' } : {}) });
            }}>
              {fields.map(([id, label]) => <option key={id} value={id}>{label}</option>)}
            </select>
            {c.field === 'header' ? <input className="mono" value={c.header ?? ''} placeholder="any header" aria-label="Header key" onChange={(e) => put(i, { header: e.target.value })} /> : null}
            {c.field === 'key' || c.field === 'value' ? <input className="mono" value={c.path ?? ''} placeholder="JSON path ($.user.id)" aria-label="JSON path" onChange={(e) => put(i, { path: e.target.value })} /> : null}
            <select value={c.op} aria-label="Operator" onChange={(e) => put(i, { op: e.target.value as Op })}>
              {ops.filter(([id]) => !numeric(c.field) || !textOnly.includes(id)).map(([id, label]) => <option key={id} value={id}>{label}</option>)}
            </select>
            {c.op !== 'exists' ? <input className="mono grow" value={c.value} aria-label="Value" onChange={(e) => put(i, { value: e.target.value })} data-testid={`condition-${i}-value`} /> : <span className="grow" />}
            <button type="button" className="icon-button" aria-label="Remove the condition" disabled={conditions.length === 1} onClick={() => setConditions((all) => all.filter((_, j) => j !== i))}>×</button>
            {refusal ? <div className="field-error condition-error" data-testid={`condition-${i}-error`}>{refusal}</div> : null}
          </div>
        );
      })}
      <div className="form-actions">
        <button type="button" onClick={() => setConditions((all) => [...all, blank])}>Add a condition</button>
        <span className="grow" />
        <button type="submit" className="primary" data-testid="search-button">Search</button>
      </div>
    </form>
  );
}
