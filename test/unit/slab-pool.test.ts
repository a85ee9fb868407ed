import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SlabPool } from '../../electron/broker/slab-pool';

test('a lease packs small reads into one slab, gives an oversized read its own buffer, and returns its slabs for reuse', () => {
  const pool = new SlabPool(1000, 2);
  const lease = pool.lease();
  const a = lease.alloc(400);
  const b = lease.alloc(600);
  assert.equal(a.buffer, b.buffer, 'two reads that fit share a slab');
  const c = lease.alloc(1);
  assert.notEqual(c.buffer, a.buffer, 'a full slab is followed by a new one');
  const big = lease.alloc(5000);
  assert.equal(big.length, 5000);
  assert.deepEqual(pool.stats(), { allocated: 2, leased: 2, free: 0 });
  lease.release();
  lease.release();
  assert.deepEqual(pool.stats(), { allocated: 2, leased: 0, free: 2 }, 'released once, however often called');
  const next = pool.lease();
  assert.ok([a.buffer, c.buffer].includes(next.alloc(10).buffer), 'the next lease reuses a slab');
  assert.equal(pool.stats().allocated, 2);
});

test('the pool keeps at most maxFree slabs, and a lease released without reuse leaves its slabs to the GC', () => {
  const pool = new SlabPool(100, 1);
  const leases = [pool.lease(), pool.lease(), pool.lease()];
  for (const l of leases) l.alloc(100);
  for (const l of leases) l.release();
  assert.deepEqual(pool.stats(), { allocated: 3, leased: 0, free: 1 });
  const failed = pool.lease();
  failed.alloc(50);
  failed.release(false);
  assert.deepEqual(pool.stats(), { allocated: 3, leased: 0, free: 0 });
});
