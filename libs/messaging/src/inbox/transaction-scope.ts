import { AsyncLocalStorage } from 'node:async_hooks';
import type { EntityManager } from 'typeorm';

/**
 * The EntityManager of the transaction a message handler runs in. The inbox
 * opens the transaction; a repository that writes through `manager()` joins
 * it, so the effect and the inbox row commit (or roll back) together.
 */
export class TransactionScope {
  private readonly storage = new AsyncLocalStorage<EntityManager>();

  /** The current transaction's EntityManager, or undefined outside one. */
  manager(): EntityManager | undefined {
    return this.storage.getStore();
  }

  /** The current transaction's EntityManager, else `fallback` (e.g. `dataSource.manager`). */
  managerOr(fallback: EntityManager): EntityManager {
    return this.storage.getStore() ?? fallback;
  }

  /** Runs `work` with `manager` as the current transaction. */
  run<T>(manager: EntityManager, work: () => Promise<T>): Promise<T> {
    return this.storage.run(manager, work);
  }
}

/** The process-wide scope the inbox and the handlers share. */
export const transactionScope = new TransactionScope();
