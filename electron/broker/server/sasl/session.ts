// SASL on one connection, from SaslHandshake to authenticated (KIP-43, KIP-152):
//  - SaslHandshake v1: the client then sends its tokens in SaslAuthenticate requests (v0-2).
//  - SaslHandshake v0: the frames that follow are raw SASL tokens, size-prefixed with no Kafka
//    header, answered the same way (kafka-python 2.0.2 and older Java clients). dispatch() hands
//    such frames here through rawTokenHandler() until the exchange ends.
// A failed login is answered SASL_AUTHENTICATION_FAILED with one message whatever went wrong, then
// the connection closes once the answer is written (in raw mode it just closes, as Kafka does). A
// connection on a SASL listener that has not authenticated within brook.sasl.authentication.timeout.ms
// (default 30 s) is closed, whether it never started or stopped half-way.
import type { Broker } from '../../broker';
import type { Connection } from '../connection';
import { parseMechanisms, parseUsers, SaslUsers, type Mechanism } from './credentials';
import { AuthenticationFailed, startExchange, type Exchange } from './mechanisms';

interface SaslSession {
  mechanism: Mechanism;
  handshakeVersion: number;
  exchange: Exchange;
}

const SESSION = 'sasl.session';
const RAW = 'sasl.rawTokens';
const TIMER = 'sasl.timer';

const usersByBroker = new WeakMap<Broker, SaslUsers>();

/** The broker's SASL users, derived from its config on first use (Broker.start, for a SASL listener). */
export function saslUsersOf(broker: Broker): SaslUsers {
  let users = usersByBroker.get(broker);
  if (!users) {
    const list = parseUsers(broker.config.saslUsers);
    if (list.length === 0) throw new Error('a SASL listener needs users: set brook.sasl.users=user:password,...');
    users = new SaslUsers(parseMechanisms(broker.config.saslEnabledMechanisms), list);
    usersByBroker.set(broker, users);
  }
  return users;
}

export const isSaslListener = (conn: Connection): boolean => conn.listener.securityProtocol.startsWith('SASL');

/** Closes a connection once what has been queued for it is written. */
export function closeAfterResponse(conn: Connection, reason: string): void {
  conn.state.set(RAW, null);
  setImmediate(() => {
    if (conn.isClosed) return;
    conn.socket.end(() => conn.close(reason));
    // A client that does not read its answer is not waited for.
    setTimeout(() => conn.close(reason), 1000).unref();
  });
}

/** Kafka's sasl.server.max.receive.size: the largest request a client may send before it is authenticated. */
export const MAX_UNAUTHENTICATED_FRAME = 524_288;

/**
 * Closes a connection on a SASL listener whose client, not yet authenticated, announces a frame
 * larger than MAX_UNAUTHENTICATED_FRAME, before the broker buffers it. It follows the frame sizes
 * of the same bytes the connection reads, until authentication succeeds.
 */
export function guardUnauthenticatedFrames(conn: Connection): void {
  let header = Buffer.alloc(0);
  let remaining = 0;
  const onData = (data: Buffer) => {
    if (conn.authenticated || conn.isClosed) {
      conn.socket.off('data', onData);
      return;
    }
    let at = 0;
    while (at < data.length) {
      if (remaining > 0) {
        const n = Math.min(remaining, data.length - at);
        remaining -= n;
        at += n;
        continue;
      }
      const need = 4 - header.length;
      header = Buffer.concat([header, data.subarray(at, at + need)]);
      at += Math.min(need, data.length - at);
      if (header.length < 4) return;
      remaining = header.readInt32BE(0);
      header = Buffer.alloc(0);
      if (remaining > MAX_UNAUTHENTICATED_FRAME) {
        conn.close(`a ${remaining}-byte request before SASL authentication (at most ${MAX_UNAUTHENTICATED_FRAME})`);
        return;
      }
    }
  };
  conn.socket.on('data', onData);
}

/** Starts the authentication deadline of a new connection on a SASL listener. */
export function startAuthenticationTimer(conn: Connection): void {
  const ms = conn.broker.config.saslAuthenticationTimeoutMs;
  const timer = setTimeout(() => {
    if (!conn.authenticated) conn.close(`SASL authentication did not complete within ${ms} ms`);
  }, ms);
  timer.unref();
  conn.state.set(TIMER, timer);
  conn.socket.once('close', () => clearTimeout(timer));
}

export type HandshakeOutcome =
  | { ok: true; mechanisms: string[] }
  | { ok: false; error: 'ILLEGAL_SASL_STATE' | 'UNSUPPORTED_SASL_MECHANISM'; mechanisms: string[] };

/** SaslHandshake: picks the mechanism; v0 switches the connection to raw tokens. */
export function handshake(conn: Connection, mechanism: string, version: number): HandshakeOutcome {
  if (!isSaslListener(conn) || conn.authenticated || conn.state.has(SESSION)) {
    // As Kafka: answered on a listener without SASL or once authenticated; mid-exchange it is fatal.
    if (!conn.authenticated) closeAfterResponse(conn, 'SaslHandshake during a SASL exchange');
    return { ok: false, error: 'ILLEGAL_SASL_STATE', mechanisms: [] };
  }
  const users = saslUsersOf(conn.broker);
  if (!(users.mechanisms as string[]).includes(mechanism)) {
    closeAfterResponse(conn, `unsupported SASL mechanism ${JSON.stringify(mechanism)}`);
    return { ok: false, error: 'UNSUPPORTED_SASL_MECHANISM', mechanisms: users.mechanisms };
  }
  const session: SaslSession = { mechanism: mechanism as Mechanism, handshakeVersion: version, exchange: startExchange(mechanism as Mechanism, users) };
  conn.state.set(SESSION, session);
  if (version === 0) conn.state.set(RAW, (frame: Buffer) => rawToken(conn, session, frame));
  return { ok: true, mechanisms: users.mechanisms };
}

export type AuthenticateOutcome = { ok: true; response: Buffer } | { ok: false; error: 'ILLEGAL_SASL_STATE' | 'SASL_AUTHENTICATION_FAILED'; message: string };

/** SaslAuthenticate: one token of the exchange begun by a SaslHandshake v1. */
export function authenticate(conn: Connection, token: Buffer): AuthenticateOutcome {
  const session = conn.state.get(SESSION) as SaslSession | undefined;
  if (!session || session.handshakeVersion === 0 || conn.authenticated) {
    if (!conn.authenticated) closeAfterResponse(conn, 'SaslAuthenticate without a SaslHandshake v1');
    return { ok: false, error: 'ILLEGAL_SASL_STATE', message: 'SaslAuthenticate needs a SaslHandshake v1 first, on a SASL listener, before authentication' };
  }
  const result = step(conn, session, token);
  if (result === null) {
    return {
      ok: false,
      error: 'SASL_AUTHENTICATION_FAILED',
      message: `Authentication failed: invalid username or password (SASL mechanism ${session.mechanism})`,
    };
  }
  return { ok: true, response: result };
}

/** dispatch(): the handler of raw token frames after a SaslHandshake v0, while the exchange runs. */
export function rawTokenHandler(conn: Connection): ((frame: Buffer) => Buffer[] | null) | undefined {
  if (conn.state.size === 0) return undefined;
  return (conn.state.get(RAW) as ((frame: Buffer) => Buffer[] | null) | null | undefined) ?? undefined;
}

function rawToken(conn: Connection, session: SaslSession, frame: Buffer): Buffer[] | null {
  const result = step(conn, session, frame);
  if (result === null) {
    conn.close('SASL authentication failed');
    return null;
  }
  return [result];
}

/** One client token: the server's answer, or null when authentication failed (closing is arranged). */
function step(conn: Connection, session: SaslSession, token: Buffer): Buffer | null {
  try {
    const { response, user } = session.exchange.step(token);
    if (user !== undefined) {
      conn.authenticated = true;
      conn.principal = `User:${user}`;
      conn.state.delete(RAW);
      clearTimeout(conn.state.get(TIMER) as NodeJS.Timeout | undefined);
      conn.broker.log(`connection ${conn.id} from ${conn.remote} authenticated as ${user} (${session.mechanism})`);
    }
    return response;
  } catch (err) {
    // The log says what was wrong (never which of user and password); the client only hears "failed".
    const why = err instanceof AuthenticationFailed ? err.message : `internal error: ${(err as Error).message}`;
    closeAfterResponse(conn, `SASL ${session.mechanism} authentication failed: ${why}`);
    return null;
  }
}
