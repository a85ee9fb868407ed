// SecretBox for serve mode: AES-256-GCM with a random key kept in a file only the user can read
// (mode 0600). Not as strong as the OS keychain (anyone who can read the file as this user can
// decrypt), and the UI says so.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { BrookError } from '../../shared/errors';
import type { SecretBox } from './context';

export function createKeyFileSecretBox(keyFile: string): SecretBox {
  const key = loadOrCreateKey(keyFile);
  return {
    kind: 'key-file',
    description: `Passwords are encrypted with a key stored in ${keyFile}, readable only by your user. The desktop app uses the OS keychain instead.`,
    encrypt(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return `v1:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')}`;
    },
    decrypt(sealed) {
      if (!sealed.startsWith('v1:')) throw unavailable('unknown format');
      const raw = Buffer.from(sealed.slice(3), 'base64');
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
        decipher.setAuthTag(raw.subarray(12, 28));
        return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
      } catch (error) {
        throw unavailable((error as Error).message);
      }
    },
  };
}

function loadOrCreateKey(keyFile: string): Buffer {
  if (existsSync(keyFile)) {
    if (process.platform !== 'win32' && (statSync(keyFile).mode & 0o077) !== 0) chmodSync(keyFile, 0o600);
    const key = Buffer.from(readFileSync(keyFile, 'utf8').trim(), 'base64');
    if (key.length === 32) return key;
    throw new BrookError({
      code: 'SECRET_UNAVAILABLE',
      message: `The key file ${keyFile} is damaged`,
      hint: 'Move it aside and enter the cluster passwords again.',
    });
  }
  mkdirSync(dirname(keyFile), { recursive: true, mode: 0o700 });
  const key = randomBytes(32);
  writeFileSync(keyFile, key.toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
  return key;
}

function unavailable(detail: string): BrookError {
  return new BrookError({
    code: 'SECRET_UNAVAILABLE',
    message: 'A stored password cannot be decrypted on this machine',
    hint: 'Edit the cluster and enter its password again.',
    detail,
  });
}
