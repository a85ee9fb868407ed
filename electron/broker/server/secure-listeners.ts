// The server socket of one listener, by its security protocol (Kafka's `listeners` with
// `listener.security.protocol.map`, e.g. listeners=CLIENT://:9093 with
// listener.security.protocol.map=CLIENT:SASL_SSL):
//   PLAINTEXT       plain TCP
//   SSL             TLS (node:tls); ssl.client.auth=required|requested|none (default none) asks
//                   for client certificates, checked against the truststore; the principal is then
//                   User:<certificate subject>
//   SASL_PLAINTEXT  TCP, then SaslHandshake/SaslAuthenticate before any other request
//   SASL_SSL        both
// Key material is PEM only (Kafka's ssl.keystore.type=PEM; JKS/PKCS12 keystores are refused):
//   ssl.keystore.certificate.chain / ssl.keystore.key   PEM text inline, as Kafka takes it ("\n" may
//                                                       be written as the two characters \n)
//   ssl.certificate.location / ssl.key.location         Brook keys (librdkafka's names): PEM files
//   ssl.key.password                                    for an encrypted private key
//   ssl.truststore.location (PEM file) / ssl.truststore.certificates (PEM text)
//                                                       the CAs client certificates must chain to
//   brook.ssl.handshake.timeout.ms (default 10000)      a TLS handshake that has not finished by
//                                                       then is dropped
// The same TLS settings serve every SSL and SASL_SSL listener, except that, as in Kafka (KIP-684),
// ssl.client.auth applies to SSL listeners only: a SASL_SSL listener authenticates with SASL.
// Kafka's listener.name.<l>.ssl.* per-listener overrides are not implemented (refused as unknown
// keys).
import { createServer as createTcpServer, type Server, type Socket } from 'node:net';
import type { TLSSocket, TlsOptions } from 'node:tls';
import { readFileSync } from 'node:fs';
import type { Broker } from '../broker';
import type { BrokerConfig } from '../config';
import type { ListenerSpec } from '../listeners';
import type { Connection } from './connection';
import { guardUnauthenticatedFrames, saslUsersOf, startAuthenticationTimer } from './sasl/session';
import { parseMechanisms, parseUsers } from './sasl/credentials';
import { parseListeners } from '../listeners';

/** listener.security.protocol.map as a record: NAME:PROTOCOL,... */
export function securityProtocolMap(config: BrokerConfig): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of (config.listenerSecurityProtocolMap ?? '').split(',')) {
    if (!entry.trim()) continue;
    const m = /^\s*([A-Za-z0-9_]+)\s*:\s*([A-Za-z_]+)\s*$/.exec(entry);
    if (!m) throw new Error(`listener.security.protocol.map takes NAME:PROTOCOL entries, got "${entry.trim()}"`);
    out[m[1].toUpperCase()] = m[2].toUpperCase();
  }
  return out;
}

const pemText = (value: string) => value.replace(/\\n/g, '\n');

function readPem(key: string, path: string): Buffer {
  try {
    return readFileSync(path);
  } catch (err) {
    throw new Error(`${key}: cannot read ${path}: ${(err as Error).message}`);
  }
}

/** node:tls server options from the ssl.* keys; throws a clear Error when something is missing. */
export function tlsOptions(c: BrokerConfig, listener: ListenerSpec): TlsOptions {
  const cert = c.sslKeystoreCertificateChain !== null ? pemText(c.sslKeystoreCertificateChain) : c.sslCertificateLocation !== null ? readPem('ssl.certificate.location', c.sslCertificateLocation) : null;
  const key = c.sslKeystoreKey !== null ? pemText(c.sslKeystoreKey) : c.sslKeyLocation !== null ? readPem('ssl.key.location', c.sslKeyLocation) : null;
  if (c.sslKeystoreCertificateChain !== null && c.sslCertificateLocation !== null) throw new Error('give the server certificate once: ssl.keystore.certificate.chain or ssl.certificate.location');
  if (c.sslKeystoreKey !== null && c.sslKeyLocation !== null) throw new Error('give the private key once: ssl.keystore.key or ssl.key.location');
  if (cert === null || key === null) {
    throw new Error(
      `listener ${listener.name} uses TLS: set ssl.certificate.location and ssl.key.location (PEM files), or ssl.keystore.certificate.chain and ssl.keystore.key (PEM text)`,
    );
  }
  const ca = c.sslTruststoreCertificates !== null ? pemText(c.sslTruststoreCertificates) : c.sslTruststoreLocation !== null ? readPem('ssl.truststore.location', c.sslTruststoreLocation) : undefined;
  const clientAuth = listener.securityProtocol === 'SSL' ? c.sslClientAuth : 'none';
  if (clientAuth !== 'none' && ca === undefined) {
    throw new Error(`ssl.client.auth=${clientAuth} needs the CAs of client certificates: ssl.truststore.location or ssl.truststore.certificates`);
  }
  return {
    cert,
    key,
    passphrase: c.sslKeyPassword ?? undefined,
    ca,
    requestCert: clientAuth !== 'none',
    // "requested": a client without a certificate is let in; one with a bad certificate is not (below).
    rejectUnauthorized: clientAuth === 'required',
    handshakeTimeout: c.sslHandshakeTimeoutMs,
    minVersion: 'TLSv1.2',
  };
}

/** The principal of a TLS client certificate, as Kafka's default builder names it (User:CN=...). */
function certificatePrincipal(socket: TLSSocket): string | null {
  const subject = socket.getPeerCertificate()?.subject;
  if (!subject || Object.keys(subject).length === 0) return null;
  const rdn = Object.entries(subject)
    .reverse()
    .map(([k, v]) => `${k}=${Array.isArray(v) ? v.join('+') : v}`);
  return `User:${rdn.join(',')}`;
}

const checked = new WeakSet<Broker>();

/** Security settings no listener uses are checked all the same, and said to be unused. */
function checkUnused(broker: Broker): void {
  if (checked.has(broker)) return;
  checked.add(broker);
  const c = broker.config;
  parseMechanisms(c.saslEnabledMechanisms);
  const users = parseUsers(c.saslUsers);
  const protocols = new Set(parseListeners(c.listeners, securityProtocolMap(c)).map((l) => l.securityProtocol));
  if (users.length > 0 && !protocols.has('SASL_PLAINTEXT') && !protocols.has('SASL_SSL')) {
    broker.log('brook.sasl.users is set but no listener uses SASL (SASL_PLAINTEXT or SASL_SSL): nobody needs to log in');
  }
  const ssl = Object.keys(c.given).filter((k) => k.startsWith('ssl.'));
  if (ssl.length > 0 && !protocols.has('SSL') && !protocols.has('SASL_SSL')) {
    broker.log(`${ssl.join(', ')} set but no listener uses TLS (SSL or SASL_SSL)`);
  }
  if (c.given['ssl.client.auth'] !== undefined && !protocols.has('SSL')) {
    broker.log('ssl.client.auth applies to SSL listeners only (as in Kafka): SASL_SSL listeners authenticate with SASL');
  }
}

/** A listening-ready server for `spec`; `accept` makes the Connection of each (secured) socket. */
export function createListenerServer(broker: Broker, spec: ListenerSpec, accept: (socket: Socket) => Connection): Server {
  checkUnused(broker);
  const sasl = spec.securityProtocol.startsWith('SASL');
  if (sasl) saslUsersOf(broker); // derive the credentials now: a bad setting fails the start
  const onSocket = (socket: Socket) => {
    const conn = accept(socket);
    if (sasl) {
      startAuthenticationTimer(conn);
      guardUnauthenticatedFrames(conn);
    }
    return conn;
  };
  if (!spec.securityProtocol.endsWith('SSL')) return createTcpServer({ noDelay: true }, onSocket);
  const c = broker.config;
  // node:tls is loaded here, not at import: it took ~5 ms of every start, and most brokers have no TLS listener.
  const server = process.getBuiltinModule('node:tls').createServer(tlsOptions(c, spec), (socket) => {
    if (!sasl && c.sslClientAuth === 'requested' && !socket.authorized && socket.getPeerCertificate()?.subject) {
      broker.log(`closing TLS connection from ${socket.remoteAddress}:${socket.remotePort}: client certificate not trusted (${socket.authorizationError})`);
      socket.destroy();
      return;
    }
    const conn = onSocket(socket);
    if (!sasl && socket.authorized) conn.principal = certificatePrincipal(socket);
  });
  server.on('tlsClientError', (err, socket) => {
    broker.log(`TLS handshake with ${socket.remoteAddress}:${socket.remotePort} failed: ${err.message.trim()}`);
    socket.destroy();
  });
  return server;
}
