// A path-level diff of two decoded responses: one line per leaf that differs, e.g.
// `.topics[0].partitions[1].leaderEpoch: sandbox 0, kafka 3`.

export function show(v: unknown): string {
  if (v === undefined) return '(absent)';
  if (typeof v === 'bigint') return `${v}`;
  if (Buffer.isBuffer(v)) return v.length > 48 ? `<${v.length} bytes ${v.subarray(0, 48).toString('hex')}...>` : `<hex ${v.toString('hex')}>`;
  // `this[key]` is the value before Buffer's toJSON turned it into { type, data }.
  return JSON.stringify(v, function (this: Record<string, unknown>, key: string, value: unknown) {
    const raw = this[key];
    if (Buffer.isBuffer(raw)) return `<hex ${raw.toString('hex')}>`;
    return typeof value === 'bigint' ? `${value}` : value;
  });
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !Buffer.isBuffer(v);
}

export interface Difference {
  path: string;
  sandbox: unknown;
  kafka: unknown;
}

/** Every leaf where `sandbox` and `kafka` differ, with its path from the root. */
export function diff(sandbox: unknown, kafka: unknown, path = ''): Difference[] {
  if (Array.isArray(sandbox) && Array.isArray(kafka)) {
    const out: Difference[] = [];
    for (let i = 0; i < Math.max(sandbox.length, kafka.length); i++) out.push(...diff(sandbox[i], kafka[i], `${path}[${i}]`));
    return out;
  }
  if (isObject(sandbox) && isObject(kafka)) {
    const keys = [...new Set([...Object.keys(sandbox), ...Object.keys(kafka)])];
    return keys.flatMap((k) => diff(sandbox[k], kafka[k], `${path}.${k}`));
  }
  if (Buffer.isBuffer(sandbox) && Buffer.isBuffer(kafka)) return sandbox.equals(kafka) ? [] : [{ path, sandbox, kafka }];
  return Object.is(sandbox, kafka) ? [] : [{ path, sandbox, kafka }];
}
