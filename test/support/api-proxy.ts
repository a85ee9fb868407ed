// A TCP proxy in front of a broker that counts the requests going through it by API key and can
// make the broker look older: it lowers the highest versions the broker's ApiVersions answer
// advertises (caps), so clients fall back as they would on an old Kafka. Start the broker with
// advertised.listeners naming the proxy, so that every connection a client opens goes through it.
import { connect, createServer, type Server, type Socket } from 'node:net';
import { decode, encode } from '../../electron/broker/protocol/codec';
import { ApiKey, ApiVersionsResponseSpec, type ApiVersionsResponse } from '../../electron/broker/protocol/messages.generated';
import { Reader } from '../../electron/broker/protocol/reader';

export interface ApiProxy {
  port: number;
  /** Requests seen since start (or the last reset), by API key. */
  counts: Map<number, number>;
  reset(): void;
  close(): Promise<void>;
}

/** Calls `frame` with every complete size-prefixed frame that arrives on `socket`. */
function frames(socket: Socket, frame: (bytes: Buffer) => void): void {
  let buffered = Buffer.alloc(0);
  socket.on('data', (d: Buffer) => {
    buffered = Buffer.concat([buffered, d]);
    while (buffered.length >= 4 && buffered.length >= 4 + buffered.readInt32BE(0)) {
      const size = buffered.readInt32BE(0);
      frame(buffered.subarray(0, 4 + size));
      buffered = buffered.subarray(4 + size);
    }
  });
}

/** The ApiVersions answer (its header is v0 at every version: the correlation id only) with the maxima capped. */
function capped(frame: Buffer, version: number, caps: Record<number, number>): Buffer {
  const r = new Reader(frame.subarray(8));
  const body = decode<ApiVersionsResponse>(ApiVersionsResponseSpec, version, r);
  const apiKeys = body.apiKeys.map((k) => (caps[k.apiKey] === undefined ? k : { ...k, maxVersion: Math.min(k.maxVersion, caps[k.apiKey]!) }));
  const out = encode(ApiVersionsResponseSpec, version, { ...body, apiKeys }).toBuffer();
  const head = Buffer.alloc(8);
  head.writeInt32BE(4 + out.length, 0);
  frame.copy(head, 4, 4, 8);
  return Buffer.concat([head, out]);
}

export async function startApiProxy(port: number, brokerPort: number, caps: Record<number, number> = {}): Promise<ApiProxy> {
  const counts = new Map<number, number>();
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const broker = connect(brokerPort, '127.0.0.1');
    const asked = new Map<number, { key: number; version: number }>();
    for (const s of [client, broker]) {
      sockets.add(s);
      s.on('error', () => undefined);
      s.on('close', () => [client, broker].forEach((o) => o.destroy()));
    }
    frames(client, (f) => {
      const key = f.readInt16BE(4);
      counts.set(key, (counts.get(key) ?? 0) + 1);
      asked.set(f.readInt32BE(8), { key, version: f.readInt16BE(6) });
      broker.write(f);
    });
    frames(broker, (f) => {
      const request = asked.get(f.readInt32BE(4));
      client.write(request?.key === ApiKey.ApiVersions && f.readInt16BE(8) === 0 ? capped(f, request.version, caps) : f);
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    port,
    counts,
    reset: () => counts.clear(),
    close: () => {
      for (const s of sockets) s.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
