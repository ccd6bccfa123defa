import { createHash } from 'node:crypto';

/**
 * Deterministic ids: the same sequence of actions after a reset gives the
 * same ids (cnv_1, msg_1, …), so tests can rely on them. A salt (cnv_k3x1,
 * …) keeps the ids of a sandbox restarted in front of a database that
 * remembers the last one from meeting the old ones, as real Front ids never do.
 */
export class IdFactory {
  private readonly counters = new Map<string, number>();

  constructor(private readonly salt = '') {}

  next(prefix: string): string {
    return `${prefix}_${this.salt}${this.count(prefix)}`;
  }

  /** A message_uid shaped like Front's (32 hex characters), distinct from the message id. */
  nextMessageUid(): string {
    return createHash('md5').update(`message-uid-${this.salt}${this.count('uid')}`).digest('hex');
  }

  /** A draft or message version string, like Front's opaque versions. */
  nextVersion(messageId: string): string {
    return createHash('md5').update(`${messageId}-${this.count('version')}`).digest('hex');
  }

  private count(prefix: string): number {
    const value = (this.counters.get(prefix) ?? 0) + 1;
    this.counters.set(prefix, value);
    return value;
  }
}

/** A seeded PRNG (mulberry32) so fault ratios and webhook chaos replay identically. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
