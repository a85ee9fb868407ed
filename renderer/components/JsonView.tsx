// A JSON value as a tree: objects and arrays fold (open to two levels at first), strings, numbers,
// booleans and null coloured apart. Big arrays show their first items and a count.
import { useState } from 'react';

const SHOWN_ITEMS = 200;

function Leaf({ value }: { value: unknown }) {
  if (value === null) return <span className="json-null">null</span>;
  if (typeof value === 'string') return <span className="json-string">{JSON.stringify(value)}</span>;
  if (typeof value === 'number') return <span className="json-number">{String(value)}</span>;
  if (typeof value === 'boolean') return <span className="json-bool">{String(value)}</span>;
  return <span>{String(value)}</span>;
}

function Node({ name, value, depth }: { name?: string; value: unknown; depth: number }) {
  const [open, setOpen] = useState(depth < 2);
  const label = name !== undefined ? <span className="json-key">{name}: </span> : null;
  if (value === null || typeof value !== 'object') {
    return <li>{label}<Leaf value={value} /></li>;
  }
  const entries: Array<[string, unknown]> = Array.isArray(value) ? value.map((v, i) => [String(i), v]) : Object.entries(value);
  const [openMark, closeMark] = Array.isArray(value) ? ['[', ']'] : ['{', '}'];
  return (
    <li>
      <button type="button" className="json-toggle" aria-expanded={open} onClick={() => setOpen(!open)}>{open ? '▾' : '▸'}</button>
      {label}
      {openMark}
      {open ? (
        <ul className="json-list">
          {entries.slice(0, SHOWN_ITEMS).map(([k, v]) => <Node key={k} name={k} value={v} depth={depth + 1} />)}
          {entries.length > SHOWN_ITEMS ? <li className="muted">… {entries.length - SHOWN_ITEMS} more</li> : null}
        </ul>
      ) : <span className="muted"> {entries.length} {Array.isArray(value) ? 'items' : 'keys'} </span>}
      {closeMark}
    </li>
  );
}

export function JsonView({ value, testId }: { value: unknown; testId?: string }) {
  return <ul className="json-view" data-testid={testId}><Node value={value} depth={0} /></ul>;
}
