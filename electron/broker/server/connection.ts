// One client connection: frames in, requests handled strictly in order, responses out in order.
// Kafka processes one request per connection at a time and clients rely on that ordering
// (kafka-python pipelines ApiVersions and Metadata); synchronous handlers answer without a
// promise turn, which keeps pipelined produce fast. A malformed request closes this connection
// only, with the reason logged; the broker goes on.
import type { Socket } from 'node:net';
import { FrameDecoder } from './frames';
import { dispatch } from './dispatch';
import type { Broker } from '../broker';

let nextId = 1;

export class Connection {
  readonly id = nextId++;
  readonly remote: string;
  /** Set once SASL authentication succeeds (always true on a PLAINTEXT or SSL listener). */
  authenticated: boolean;
  principal: string | null = null;
  /** Per-connection state of other parts (SASL exchange, ...), keyed by their own names. */
  readonly state = new Map<string, unknown>();
  private readonly frames: FrameDecoder;
  private readonly queue: Buffer[] = [];
  private busy = false;
  private closed = false;
  /** Called once the next response has been sent (true) or could not be (false). */
  private onResponseSent: ((sent: boolean) => void)[] = [];

  constructor(
    readonly socket: Socket,
    readonly broker: Broker,
    readonly listener: { name: string; securityProtocol: string },
  ) {
    this.remote = `${socket.remoteAddress}:${socket.remotePort}`;
    this.authenticated = !listener.securityProtocol.startsWith('SASL');
    this.frames = new FrameDecoder(broker.config.socketRequestMaxBytes);
    socket.setNoDelay(true);
    socket.on('data', (data: Buffer) => this.onData(data));
    socket.on('error', (err) => this.close(`socket error: ${err.message}`));
    socket.on('close', () => this.close());
    socket.on('drain', () => this.process());
  }

  private onData(data: Buffer): void {
    let frames: Buffer[];
    try {
      frames = this.frames.push(data);
    } catch (err) {
      this.close((err as Error).message);
      return;
    }
    for (const f of frames) this.queue.push(f);
    this.process();
  }

  private process(): void {
    while (!this.busy && !this.closed && this.queue.length > 0) {
      // Stop reading new requests while the socket's send buffer is full: bounded memory.
      if (this.socket.writableNeedDrain) {
        this.socket.pause();
        return;
      }
      const frame = this.queue.shift()!;
      const outcome = dispatch(this, frame);
      if (outcome instanceof Promise) {
        this.busy = true;
        outcome.then(
          (chunks) => {
            this.busy = false;
            if (chunks) this.send(chunks);
            this.process();
          },
          (err: unknown) => {
            this.busy = false;
            this.close(`request failed: ${(err as Error).message}`);
          },
        );
        return;
      }
      if (outcome) this.send(outcome);
    }
    if (!this.closed && this.queue.length === 0) this.socket.resume();
  }

  /**
   * Registers fn for the end of the response being prepared (requests are answered one at a time,
   * so the next send is that response): with true once the socket has written it out, so buffers
   * it refers to may be reused, or false when it was not sent.
   */
  afterResponse(fn: (sent: boolean) => void): void {
    if (this.closed) fn(false);
    else this.onResponseSent.push(fn);
  }

  send(chunks: Buffer[]): void {
    const done = this.onResponseSent;
    if (done.length) this.onResponseSent = [];
    if (this.closed) {
      for (const fn of done) fn(false);
      return;
    }
    let size = 0;
    for (const c of chunks) size += c.length;
    const prefix = Buffer.allocUnsafe(4);
    prefix.writeInt32BE(size, 0);
    this.socket.cork();
    this.socket.write(prefix);
    const last = chunks.length - 1;
    for (let i = 0; i < last; i++) this.socket.write(chunks[i]);
    // Writes complete in order, so the last one's callback sees the whole response out.
    this.socket.write(chunks[last], done.length ? (err) => done.forEach((fn) => fn(!err)) : undefined);
    this.socket.uncork();
  }

  /** Bytes this connection holds: request frames read but not handled, responses not yet sent. */
  get bufferedBytes(): number {
    let queued = this.frames.bufferedBytes;
    for (const f of this.queue) queued += f.length;
    return queued + this.socket.writableLength;
  }

  /** Closes this connection; `reason` is logged when the close is not the client's own doing. */
  close(reason?: string): void {
    if (this.closed) return;
    this.closed = true;
    this.queue.length = 0;
    for (const fn of this.onResponseSent.splice(0)) fn(false);
    if (reason) this.broker.log(`closing connection ${this.id} from ${this.remote}: ${reason}`);
    this.socket.destroy();
    this.broker.connections.delete(this);
  }

  get isClosed(): boolean {
    return this.closed;
  }
}
