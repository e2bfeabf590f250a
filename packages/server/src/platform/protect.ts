// Personal identifiers at rest (身份证号, phone): AES-256-GCM ciphertext for the full value (read back only
// on the audited single-record read), a keyed HMAC-SHA-256 for matching duplicates and lookups without
// decrypting, and a mask for lists. Encryption and MAC keys are derived from WEIJIAN_DATA_KEY with HKDF,
// so one secret never serves two purposes; a stolen database without the key yields no identifiers.
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';

const FORMAT = 'v1';

export class Protector {
  private readonly encKey: Buffer;
  private readonly macKey: Buffer;

  constructor(dataKey: Buffer) {
    if (dataKey.length !== 32) throw new Error('data key must be 32 bytes');
    this.encKey = Buffer.from(hkdfSync('sha256', dataKey, Buffer.alloc(0), 'weijian personal data encryption', 32));
    this.macKey = Buffer.from(hkdfSync('sha256', dataKey, Buffer.alloc(0), 'weijian personal data matching', 32));
  }

  /** "v1.<iv>.<tag>.<ciphertext>" in base64; a fresh 96-bit IV per value. */
  encrypt(plain: string): string {
    const iv = randomBytes(12);
    const c = createCipheriv('aes-256-gcm', this.encKey, iv);
    const ct = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
    return [FORMAT, iv.toString('base64'), c.getAuthTag().toString('base64'), ct.toString('base64')].join('.');
  }

  decrypt(sealed: string): string {
    const [format, iv, tag, ct] = sealed.split('.');
    if (format !== FORMAT || !iv || !tag || ct === undefined) throw new Error('unknown ciphertext format');
    const d = createDecipheriv('aes-256-gcm', this.encKey, Buffer.from(iv, 'base64'));
    d.setAuthTag(Buffer.from(tag, 'base64'));
    return Buffer.concat([d.update(Buffer.from(ct, 'base64')), d.final()]).toString('utf8');
  }

  /** Deterministic keyed digest of a normalised value; `purpose` keeps e.g. ID and phone digests apart. */
  hmac(purpose: string, value: string): string {
    return createHmac('sha256', this.macKey).update(`${purpose}\u0000${value}`).digest('base64url');
  }
}
