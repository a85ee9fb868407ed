// SASL users and their credentials. Kafka keeps SCRAM users in its metadata log (kafka-configs
// --alter --add-config 'SCRAM-SHA-512=[password=...]') and PLAIN users in a JAAS file; the sandbox
// takes both from one Brook key instead:
//
//   brook.sasl.users=alice:secret,bob:pw        (user:password, comma-separated; the password is
//                                                everything after the first ':', so it may hold ':'
//                                                but not ',')
//   sasl.enabled.mechanisms=PLAIN,SCRAM-SHA-256,SCRAM-SHA-512   (Kafka's key; the default here is
//                                                all three, since GSSAPI is not available)
//
// Every user can log in with every enabled mechanism. Credentials are derived once, at start, and
// only derived values are kept: for SCRAM (RFC 5802/7677) a random salt, 4096 iterations and the
// StoredKey/ServerKey; for PLAIN a random salt and a PBKDF2 hash to compare against. The password
// itself is not kept. A mechanism the sandbox does not implement (GSSAPI, OAUTHBEARER) is refused
// at start by name.
import { createHash, createHmac, pbkdf2Sync, randomBytes, timingSafeEqual } from 'node:crypto';

export const MECHANISMS = ['PLAIN', 'SCRAM-SHA-256', 'SCRAM-SHA-512'] as const;
export type Mechanism = (typeof MECHANISMS)[number];

export const SCRAM_ITERATIONS = 4096;

export interface ScramCredential {
  salt: Buffer;
  iterations: number;
  storedKey: Buffer;
  serverKey: Buffer;
}

interface PlainCredential {
  salt: Buffer;
  hash: Buffer;
}

export type ScramHash = 'sha256' | 'sha512';
export const scramHashOf = (m: Mechanism): ScramHash => (m === 'SCRAM-SHA-256' ? 'sha256' : 'sha512');
const hashLength = (h: ScramHash) => (h === 'sha256' ? 32 : 64);

/** RFC 5802 Hi(): PBKDF2 with HMAC-H, one block of H's length. */
export const hi = (password: string, salt: Buffer, iterations: number, hash: ScramHash): Buffer =>
  pbkdf2Sync(Buffer.from(password, 'utf8'), salt, iterations, hashLength(hash), hash);
export const hmac = (hash: ScramHash, key: Buffer, data: string | Buffer): Buffer => createHmac(hash, key).update(data).digest();
export const h = (hash: ScramHash, data: Buffer): Buffer => createHash(hash).update(data).digest();

export function scramCredential(password: string, hash: ScramHash, salt = randomBytes(24), iterations = SCRAM_ITERATIONS): ScramCredential {
  const salted = hi(password, salt, iterations, hash);
  return {
    salt,
    iterations,
    storedKey: h(hash, hmac(hash, salted, 'Client Key')),
    serverKey: hmac(hash, salted, 'Server Key'),
  };
}

const plainHash = (password: string, salt: Buffer) => pbkdf2Sync(Buffer.from(password, 'utf8'), salt, SCRAM_ITERATIONS, 32, 'sha256');

/** The users of one broker, with the mechanisms it enables. */
export class SaslUsers {
  private readonly plain = new Map<string, PlainCredential>();
  private readonly scram = new Map<string, Map<ScramHash, ScramCredential>>();
  /** Keys the made-up salts of unknown users, so they look like real ones and stay the same. */
  private readonly secret = randomBytes(32);
  private readonly dummy: PlainCredential;

  constructor(
    readonly mechanisms: Mechanism[],
    users: [string, string][],
  ) {
    for (const [user, password] of users) {
      const salt = randomBytes(16);
      this.plain.set(user, { salt, hash: plainHash(password, salt) });
      const byHash = new Map<ScramHash, ScramCredential>();
      for (const m of mechanisms) if (m !== 'PLAIN') byHash.set(scramHashOf(m), scramCredential(password, scramHashOf(m)));
      this.scram.set(user, byHash);
    }
    const salt = randomBytes(16);
    this.dummy = { salt, hash: plainHash(randomBytes(16).toString('hex'), salt) };
  }

  get size(): number {
    return this.plain.size;
  }

  /** PLAIN: whether user and password match. An unknown user costs the same hash as a known one. */
  checkPlain(user: string, password: string): boolean {
    const cred = this.plain.get(user);
    const c = cred ?? this.dummy;
    const ok = timingSafeEqual(plainHash(password, c.salt), c.hash);
    return cred !== undefined && ok;
  }

  /**
   * SCRAM: the user's credential, or for an unknown user a made-up one with a stable salt, so the
   * exchange goes on to the final step and fails there as a wrong password would.
   */
  scramCredential(user: string, hash: ScramHash): { credential: ScramCredential; known: boolean } {
    const known = this.scram.get(user)?.get(hash);
    if (known) return { credential: known, known: true };
    const salt = hmac('sha256', this.secret, `${hash}:${user}`).subarray(0, 24);
    return {
      credential: { salt, iterations: SCRAM_ITERATIONS, storedKey: randomBytes(hashLength(hash)), serverKey: randomBytes(hashLength(hash)) },
      known: false,
    };
  }
}

export function parseMechanisms(text: string): Mechanism[] {
  const list = text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (list.length === 0) throw new Error('sasl.enabled.mechanisms names no mechanism');
  for (const m of list) {
    if (!(MECHANISMS as readonly string[]).includes(m)) {
      throw new Error(`sasl.enabled.mechanisms: ${m} is not supported by the sandbox (it supports ${MECHANISMS.join(', ')})`);
    }
  }
  return [...new Set(list)] as Mechanism[];
}

export function parseUsers(text: string | null): [string, string][] {
  if (text === null) return [];
  const out = new Map<string, string>();
  for (const entry of text.split(',')) {
    if (!entry.trim()) continue;
    const colon = entry.indexOf(':');
    const user = colon < 0 ? '' : entry.slice(0, colon).trim();
    if (colon <= 0 || !user) throw new Error(`brook.sasl.users takes user:password entries, got "${entry.trim()}"`);
    if (out.has(user)) throw new Error(`brook.sasl.users names ${user} twice`);
    const password = entry.slice(colon + 1);
    if (!password) throw new Error(`brook.sasl.users: ${user} has an empty password`);
    out.set(user, password);
  }
  return [...out];
}
