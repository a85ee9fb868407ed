// Turns a profile (saved or draft) into what a Kafka client needs: brokers, TLS material read from
// disk, SASL credentials. Unreadable files become field-level INVALID_INPUT errors here, so they
// never reach kafkajs.
import { readFileSync } from 'node:fs';
import type { ConnectionOptions } from 'node:tls';
import { BrookError } from '../../../shared/errors';
import type { SaslMechanism, SecurityProtocol } from '../../../shared/model';

export interface ConnectionSpec {
  brokers: string[];
  securityProtocol: SecurityProtocol;
  /** TLS options for node:tls (and kafkajs), or false for plaintext. */
  tls: ConnectionOptions | false;
  sasl?: { mechanism: SaslMechanism; username: string; password: string };
}

export interface ProfileLike {
  bootstrapServers: string[];
  securityProtocol: SecurityProtocol;
  tls?: { caFile?: string | undefined; certFile?: string | undefined; keyFile?: string | undefined; rejectUnauthorized?: boolean | undefined } | undefined;
  sasl?: { mechanism: SaslMechanism; username: string } | undefined;
}

export function connectionSpec(profile: ProfileLike, password: string | undefined): ConnectionSpec {
  const usesTls = profile.securityProtocol === 'SSL' || profile.securityProtocol === 'SASL_SSL';
  const usesSasl = profile.securityProtocol.startsWith('SASL');
  const fields: Record<string, string> = {};
  let tls: ConnectionOptions | false = false;
  if (usesTls) {
    const t = profile.tls ?? {};
    tls = { rejectUnauthorized: t.rejectUnauthorized ?? true };
    const ca = readPem(t.caFile, 'tls.caFile', 'CA file', fields);
    const cert = readPem(t.certFile, 'tls.certFile', 'client certificate', fields);
    const key = readPem(t.keyFile, 'tls.keyFile', 'client key', fields);
    if (ca) tls.ca = [ca];
    if (cert) tls.cert = cert;
    if (key) tls.key = key;
    if (cert && !key) fields['tls.keyFile'] = 'A client certificate needs its private key';
    if (key && !cert) fields['tls.certFile'] = 'A client key needs its certificate';
  }
  let sasl: ConnectionSpec['sasl'];
  if (usesSasl) {
    if (!profile.sasl) fields['sasl.username'] = 'SASL needs a mechanism and a user name';
    else if (password === undefined || password === '') fields['sasl.password'] = 'Enter the SASL password';
    else sasl = { mechanism: profile.sasl.mechanism, username: profile.sasl.username, password };
  }
  const first = Object.entries(fields)[0];
  if (first) {
    throw new BrookError({ code: 'INVALID_INPUT', message: first[1], hint: 'Correct the highlighted fields and try again.', fields });
  }
  return { brokers: profile.bootstrapServers, securityProtocol: profile.securityProtocol, tls, ...(sasl ? { sasl } : {}) };
}

function readPem(path: string | undefined, field: string, what: string, fields: Record<string, string>): string | undefined {
  if (!path) return undefined;
  try {
    const text = readFileSync(path, 'utf8');
    if (!text.includes('-----BEGIN')) {
      fields[field] = `${path} is not a PEM file (no "-----BEGIN" line)`;
      return undefined;
    }
    return text;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    fields[field] =
      code === 'ENOENT' ? `The ${what} ${path} does not exist`
      : code === 'EACCES' ? `The ${what} ${path} cannot be read (permission denied)`
      : code === 'EISDIR' ? `${path} is a folder, not a ${what}`
      : `The ${what} ${path} cannot be read (${code ?? (error as Error).message})`;
    return undefined;
  }
}

export function splitHostPort(server: string): { host: string; port: number } {
  const at = server.lastIndexOf(':');
  return { host: server.slice(0, at).replace(/^\[|\]$/g, ''), port: Number(server.slice(at + 1)) };
}
