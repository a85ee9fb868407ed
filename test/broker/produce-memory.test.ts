// What the broker holds in memory for Produce: large requests are assembled in the broker's slabs,
// and each slab goes back to the pool once its request is handled. Reuse must never let one
// request's bytes overwrite another's before they are stored, so several connections pipeline
// large requests at once, and every batch is read back and compared with what was sent.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestBroker } from '../support/broker';
import { RawClient } from '../support/raw-client';
import { buildBatch, simpleRecords } from '../unit/batch-builder';
import { iterateBatches } from '../../electron/broker/protocol/record-batch';
import { ApiKey } from '../../electron/broker/protocol/messages.generated';
import { ErrorCode } from '../../electron/broker/protocol/errors';

const CONNECTIONS = 3;
const REQUESTS = 20;

test('large Produce requests pipelined on several connections are assembled in reused slabs and stored byte for byte', async () => {
  const b = await startTestBroker();
  const broker = b.running.broker;
  try {
    broker.logs.createTopic('pooled', CONNECTIONS, {});
    const sent: Buffer[][] = Array.from({ length: CONNECTIONS }, () => []);
    await Promise.all(
      sent.map(async (batches, partition) => {
        const c = await RawClient.connect(b.port);
        try {
          const answers: Promise<Buffer | null>[] = [];
          for (let i = 0; i < REQUESTS; i++) {
            // ~200 KB each, different on every connection and request: a frame spans several reads.
            const batch = buildBatch({ records: simpleRecords(100, 2000, (partition * REQUESTS + i) * 100) });
            batches.push(batch);
            const body = { transactionalId: null, acks: -1, timeoutMs: 5000, topicData: [{ name: 'pooled', partitionData: [{ index: partition, records: batch }] }] };
            answers.push(c.sendFrame(RawClient.frame(ApiKey.Produce, 7, body, i + 1)));
          }
          const frames = await Promise.all(answers);
          frames.forEach((f, i) => {
            assert.ok(f, 'answered');
            const r = RawClient.decodeResponse(ApiKey.Produce, 7, f, i + 1);
            assert.equal(r.responses[0].partitionResponses[0].errorCode, ErrorCode.NONE);
          });
        } finally {
          c.close();
        }
      }),
    );
    const stats = broker.slabs.stats();
    assert.equal(stats.leased, 0, 'every slab is back once its request is handled');
    assert.ok(stats.allocated >= 1, 'the requests were assembled in slabs');
    assert.ok(stats.allocated <= 2 * CONNECTIONS, `${CONNECTIONS * REQUESTS} requests took ${stats.allocated} slabs`);

    const reader = await RawClient.connect(b.port);
    try {
      for (let partition = 0; partition < CONNECTIONS; partition++) {
        const r = await reader.request(ApiKey.Fetch, 11, {
          replicaId: -1,
          maxWaitMs: 0,
          minBytes: 1,
          maxBytes: 64 << 20,
          isolationLevel: 0,
          sessionId: 0,
          sessionEpoch: -1,
          topics: [{ topic: 'pooled', partitions: [{ partition, fetchOffset: 0n, partitionMaxBytes: 64 << 20 }] }],
          forgottenTopicsData: [],
          rackId: '',
        });
        const records = r.responses[0].partitions[0].records as Buffer;
        const stored = [...iterateBatches(records)].map(({ pos, header }) => records.subarray(pos, pos + header.size));
        assert.equal(stored.length, REQUESTS);
        // From the magic byte on, a stored batch is the produced one (base offset and leader epoch
        // before it are the broker's).
        stored.forEach((s, i) => assert.ok(s.subarray(16).equals(sent[partition][i].subarray(16)), `partition ${partition} batch ${i}`));
      }
    } finally {
      reader.close();
    }
  } finally {
    await b.stop();
  }
});
