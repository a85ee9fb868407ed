// A step-by-step probe of one bootstrap server, below any Kafka client, so each failure gets its
// own name: DNS, TCP, TLS, then a Kafka ApiVersions v0 request whose answer must look like Kafka's.
import { lookup } from 'node:dns/promises';
import { Socket, connect as tcpConnect } from 'node:net';
import { connect as tlsConnect, type TLSSocket } from 'node:tls';
import type { TestStep } from '../../../shared/model';
import type { ConnectionSpec } from './connection';
import { splitHostPort } from './connection';
import { describeFailure, type Failure } from './failures';

export interface ProbeResult {
  steps: TestStep[];
  failure?: Failure;
}

export async function probeServer(server: string, spec: ConnectionSpec, deadline: number): Promise<ProbeResult> {
  const { host, port } = splitHostPort(server);
  const steps: TestStep[] = [];
  const step = async <T>(name: TestStep['name'], run: () => Promise<T>, note?: (value: T) => string): Promise<T> => {
    const started = Date.now();
    try {
      const value = await withDeadline(run(), deadline, name);
      steps.push({ name, ok: true, ms: Date.now() - started, ...(note ? { note: note(value) } : {}) });
      return value;
    } catch (error) {
      steps.push({ name, ok: false, ms: Date.now() - started });
      throw error;
    }
  };

  let socket: Socket | TLSSocket | undefined;
  try {
    const address = await step('dns', () => lookup(host), (a) => a.address);
    socket = await step('tcp', () => openTcp(address.address, port), () => `${address.address}:${port}`);
    if (spec.tls) {
      const plain = socket;
      socket = await step('tls', () => upgradeTls(plain, host, spec.tls || {}), (s) => s.getProtocol() ?? 'TLS');
    }
    const live = socket;
    await step('kafka', () => apiVersionsV0(live), (n) => `ApiVersions answered (${n} APIs)`);
    return { steps };
  } catch (error) {
    let cause = error;
    // A plaintext request that gets no answer at all: if the port completes a TLS handshake, say so.
    const silentClose = (error as { code?: string; received?: Buffer }).code === 'BROOK_NOT_KAFKA' && !(error as { received?: Buffer }).received?.length;
    if (silentClose && !spec.tls && (await speaksTls(host, port, deadline))) {
      cause = Object.assign(new Error('the server completed a TLS handshake'), { code: 'BROOK_EXPECTS_TLS' });
    }
    return { steps, failure: describeFailure(cause, { server, spec, stage: steps[steps.length - 1]?.name ?? 'dns' }) };
  } finally {
    socket?.destroy();
  }
}

/** Whether host:port completes a TLS handshake (certificate not checked: this only asks "is it TLS?"). */
async function speaksTls(host: string, port: number, deadline: number): Promise<boolean> {
  let socket: Socket | undefined;
  try {
    socket = await withDeadline(openTcp(host, port), deadline, 'tls');
    const secure = await withDeadline(upgradeTls(socket, host, { rejectUnauthorized: false }), deadline, 'tls');
    secure.destroy();
    return true;
  } catch {
    return false;
  } finally {
    socket?.destroy();
  }
}

function withDeadline<T>(promise: Promise<T>, deadline: number, stage: string): Promise<T> {
  const left = deadline - Date.now();
  if (left <= 0) return Promise.reject(Object.assign(new Error(`timed out at ${stage}`), { code: 'BROOK_TIMEOUT' }));
  let timer: NodeJS.Timeout;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(Object.assign(new Error(`timed out at ${stage}`), { code: 'BROOK_TIMEOUT' })), left);
    }),
  ]).finally(() => clearTimeout(timer));
}

function openTcp(host: string, port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = tcpConnect({ host, port });
    socket.once('connect', () => {
      socket.removeAllListeners('error');
      socket.on('error', () => undefined);
      resolve(socket);
    });
    socket.once('error', (error) => {
      socket.destroy();
      reject(error);
    });
  });
}

function upgradeTls(socket: Socket, servername: string, options: object): Promise<TLSSocket> {
  return new Promise((resolve, reject) => {
    const isIp = /^[\d.]+$|:/.test(servername);
    const secure = tlsConnect({ ...options, socket, ...(isIp ? {} : { servername }) });
    secure.once('secureConnect', () => {
      secure.removeAllListeners('error');
      secure.on('error', () => undefined);
      resolve(secure);
    });
    secure.once('error', (error) => {
      secure.destroy();
      reject(error);
    });
  });
}

/** Sends ApiVersions v0 and checks the answer has Kafka's framing and our correlation id. */
function apiVersionsV0(socket: Socket): Promise<number> {
  const clientId = Buffer.from('brook-probe');
  const correlationId = 0x42524f4b; // "BROK"
  const body = Buffer.alloc(2 + 2 + 4 + 2 + clientId.length);
  body.writeInt16BE(18, 0); // ApiVersions
  body.writeInt16BE(0, 2); // version 0
  body.writeInt32BE(correlationId, 4);
  body.writeInt16BE(clientId.length, 8);
  clientId.copy(body, 10);
  const frame = Buffer.concat([Buffer.alloc(4), body]);
  frame.writeInt32BE(body.length, 0);

  return new Promise((resolve, reject) => {
    let received = Buffer.alloc(0);
    const notKafka = (why: string) => Object.assign(new Error(why), { code: 'BROOK_NOT_KAFKA', received: received.subarray(0, 64) });
    const onData = (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      if (received.length >= 1 && received[0] === 0x15 && (received.length < 2 || received[1] === 0x03)) {
        return done(Object.assign(new Error('the server answered with a TLS alert'), { code: 'BROOK_EXPECTS_TLS' }));
      }
      if (received.length < 4) return;
      const size = received.readInt32BE(0);
      if (size < 6 || size > 1_048_576) return done(notKafka(`answer starts with ${printable(received.subarray(0, 16))}`));
      if (received.length < 8) return;
      if (received.readInt32BE(4) !== correlationId) return done(notKafka('the answer carries another correlation id'));
      if (received.length < 4 + size) return;
      const errorCode = received.readInt16BE(8);
      const count = size >= 10 ? received.readInt32BE(10) : 0;
      if (errorCode !== 0 && errorCode !== 35) return done(notKafka(`ApiVersions error code ${errorCode}`));
      done(undefined, Math.max(count, 0));
    };
    const onEnd = () => done(received.length ? notKafka(`answer starts with ${printable(received.subarray(0, 16))}`) : notKafka('the server closed the connection without answering'));
    const onError = (error: Error) => done(error);
    const done = (error?: Error, count = 0) => {
      socket.off('data', onData).off('end', onEnd).off('close', onEnd).off('error', onError);
      if (error) reject(error);
      else resolve(count);
    };
    socket.on('data', onData).on('end', onEnd).on('close', onEnd).on('error', onError);
    socket.write(frame);
  });
}

function printable(bytes: Buffer): string {
  const text = bytes.toString('latin1');
  return /^[\x20-\x7e\r\n]+$/.test(text) ? JSON.stringify(text.split('\r\n')[0]) : `0x${bytes.toString('hex')}`;
}
