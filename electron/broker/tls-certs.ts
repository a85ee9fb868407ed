// Certificates for a local TLS sandbox: a self-signed CA, and a server certificate it signs for
// localhost and 127.0.0.1 (SAN DNS:localhost, IP:127.0.0.1, IP:::1). Made with the `openssl`
// command, written as PEM files into `dir`, and kept there: an existing set is reused, so clients
// that trust the CA keep working across restarts. Clients trust caPath (kafkajs ssl.ca, librdkafka
// ssl.ca.location, kafka-python ssl_cafile); the broker uses certPath and keyPath
// (ssl.certificate.location, ssl.key.location) and caPath as its truststore for client certificates.
import { existsSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

export interface SandboxCertificates {
  caPath: string;
  /** The CA's private key, for signing client certificates (generateClientCertificate). */
  caKeyPath: string;
  certPath: string;
  keyPath: string;
}

function openssl(args: string[], cwd: string): void {
  try {
    // node:child_process loads only for --tls: it cost every other start a few ms.
    process.getBuiltinModule('node:child_process').execFileSync('openssl', args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
  } catch (err) {
    const e = err as { stderr?: Buffer; message: string };
    throw new Error(`openssl ${args[0]} failed: ${e.stderr?.toString().trim() || e.message}`);
  }
}

/** Signs a certificate for `name` with the CA of `certs`, into dir/<file>.pem and dir/<file>-key.pem. */
function issue(dir: string, certs: Pick<SandboxCertificates, 'caPath' | 'caKeyPath'>, file: string, subject: string, extensions: string, days: number) {
  const certPath = join(dir, `${file}.pem`);
  const keyPath = join(dir, `${file}-key.pem`);
  const csr = join(dir, `${file}.csr`);
  const ext = join(dir, `${file}.ext`);
  writeFileSync(ext, extensions);
  try {
    openssl(['req', '-new', '-newkey', 'rsa:2048', '-nodes', '-keyout', keyPath, '-out', csr, '-subj', subject], dir);
    openssl(['x509', '-req', '-in', csr, '-CA', certs.caPath, '-CAkey', certs.caKeyPath, '-CAcreateserial', '-out', certPath, '-days', String(days), '-sha256', '-extfile', ext], dir);
  } finally {
    rmSync(csr, { force: true });
    rmSync(ext, { force: true });
  }
  return { certPath, keyPath };
}

/** Creates (or reuses) the sandbox CA and server certificate in `dir`. */
export function generateSandboxCertificates(dir: string, opts: { days?: number } = {}): SandboxCertificates {
  const days = opts.days ?? 825;
  mkdirSync(dir, { recursive: true });
  const certs: SandboxCertificates = {
    caPath: join(dir, 'ca.pem'),
    caKeyPath: join(dir, 'ca-key.pem'),
    certPath: join(dir, 'server.pem'),
    keyPath: join(dir, 'server-key.pem'),
  };
  if (Object.values(certs).every((p) => existsSync(p))) return certs;
  openssl(
    ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', certs.caKeyPath, '-out', certs.caPath, '-days', String(days), '-sha256', '-subj', '/CN=Brook sandbox CA',
      '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign'],
    dir,
  );
  issue(dir, certs, 'server', '/CN=localhost', 'subjectAltName=DNS:localhost,IP:127.0.0.1,IP:::1\nextendedKeyUsage=serverAuth\n', days);
  return certs;
}

/** A client certificate signed by the sandbox CA (for ssl.client.auth=required listeners). */
export function generateClientCertificate(dir: string, certs: Pick<SandboxCertificates, 'caPath' | 'caKeyPath'>, commonName: string, days = 825): { certPath: string; keyPath: string } {
  if (!/^[A-Za-z0-9._-]+$/.test(commonName)) throw new Error(`client certificate name "${commonName}" must be letters, digits, '.', '_' or '-'`);
  mkdirSync(dir, { recursive: true });
  return issue(dir, certs, `client-${commonName}`, `/CN=${commonName}`, 'extendedKeyUsage=clientAuth\n', days);
}
