import { randomBytes } from 'node:crypto';
import { SecretBox, SecretUnsealError } from './secret-box';

const keyOf = () => randomBytes(32).toString('base64');

describe('SecretBox', () => {
  it('opens what it sealed, and the sealed form does not contain the secret', () => {
    const box = SecretBox.fromEnv({ ENCRYPTION_KEY: keyOf(), ENCRYPTION_KEY_VERSION: 1 });
    const sealed = box.seal('front-token-123');
    expect(JSON.stringify(sealed)).not.toContain('front-token-123');
    expect(box.open(sealed)).toBe('front-token-123');
  });

  it('refuses a tampered ciphertext', () => {
    const box = SecretBox.fromEnv({ ENCRYPTION_KEY: keyOf(), ENCRYPTION_KEY_VERSION: 1 });
    const sealed = box.seal('secret');
    const bytes = Buffer.from(sealed.ciphertext, 'base64');
    bytes[0] ^= 1;
    expect(() => box.open({ ...sealed, ciphertext: bytes.toString('base64') })).toThrow(SecretUnsealError);
  });

  it('reads secrets sealed under an old key and re-seals them under the new one', () => {
    const oldKey = keyOf();
    const before = SecretBox.fromEnv({ ENCRYPTION_KEY: oldKey, ENCRYPTION_KEY_VERSION: 1 });
    const sealed = before.seal('secret');
    const after = SecretBox.fromEnv({ ENCRYPTION_KEY: keyOf(), ENCRYPTION_KEY_VERSION: 2, ENCRYPTION_OLD_KEYS: `1:${oldKey}` });
    const resealed = after.reseal(sealed);
    expect(resealed?.keyVersion).toBe(2);
    expect(after.open(resealed!)).toBe('secret');
    expect(after.reseal(resealed!)).toBeUndefined();
  });

  it('says which key version is missing', () => {
    const box = SecretBox.fromEnv({ ENCRYPTION_KEY: keyOf(), ENCRYPTION_KEY_VERSION: 3 });
    expect(() => box.open({ keyVersion: 9, iv: '', tag: '', ciphertext: '' })).toThrow(/version 9/);
  });
});
