// Bad input: malformed frames, unknown API keys, impossible lengths and thousands of mutated valid
// requests. The broker answers with Kafka's error codes or closes that one connection, and always
// goes on serving everyone else.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestBroker, type TestBroker } from '../support/broker';
import { RawClient } from '../support/raw-client';
import { ApiKey } from '../../electron/broker/protocol/messages.generated';
import { ErrorCode } from '../../electron/broker/protocol/errors';

let broker: TestBroker;
before(async () => {
  broker = await startTestBroker();
});
after(() => broker.stop());

async function stillServes(): Promise<void> {
  const c = await RawClient.connect(broker.port);
  const res = await c.request(ApiKey.Metadata, 8, { topics: null, allowAutoTopicCreation: false });
  assert.equal(res.brokers[0].nodeId, 1);
  c.close();
}

test('an unsupported ApiVersions version gets the v0 answer with UNSUPPORTED_VERSION (KIP-511)', async () => {
  const c = await RawClient.connect(broker.port);
  const frame = RawClient.frame(ApiKey.ApiVersions, 3, { clientSoftwareName: 'x', clientSoftwareVersion: '1' });
  frame.writeInt16BE(99, 2);
  const reply = await c.sendFrame(frame);
  assert.ok(reply);
  const res = RawClient.decodeResponse(ApiKey.ApiVersions, 0, reply);
  assert.equal(res.errorCode, ErrorCode.UNSUPPORTED_VERSION);
  assert.ok(res.apiKeys.some((k) => k.apiKey === ApiKey.ApiVersions && k.maxVersion >= 3));
  c.close();
});

test('an unknown API key, a short frame, a negative or huge size close only that connection', async () => {
  const cases: Buffer[] = [
    Buffer.from('000000087fff0000000000010000', 'hex'), // API key 32767
    Buffer.from('0000000200ff', 'hex'), // a frame too short for a header
    Buffer.from('ffffffff', 'hex'), // negative size
    Buffer.from('7fffffff', 'hex'), // over socket.request.max.bytes
  ];
  for (const bytes of cases) {
    const c = await RawClient.connect(broker.port);
    const closed = new Promise<void>((resolve) => {
      const poll = setInterval(() => c.closed && (clearInterval(poll), resolve()), 5);
    });
    (c as unknown as { socket: import('node:net').Socket }).socket.write(bytes);
    await closed;
    await stillServes();
  }
  assert.ok(broker.lines.some((l) => /unknown or unsupported API key 32767/.test(l)), broker.lines.join('\n'));
  assert.ok(broker.lines.some((l) => /exceeds socket.request.max.bytes/.test(l)));
});

test('thousands of mutated valid requests never stop the broker', async () => {
  let seed = 42;
  const rand = (n: number) => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % n;
  };
  const valid = [
    RawClient.frame(ApiKey.ApiVersions, 3, { clientSoftwareName: 'fuzz', clientSoftwareVersion: '1.0' }),
    RawClient.frame(ApiKey.Metadata, 8, { topics: [{ name: 'fuzz-topic' }], allowAutoTopicCreation: true }),
    RawClient.frame(ApiKey.Metadata, 12, { topics: null }),
    RawClient.frame(ApiKey.Metadata, 1, { topics: [{ name: 'a' }, { name: 'b' }] }),
  ];
  let answered = 0;
  let closed = 0;
  let c = await RawClient.connect(broker.port);
  for (let i = 0; i < 3000; i++) {
    const frame = Buffer.from(valid[rand(valid.length)]);
    const mutation = rand(4);
    let bytes: Buffer = frame;
    if (mutation === 0) for (let k = 0; k <= rand(4); k++) bytes[rand(bytes.length)] = rand(256);
    else if (mutation === 1) bytes = frame.subarray(0, rand(frame.length));
    else if (mutation === 2) bytes = Buffer.concat([frame, Buffer.alloc(rand(20), rand(256))]);
    else bytes.writeInt16BE(rand(0x10000) - 0x8000, 8 + rand(Math.max(1, bytes.length - 10)) & ~1);
    if (bytes.length < 4) continue;
    const reply = await Promise.race([c.sendFrame(bytes), new Promise<'slow'>((r) => setTimeout(() => r('slow'), 2000))]);
    if (reply === 'slow' || reply === null) {
      closed++;
      c.close();
      c = await RawClient.connect(broker.port);
    } else {
      answered++;
    }
  }
  c.close();
  assert.ok(answered > 100 && closed > 100, `answered ${answered}, closed ${closed}`);
  await stillServes();
});
