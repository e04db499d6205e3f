/**
 * SQLite's group commit (server/storage/group-commit.ts): transactions that
 * arrive together share one commit, each keeps its own atomicity, a caller
 * hears of success only once the batch is on disk, and a batch that cannot
 * commit loses every member, each told so. Also the connection's kept
 * statements, past the cache's size.
 */
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { BatchRolledBack, GroupCommit } from '../../server/storage/group-commit.js';
import { isUnavailable, openDatabase } from '../../server/storage/database.js';

const tempDir = (prefix: string) => mkdtempSync(join(tmpdir(), prefix));

interface Db {
  notes: { id: number; text: string };
  children: { id: number; parent_id: number };
}

async function store() {
  const file = join(tempDir('group-commit-'), 'test.sqlite3');
  const raw = new SQLite(file);
  raw.pragma('journal_mode = WAL');
  raw.pragma('foreign_keys = ON');
  const db = new Kysely<Db>({ dialect: new SqliteDialect({ database: raw }) });
  await sql`create table notes (id integer primary key, text text not null)`.execute(db);
  // Checked at commit: a way to make one commit fail.
  await sql`create table children (id integer primary key, parent_id integer not null references notes (id) deferrable initially deferred)`.execute(db);
  const group = new GroupCommit(db, () => raw.inTransaction);
  /** Another connection, as another process would read the file. */
  const reader = new SQLite(file, { readonly: true });
  const visible = () => (reader.prepare('select id from notes order by id').all() as { id: number }[]).map((r) => r.id);
  return { db, group, visible, inTransaction: () => raw.inTransaction, close: () => (reader.close(), db.destroy()) };
}

const insert = (id: number) => (tx: Kysely<Db>) => tx.insertInto('notes').values({ id, text: `note ${id}` }).execute().then(() => id);

describe('group commit (SQLite)', () => {
  it('runs transactions that arrive together in one commit, each answered with its own result', async () => {
    const { group, visible, close } = await store();
    const results = await Promise.all(Array.from({ length: 30 }, (_, i) => group.run(insert(i + 1))));
    assert.deepEqual(results, Array.from({ length: 30 }, (_, i) => i + 1));
    assert.equal(group.stats.transactions, 30);
    assert.equal(group.stats.batches, 1, 'one commit for thirty transactions');
    assert.equal(visible().length, 30);
    // Alone, a transaction commits at once.
    await group.run(insert(31));
    assert.equal(group.stats.batches, 2);
    await close();
  });

  it('answers a caller only once its batch is on disk: another connection already sees the row', async () => {
    const { group, visible, close } = await store();
    const seen: number[][] = [];
    await Promise.all([1, 2, 3].map((id) => group.run(insert(id)).then(() => seen.push(visible()))));
    for (const rows of seen) assert.deepEqual(rows, [1, 2, 3]);
    await close();
  });

  it('rolls back only the transaction that failed; the others of its batch are kept', async () => {
    const { group, visible, close } = await store();
    const failing = group.run(async (tx) => {
      await insert(2)(tx);
      throw new Error('refused');
    });
    const outcomes = await Promise.allSettled([group.run(insert(1)), failing, group.run(insert(3)), group.run(insert(3))]);
    assert.deepEqual(
      outcomes.map((o) => o.status),
      ['fulfilled', 'rejected', 'fulfilled', 'rejected'],
    );
    assert.equal((outcomes[1] as PromiseRejectedResult).reason.message, 'refused', 'its own error');
    assert.match(String((outcomes[3] as PromiseRejectedResult).reason), /UNIQUE/, 'a duplicate fails alone');
    assert.deepEqual(visible(), [1, 3], 'nothing of the failed one, everything of the others');
    assert.equal(group.stats.batches, 1);
    await close();
  });

  it('fails every member of a batch whose commit fails, as unavailable (503), and keeps nothing of it', async () => {
    const { group, visible, close } = await store();
    const outcomes = await Promise.allSettled([
      group.run(insert(1)),
      // Valid until the commit checks the deferred key.
      group.run((tx) => tx.insertInto('children').values({ id: 1, parent_id: 99 }).execute()),
      group.run(insert(2)),
    ]);
    for (const outcome of outcomes) {
      assert.equal(outcome.status, 'rejected');
      assert.ok((outcome as PromiseRejectedResult).reason instanceof BatchRolledBack);
      assert.ok(isUnavailable((outcome as PromiseRejectedResult).reason), 'answered 503');
    }
    assert.deepEqual(visible(), []);
    // The next batch starts clean.
    assert.equal(await group.run(insert(5)), 5);
    assert.deepEqual(visible(), [5]);
    await close();
  });

  it('settles every caller when the batch fails between two transactions (a savepoint refused): none hangs', async () => {
    const { db, visible, inTransaction, close } = await store();
    // The second savepoint of each batch fails, as a full disk could make it.
    const failing = Object.create(db) as Kysely<Db>;
    failing.startTransaction = () =>
      ({
        execute: async () => {
          const trx = await db.startTransaction().execute();
          const savepoint = trx.savepoint.bind(trx);
          let taken = 0;
          trx.savepoint = ((name: never) =>
            ++taken === 2 ? { execute: () => Promise.reject(Object.assign(new Error('disk full'), { code: 'SQLITE_FULL' })) } : savepoint(name)) as typeof trx.savepoint;
          return trx;
        },
      }) as never;
    const group = new GroupCommit(failing, inTransaction);
    const outcomes = await Promise.allSettled([group.run(insert(1)), group.run(insert(2)), group.run(insert(3))]);
    assert.deepEqual(
      outcomes.map((o) => o.status),
      ['rejected', 'rejected', 'fulfilled'],
      'the first lost with its batch, the second told, the third in the next batch',
    );
    for (const o of outcomes.slice(0, 2)) assert.ok(isUnavailable((o as PromiseRejectedResult).reason));
    assert.deepEqual(visible(), [3]);
    await close();
  });

  it('keeps working past the number of statements a connection keeps prepared', async () => {
    const database = await openDatabase({ dataDir: tempDir('statements-') });
    for (let i = 0; i < 700; i++) {
      const { rows } = await sql<{ n: number }>`select ${sql.lit(i)} as n`.execute(database.db);
      assert.equal(rows[0].n, i);
    }
    const again = await sql<{ n: number }>`select ${sql.lit(3)} as n`.execute(database.db);
    assert.equal(again.rows[0].n, 3);
    await database.close();
  });
});
