// What the broker holds in memory for Fetch: a client that sends requests and does not read the
// answers gets them one at a time (the broker stops reading its requests while a response waits in
// the socket), so the bytes a connection holds stay near one response however many are asked for;
// and the buffers records are read into go back to the broker's pool once sent and serve the next
// responses, byte for byte the same as the first.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { once } from 'node:events';
import { startTestBroker } from '../support/broker';
import { RawClient } from '../support/raw-client';
import { buildBatch, simpleRecords } from '../unit/batch-builder';
import { ApiKey } from '../../electron/broker/protocol/messages.generated';
import { ErrorCode } from '../../electron/broker/protocol/errors';
import type { Connection } from '../../electron/broker/server/connection';

const MiB = 1024 * 1024;
const REQUESTS = 64;

const fetchBody = (topic: string) => ({
  replicaId: -1,
  maxWaitMs: 0,
  minBytes: 1,
  maxBytes: 50 * MiB,
  isolationLevel: 0,
  sessionId: 0,
  sessionEpoch: -1,
  topics: [{ topic, partitions: [{ partition: 0, fetchOffset: 0n, partitionMaxBytes: MiB }] }],
  forgottenTopicsData: [],
  rackId: '',
});

/** Waits (polling, up to 20 s) until `ready` holds; fails with `what` otherwise. */
async function until(what: string, ready: () => boolean): Promise<void> {
  for (let i = 0; i < 2000 && !ready(); i++) await new Promise((r) => setTimeout(r, 10));
  assert.ok(ready(), `timed out waiting until ${what}`);
}

test('a client that does not read its Fetch answers makes the broker hold about one response, and read buffers are reused', async () => {
  const b = await startTestBroker();
  const broker = b.running.broker;
  try {
    // 4 MiB in 64 KiB batches: every answer below is a full 1 MiB partition.
    b.running.broker.logs.createTopic('slow', 1, {});
    const producer = await RawClient.connect(b.port);
    for (let i = 0; i < 64; i++) {
      const batch = buildBatch({ records: simpleRecords(64, 1000, i * 64) });
      const r = await producer.request(ApiKey.Produce, 7, {
        transactionalId: null,
        acks: -1,
        timeoutMs: 5000,
        topicData: [{ name: 'slow', partitionData: [{ index: 0, records: batch }] }],
      });
      assert.equal(r.responses[0].partitionResponses[0].errorCode, ErrorCode.NONE);
    }
    producer.close();

    const frame = RawClient.frame(ApiKey.Fetch, 11, fetchBody('slow'));
    const sized = Buffer.alloc(4 + frame.length);
    sized.writeInt32BE(frame.length, 0);
    frame.copy(sized, 4);
    const reference = await RawClient.connect(b.port);
    const expected = await reference.sendFrame(frame);
    reference.close();
    assert.ok(expected && expected.length > MiB - 64 * 1024, 'a full partition answer');

    const slow = connect(b.port, '127.0.0.1');
    await once(slow, 'connect');
    slow.pause();
    slow.write(Buffer.concat(Array.from({ length: REQUESTS }, () => sized)));
    const conn = (): Connection | undefined => [...broker.connections].at(-1);
    // The answers overflow the kernel's socket buffers; then the broker must stop answering.
    await until('the broker stops reading requests', () => {
      const c = conn();
      return c !== undefined && c.socket.writableNeedDrain && c.socket.isPaused();
    });
    const held = conn()!.bufferedBytes;
    assert.ok(held < 2 * MiB + REQUESTS * sized.length, `connection holds ${held} bytes, not ${REQUESTS} answers`);
    assert.ok(broker.slabs.stats().leased <= 1, `leased ${JSON.stringify(broker.slabs.stats())}`);

    let received = Buffer.alloc(0);
    const frames: Buffer[] = [];
    slow.on('data', (d: Buffer) => {
      received = Buffer.concat([received, d]);
      while (received.length >= 4 && received.length >= 4 + received.readInt32BE(0)) {
        frames.push(received.subarray(4, 4 + received.readInt32BE(0)));
        received = received.subarray(4 + received.readInt32BE(0));
      }
    });
    slow.resume();
    await until(`${REQUESTS} answers arrive`, () => frames.length === REQUESTS);
    for (const f of frames) assert.ok(f.equals(expected), 'every answer is byte for byte the first one');
    slow.destroy();
    const stats = broker.slabs.stats();
    assert.equal(stats.leased, 0, 'every lease is back once its answer is sent');
    assert.ok(stats.allocated <= 3, `${REQUESTS + 1} answers took ${stats.allocated} slabs`);
  } finally {
    await b.stop();
  }
});
