/**
 * Runs work for the same key one after another, in the order it was handed
 * in; work for different keys runs concurrently. A consumer with a prefetch
 * above one otherwise lets two messages of one conversation race each other.
 */
export class KeyedSequencer {
  private readonly tails = new Map<string, Promise<void>>();

  run(key: string | undefined, work: () => Promise<void>): Promise<void> {
    if (key === undefined) return work();
    const previous = this.tails.get(key) ?? Promise.resolve();
    const current = previous.then(work, work);
    const tail = current.catch(() => undefined);
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return current;
  }

  /** Keys with work queued or running (for tests and metrics). */
  get activeKeys(): number {
    return this.tails.size;
  }
}
