import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Keys for personal data, derived from one master secret: one to encrypt document numbers
 * (AES-256-GCM), one to compute their lookup hash (HMAC-SHA256). Separate keys mean the
 * lookup hash reveals nothing about the encryption key and vice versa.
 */
export interface PersonalDataKeys {
  encrypt(plain: string): string;
  decrypt(cipher: string): string;
  lookupHash(value: string): string;
}

export function createPersonalDataKeys(master: Buffer): PersonalDataKeys {
  const derive = (info: string) => Buffer.from(hkdfSync('sha256', master, 'yipan', info, 32));
  const encKey = derive('id-number-encryption');
  const macKey = derive('id-number-lookup');
  return {
    encrypt(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', encKey, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
    },
    decrypt(encoded) {
      const raw = Buffer.from(encoded, 'base64');
      const decipher = createDecipheriv('aes-256-gcm', encKey, raw.subarray(0, 12));
      decipher.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
    },
    lookupHash: (value) => createHmac('sha256', macKey).update(value).digest('hex'),
  };
}

/**
 * The master secret: `YIPAN_SECRET_KEY` when set, otherwise a random key kept in
 * `<dataDir>/secret.key` (created on first start, readable by the owner only).
 */
export function loadMasterKey(opts: { secretKey?: string; dataDir: string }): Buffer {
  if (opts.secretKey) {
    if (opts.secretKey.length < 32) throw new Error('YIPAN_SECRET_KEY must be at least 32 characters');
    return Buffer.from(opts.secretKey, 'utf8');
  }
  const file = join(opts.dataDir, 'secret.key');
  if (!existsSync(file)) {
    mkdirSync(opts.dataDir, { recursive: true });
    writeFileSync(file, randomBytes(32).toString('hex') + '\n', { mode: 0o600 });
    chmodSync(file, 0o600);
  }
  return Buffer.from(readFileSync(file, 'utf8').trim(), 'hex');
}
