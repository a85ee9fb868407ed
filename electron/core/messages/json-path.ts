// The JSON paths a filter names: $.user.id, $.items[0].sku, $['odd key'], or without the "$."
// (user.id). One value per path, no wildcards: a filter tests a field, it does not query.
import { BrookError } from '../../../shared/errors';

export type PathStep = string | number;

const STEP = /^(?:\.([A-Za-z_$][\w$-]*)|\[(\d+)\]|\[(?:'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)")\])/;

/** The steps of `path`; INVALID_INPUT on `field` saying where it stops making sense. */
export function parseJsonPath(path: string, field: string): PathStep[] {
  let rest = path.trim();
  if (rest === '$' || rest === '') return [];
  if (rest.startsWith('$')) rest = rest.slice(1);
  else if (!rest.startsWith('[') && !rest.startsWith('.')) rest = '.' + rest;
  const steps: PathStep[] = [];
  while (rest.length) {
    const m = STEP.exec(rest);
    if (!m) {
      const at = path.length - rest.length;
      throw new BrookError({ code: 'INVALID_INPUT', message: `The JSON path "${path}" does not parse at character ${at + 1}`, hint: 'Write it like $.user.id, $.items[0] or $[\'a key\'].', fields: { [field]: `Does not parse at character ${at + 1}` } });
    }
    const quoted = m[3] ?? m[4];
    steps.push(m[1] ?? (m[2] !== undefined ? Number(m[2]) : quoted!.replace(/\\(.)/g, '$1')));
    rest = rest.slice(m[0].length);
  }
  return steps;
}

const MISSING = Symbol('missing');

/** The value at `steps` in `value`, or MISSING. */
export function at(value: unknown, steps: readonly PathStep[]): unknown {
  let v = value;
  for (const s of steps) {
    if (v === null || typeof v !== 'object') return MISSING;
    if (typeof s === 'number' ? !Array.isArray(v) || s >= v.length : !Object.prototype.hasOwnProperty.call(v, s)) return MISSING;
    v = (v as Record<string | number, unknown>)[s];
  }
  return v;
}

export const isMissing = (v: unknown): v is typeof MISSING => v === MISSING;
