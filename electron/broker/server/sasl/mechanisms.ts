// The server side of PLAIN (RFC 4616) and SCRAM-SHA-256/512 (RFC 5802, RFC 7677). An exchange takes
// client tokens one at a time and answers with the server's token; it throws AuthenticationFailed
// for anything wrong — unknown user, wrong password, malformed message — and the caller answers
// every such failure with the same message, so a client cannot tell a wrong user from a wrong
// password.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { h, hmac, scramHashOf, type Mechanism, type SaslUsers, type ScramHash } from './credentials';

export class AuthenticationFailed extends Error {
  override name = 'AuthenticationFailed';
}

export interface StepResult {
  response: Buffer;
  /** Set once the client is authenticated: the user name. */
  user?: string;
}

export interface Exchange {
  step(token: Buffer): StepResult;
}

export function startExchange(mechanism: Mechanism, users: SaslUsers): Exchange {
  return mechanism === 'PLAIN' ? plainExchange(users) : new ScramExchange(scramHashOf(mechanism), users);
}

function plainExchange(users: SaslUsers): Exchange {
  return {
    step(token) {
      // [authzid] NUL authcid NUL passwd
      const parts = token.toString('utf8').split('\0');
      if (parts.length !== 3) throw new AuthenticationFailed('malformed PLAIN message');
      const [authzid, user, password] = parts;
      if (!user || !password) throw new AuthenticationFailed('malformed PLAIN message');
      if (authzid && authzid !== user) throw new AuthenticationFailed('authorization id differs from the user');
      if (!users.checkPlain(user, password)) throw new AuthenticationFailed('invalid credentials');
      return { response: Buffer.alloc(0), user };
    },
  };
}

/** RFC 5802 saslname: "=2C" is ",", "=3D" is "="; any other "=" is malformed. */
function decodeSaslName(s: string): string {
  if (/=(?!2C|3D)/.test(s)) throw new AuthenticationFailed('malformed user name');
  return s.replace(/=2C/g, ',').replace(/=3D/g, '=');
}

/** The attributes of a SCRAM message: "a=...,b=...". Values may contain "=", not ",". */
function attributes(message: string): [string, string][] {
  return message.split(',').map((part) => {
    const m = /^([A-Za-z])=(.*)$/s.exec(part);
    if (!m) throw new AuthenticationFailed('malformed SCRAM message');
    return [m[1], m[2]];
  });
}

class ScramExchange implements Exchange {
  private stage: 'first' | 'final' | 'done' = 'first';
  private user = '';
  private known = false;
  private gs2Header = '';
  private clientFirstBare = '';
  private serverFirst = '';
  private nonce = '';
  private storedKey: Buffer = Buffer.alloc(0);
  private serverKey: Buffer = Buffer.alloc(0);

  constructor(
    private readonly hash: ScramHash,
    private readonly users: SaslUsers,
  ) {}

  step(token: Buffer): StepResult {
    const message = token.toString('utf8');
    if (this.stage === 'first') return this.clientFirst(message);
    if (this.stage === 'final') return this.clientFinal(message);
    throw new AuthenticationFailed('SCRAM exchange already complete');
  }

  private clientFirst(message: string): StepResult {
    // gs2-header = gs2-cbind-flag "," [ authzid ] "," ; then client-first-message-bare
    const m = /^([ny]|p=[^,]*),(a=[^,]*)?,(.*)$/s.exec(message);
    if (!m) throw new AuthenticationFailed('malformed SCRAM client-first message');
    if (m[1].startsWith('p=')) throw new AuthenticationFailed('SCRAM channel binding is not supported');
    this.gs2Header = message.slice(0, message.length - m[3].length);
    this.clientFirstBare = m[3];
    const parts = this.clientFirstBare.split(',');
    if (parts[0]?.startsWith('m=')) throw new AuthenticationFailed('SCRAM mandatory extensions are not supported');
    if (!parts[0]?.startsWith('n=') || !parts[1]?.startsWith('r=') || parts[1].length < 3) {
      throw new AuthenticationFailed('malformed SCRAM client-first message');
    }
    this.user = decodeSaslName(parts[0].slice(2));
    if (!this.user) throw new AuthenticationFailed('empty SCRAM user name');
    if (m[2] && decodeSaslName(m[2].slice(2)) !== this.user) throw new AuthenticationFailed('authorization id differs from the user');
    // Kafka's tokenauth=true extension names a delegation token, which the sandbox does not have.
    if (parts.slice(2).includes('tokenauth=true')) throw new AuthenticationFailed('SCRAM delegation tokens are not supported');
    const clientNonce = parts[1].slice(2);
    const { credential, known } = this.users.scramCredential(this.user, this.hash);
    this.known = known;
    this.storedKey = credential.storedKey;
    this.serverKey = credential.serverKey;
    this.nonce = clientNonce + randomBytes(24).toString('hex');
    this.serverFirst = `r=${this.nonce},s=${credential.salt.toString('base64')},i=${credential.iterations}`;
    this.stage = 'final';
    return { response: Buffer.from(this.serverFirst, 'utf8') };
  }

  private clientFinal(message: string): StepResult {
    this.stage = 'done';
    const attrs = attributes(message);
    const proofAt = attrs.length - 1;
    if (attrs.length < 3 || attrs[0][0] !== 'c' || attrs[1][0] !== 'r' || attrs[proofAt][0] !== 'p') {
      throw new AuthenticationFailed('malformed SCRAM client-final message');
    }
    if (attrs[0][1] !== Buffer.from(this.gs2Header, 'utf8').toString('base64')) throw new AuthenticationFailed('SCRAM channel binding mismatch');
    // Kafka checks that the nonce ends with the server-first one, and librdkafka 2.0 relies on that:
    // it sends the client nonce twice (r=<client nonce><client nonce><server nonce>).
    if (!attrs[1][1].endsWith(this.nonce)) throw new AuthenticationFailed('SCRAM nonce mismatch');
    const withoutProof = message.slice(0, message.lastIndexOf(',p='));
    const authMessage = `${this.clientFirstBare},${this.serverFirst},${withoutProof}`;
    const proof = Buffer.from(attrs[proofAt][1], 'base64');
    const clientSignature = hmac(this.hash, this.storedKey, authMessage);
    if (proof.length !== clientSignature.length) throw new AuthenticationFailed('invalid credentials');
    const clientKey = Buffer.alloc(proof.length);
    for (let i = 0; i < proof.length; i++) clientKey[i] = proof[i] ^ clientSignature[i];
    const matches = timingSafeEqual(h(this.hash, clientKey), this.storedKey);
    if (!matches || !this.known) throw new AuthenticationFailed('invalid credentials');
    const serverSignature = hmac(this.hash, this.serverKey, authMessage);
    return { response: Buffer.from(`v=${serverSignature.toString('base64')}`, 'utf8'), user: this.user };
  }
}
