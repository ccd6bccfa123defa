import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { SealedSecret } from '@front-agent/contracts';

/** Thrown when a sealed secret cannot be opened (wrong key, unknown version, tampering). */
export class SecretUnsealError extends Error {
  readonly code = 'secret_unseal_failed';
}

export interface SecretKeys {
  currentVersion: number;
  /** Keys by version; must contain currentVersion. Each is 32 bytes. */
  keys: Map<number, Buffer>;
}

/** AES-256-GCM sealing with versioned keys, so keys can be rotated. */
export class SecretBox {
  constructor(private readonly secretKeys: SecretKeys) {
    for (const [version, key] of secretKeys.keys) {
      if (key.length !== 32) throw new Error(`encryption key version ${version} must be 32 bytes`);
    }
    if (!secretKeys.keys.has(secretKeys.currentVersion)) throw new Error('the current encryption key is missing');
  }

  static fromEnv(env: { ENCRYPTION_KEY: string; ENCRYPTION_KEY_VERSION: number; ENCRYPTION_OLD_KEYS?: string }): SecretBox {
    const keys = new Map<number, Buffer>();
    for (const entry of (env.ENCRYPTION_OLD_KEYS ?? '').split(',').filter(Boolean)) {
      const [version, key] = entry.split(':');
      keys.set(Number(version), Buffer.from(key, 'base64'));
    }
    keys.set(env.ENCRYPTION_KEY_VERSION, Buffer.from(env.ENCRYPTION_KEY, 'base64'));
    return new SecretBox({ currentVersion: env.ENCRYPTION_KEY_VERSION, keys });
  }

  get currentVersion(): number {
    return this.secretKeys.currentVersion;
  }

  seal(plaintext: string): SealedSecret {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key(this.currentVersion), iv);
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return {
      keyVersion: this.currentVersion,
      iv: iv.toString('base64'),
      tag: cipher.getAuthTag().toString('base64'),
      ciphertext: ciphertext.toString('base64'),
    };
  }

  open(sealed: SealedSecret): string {
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key(sealed.keyVersion), Buffer.from(sealed.iv, 'base64'));
      decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
      return Buffer.concat([decipher.update(Buffer.from(sealed.ciphertext, 'base64')), decipher.final()]).toString('utf8');
    } catch (error) {
      if (error instanceof SecretUnsealError) throw error;
      throw new SecretUnsealError('the secret could not be decrypted with the configured keys');
    }
  }

  /** Re-seals under the current key when it was sealed under an older one. */
  reseal(sealed: SealedSecret): SealedSecret | undefined {
    return sealed.keyVersion === this.currentVersion ? undefined : this.seal(this.open(sealed));
  }

  private key(version: number): Buffer {
    const key = this.secretKeys.keys.get(version);
    if (!key) throw new SecretUnsealError(`no encryption key of version ${version} is configured`);
    return key;
  }
}
