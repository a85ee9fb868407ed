// One client connection: frames in, requests handled strictly in order, responses out in order.
// Kafka processes one request per connection at a time and clients rely on that ordering
// (kafka-python pipelines ApiVersions and Metadata); synchronous handlers answer without a
// promise turn, which keeps pipelined produce fast. While a request waits for a promise (a long-poll
// Fetch), the socket is not read, as Kafka mutes a channel with a request in progress: what a
// client pipelines behind it stays in its socket, not in our memory. A malformed request closes this
// connection only, with the reason logged; the broker goes on.
//
// Large Produce requests are assembled in the broker's slabs (slab-pool.ts), and each slab goes
// back as soon as its request has been handled. That is safe for Produce alone: its handler writes
// the records to the log before it returns and keeps no view of the request's bytes, where other
// handlers keep slices of theirs (group metadata, assignments).
import type { Socket } from 'node:net';
import { FrameDecoder } from './frames';
import { dispatch } from './dispatch';
import type { Broker } from '../broker';
import { ApiKey } from '../protocol/messages.generated';

/** Smaller frames come in one or two socket reads; slabs pay off from here. */
const SLAB_FRAMES_FROM = 64 * 1024;

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
  /** The slabs request frames are being assembled or handled in, by their memory. */
  private readonly frameSlabs = new Map<ArrayBufferLike, Buffer>();
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
    this.frames = new FrameDecoder(broker.config.socketRequestMaxBytes, (size, apiKey) => this.frameSlab(size, apiKey));
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
        this.socket.pause();
        outcome.then(
          (chunks) => {
            this.busy = false;
            this.handled(frame);
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
      this.handled(frame);
      if (outcome) this.send(outcome);
    }
    if (!this.closed && this.queue.length === 0) this.socket.resume();
  }

  private frameSlab(size: number, apiKey: number): Buffer | null {
    if (apiKey !== ApiKey.Produce || size < SLAB_FRAMES_FROM || size > this.broker.slabs.slabBytes) return null;
    const slab = this.broker.slabs.take();
    this.frameSlabs.set(slab.buffer, slab);
    return slab;
  }

  /** A request is answered: the slab its frame was assembled in, if any, goes back to the pool. */
  private handled(frame: Buffer): void {
    this.broker.requestsHandled++;
    const slab = this.frameSlabs.get(frame.buffer);
    if (!slab) return;
    this.frameSlabs.delete(frame.buffer);
    this.broker.slabs.give(slab, true);
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
    // A request in progress may still be reading its frame (an acks=0 Produce closes from inside
    // its handler), so slabs are not reused: the GC takes them.
    for (const slab of this.frameSlabs.values()) this.broker.slabs.give(slab, false);
    this.frameSlabs.clear();
    for (const fn of this.onResponseSent.splice(0)) fn(false);
    if (reason) this.broker.log(`closing connection ${this.id} from ${this.remote}: ${reason}`);
    this.socket.destroy();
    this.broker.connections.delete(this);
  }

  get isClosed(): boolean {
    return this.closed;
  }
}
