// A minimal Kafka client over a raw socket, built on the broker's own codec: it sends exactly the
// bytes a test asks for, so tests can speak versions or malformed requests no real client sends.
import { connect, type Socket } from 'node:net';
import { Reader } from '../../electron/broker/protocol/reader';
import { Writer } from '../../electron/broker/protocol/writer';
import { decode, encode, type Encodable } from '../../electron/broker/protocol/codec';
import { apiSpecs, RequestHeaderSpec, type RequestHeader, type Requests, type Responses } from '../../electron/broker/protocol/messages.generated';
import { requestHeaderVersion, responseHeaderVersion } from '../../electron/broker/protocol/headers';

type Key = keyof Requests & keyof Responses;

export class RawClient {
  private buffered = Buffer.alloc(0);
  private waiting: ((frame: Buffer | null) => void)[] = [];
  private correlation = 0;
  closed = false;

  private constructor(private readonly socket: Socket) {
    socket.on('data', (d: Buffer) => {
      this.buffered = Buffer.concat([this.buffered, d]);
      while (this.buffered.length >= 4) {
        const size = this.buffered.readInt32BE(0);
        if (this.buffered.length < 4 + size) break;
        const frame = this.buffered.subarray(4, 4 + size);
        this.buffered = this.buffered.subarray(4 + size);
        this.waiting.shift()?.(frame);
      }
    });
    socket.on('close', () => {
      this.closed = true;
      for (const w of this.waiting.splice(0)) w(null);
    });
    socket.on('error', () => {});
  }

  static connect(port: number, host = '127.0.0.1'): Promise<RawClient> {
    return new Promise((resolve, reject) => {
      const s = connect(port, host, () => resolve(new RawClient(s)));
      s.once('error', reject);
    });
  }

  /** Encodes a request header and body the way a client of that version would. */
  static frame<K extends Key>(apiKey: K, version: number, body: Encodable<Requests[K]>, correlationId = 1): Buffer {
    const spec = apiSpecs[apiKey].request;
    const w = new Writer();
    encode<RequestHeader>(RequestHeaderSpec, requestHeaderVersion(apiKey, version, spec), {
      requestApiKey: apiKey as number,
      requestApiVersion: version,
      correlationId,
      clientId: 'raw-client',
    }, w);
    encode(spec, version, body as never, w);
    return w.toBuffer();
  }

  /** Sends one frame (size prefix added) and resolves with the response frame, or null on close. */
  sendFrame(frame: Buffer, expectResponse = true): Promise<Buffer | null> {
    const size = Buffer.alloc(4);
    size.writeInt32BE(frame.length);
    const reply = expectResponse ? new Promise<Buffer | null>((r) => this.waiting.push(r)) : Promise.resolve(null);
    this.socket.write(Buffer.concat([size, frame]));
    return reply;
  }

  /** Sends a request and decodes the response of the same API and version. */
  async request<K extends Key>(apiKey: K, version: number, body: Encodable<Requests[K]>): Promise<Responses[K]> {
    const correlationId = ++this.correlation;
    const frame = await this.sendFrame(RawClient.frame(apiKey, version, body, correlationId));
    if (!frame) throw new Error(`connection closed instead of answering ${apiSpecs[apiKey].name} v${version}`);
    return RawClient.decodeResponse(apiKey, version, frame, correlationId);
  }

  static decodeResponse<K extends Key>(apiKey: K, version: number, frame: Buffer, correlationId?: number): Responses[K] {
    const spec = apiSpecs[apiKey].response;
    const r = new Reader(frame);
    const got = r.int32();
    if (correlationId !== undefined && got !== correlationId) throw new Error(`correlation id ${got}, expected ${correlationId}`);
    if (responseHeaderVersion(apiKey, version, spec) === 1) r.uvarint(); // header tagged fields (none expected)
    return decode<Responses[K]>(spec, version, r);
  }

  close(): void {
    this.socket.destroy();
  }
}
