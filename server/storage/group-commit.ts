/**
 * Group commit for SQLite. With `synchronous = FULL` every commit waits for
 * the disk (an fsync), and SQLite has one writer: fifty people sending a
 * request at once would queue behind fifty fsyncs. Transactions that arrive
 * while one batch runs are run together in the next one, each inside its own
 * savepoint, and committed with a single fsync; each caller's promise
 * settles only after that commit, so a 2xx still means on disk.
 *
 * Each transaction keeps its own atomicity: one that throws is rolled back to
 * its savepoint and the others go on. When SQLite itself ends the whole
 * transaction (disk full, I/O error), or the commit fails, every member of
 * the batch fails with an error the store answers 503: nothing of it is kept,
 * nothing is acknowledged.
 */
import type { ControlledTransaction, Kysely } from 'kysely';

/** How many transactions share one commit at most, so that a long queue does not hold everyone's answer. */
export const MAX_BATCH = 64;

/** A transaction lost with its batch: nothing of it was kept. */
export class BatchRolledBack extends Error {
  /** SQLite's own word for a transaction it rolled back; the store answers 503. */
  readonly code = 'SQLITE_ABORT';
  constructor(readonly reason: unknown) {
    super('The write batch was rolled back.');
  }
}

interface Pending<DB> {
  fn: (tx: ControlledTransaction<DB>) => Promise<unknown>;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

export class GroupCommit<DB> {
  readonly #queue: Pending<DB>[] = [];
  #running?: Promise<void>;
  /** Batches committed and transactions in them, for the benchmark and tests. */
  readonly stats = { batches: 0, transactions: 0 };

  constructor(
    private readonly db: Kysely<DB>,
    /** Whether SQLite still has the transaction open (it ends one itself on some errors). */
    private readonly inTransaction: () => boolean,
    private readonly maxBatch = MAX_BATCH,
  ) {}

  run<T>(fn: (tx: ControlledTransaction<DB>) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.#queue.push({ fn, resolve: resolve as (value: unknown) => void, reject });
      // Waits for the turn of the event loop: the requests read in this turn join the batch.
      this.#running ??= new Promise<void>((done) => setImmediate(() => void this.#drain().finally(done)));
    });
  }

  /** Settles once every transaction queued so far has committed or failed. */
  async idle(): Promise<void> {
    while (this.#running) await this.#running;
  }

  async #drain(): Promise<void> {
    try {
      while (this.#queue.length) await this.#batch();
    } finally {
      this.#running = undefined;
    }
  }

  async #batch(): Promise<void> {
    const done: { item: Pending<DB>; value: unknown }[] = [];
    let trx: ControlledTransaction<DB>;
    try {
      trx = await this.db.startTransaction().execute();
    } catch (error) {
      // Not even begun (the file is locked, the disk is gone): everyone waiting is told.
      for (const item of this.#queue.splice(0)) item.reject(error);
      return;
    }
    // The transaction being run: settled by the batch's own failure if it has not settled itself.
    let current: Pending<DB> | undefined;
    try {
      while (this.#queue.length && done.length < this.maxBatch) {
        const item = (current = this.#queue.shift()!);
        const savepoint = await trx.savepoint('one').execute();
        try {
          const value = await item.fn(trx);
          await savepoint.releaseSavepoint('one').execute();
          current = undefined;
          done.push({ item, value });
        } catch (error) {
          if (!this.inTransaction()) {
            current = undefined;
            item.reject(error);
            throw new BatchRolledBack(error);
          }
          await savepoint.rollbackToSavepoint('one').execute();
          await savepoint.releaseSavepoint('one').execute();
          current = undefined;
          item.reject(error);
        }
      }
      await trx.commit().execute();
    } catch (error) {
      // Always through Kysely, which gives the connection back; the dialect sends no ROLLBACK when SQLite has already ended the transaction.
      await trx.rollback().execute().catch(() => undefined);
      const lost = error instanceof BatchRolledBack ? error : new BatchRolledBack(error);
      current?.reject(lost);
      for (const { item } of done) item.reject(lost);
      return;
    }
    this.stats.batches++;
    this.stats.transactions += done.length;
    for (const { item, value } of done) item.resolve(value);
  }
}
