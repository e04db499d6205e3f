/**
 * Opens the service's database: SQLite in a private folder by default, or
 * PostgreSQL when a `postgres://` URL is given. Both go through one Kysely
 * query layer; the few places where the engines differ (row locks, advisory
 * locks, how a transaction starts) are the methods of `Database`.
 */
import { chmodSync, existsSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { CompiledQuery, Kysely, PostgresDialect, SqliteDialect, sql, type Selectable, type Transaction } from 'kysely';
import pg from 'pg';
import { GroupCommit } from './group-commit.js';
import type { SessionsTable, Tables } from './schema.js';

export type Engine = 'sqlite' | 'postgres';
export type Db = Kysely<Tables>;
export type Tx = Transaction<Tables>;
/** A query runner: the database itself or a transaction. */
export type Runner = Db | Tx;

export const SQLITE_FILE = 'campus.sqlite3';

export interface DatabaseOptions {
  /** `postgres://…`; without it, SQLite in `dataDir`. */
  databaseUrl?: string;
  dataDir: string;
  /** PostgreSQL pool size per process. */
  poolSize?: number;
  /** Called for every query run (tests count the work a page does). */
  onQuery?: () => void;
}

export class DurabilityError extends Error {}

export interface Database {
  readonly engine: Engine;
  readonly db: Db;
  /** Where the SQLite file lives (undefined on PostgreSQL). */
  readonly file?: string;
  /**
   * Runs `fn` in one transaction. On SQLite it starts with `BEGIN IMMEDIATE`
   * (Kysely's dialect is patched below), so two processes on one file queue for
   * the write lock instead of failing half-way, and the transactions that
   * arrive together share one commit (group-commit.ts); PostgreSQL locks rows
   * as asked and groups commits itself.
   */
  transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  /**
   * A session's row, read under its lock until commit: `FOR UPDATE` on
   * PostgreSQL; on SQLite the writer lock is already exclusive.
   */
  lockedSession(tx: Tx, sessionId: string): Promise<Selectable<SessionsTable> | undefined>;
  /** Serialises transactions about one key (an e-mail address) until commit. */
  lockKey(tx: Tx, key: string): Promise<void>;
  /** Moves after every transaction of this process: what was read before may have changed. */
  readonly writes: number;
  close(): Promise<void>;
}

/**
 * SQLite's dialect with transactions that take the write lock when they
 * start, and a rollback that does not hide the error that caused it: after a
 * failed write (disk full) SQLite has already rolled back, and Kysely's own
 * `rollback` would then fail with "no transaction is active" in its place.
 */
class ImmediateSqliteDialect extends SqliteDialect {
  constructor(private readonly raw: SQLite.Database) {
    super({ database: keptStatements(raw) });
  }

  override createDriver() {
    const driver = super.createDriver();
    driver.beginTransaction = async (connection) => {
      await connection.executeQuery(CompiledQuery.raw('begin immediate'));
    };
    driver.rollbackTransaction = async (connection) => {
      if (this.raw.inTransaction) await connection.executeQuery(CompiledQuery.raw('rollback'));
    };
    return driver;
  }
}

/** How many prepared statements a SQLite connection keeps (the service runs about a hundred distinct ones). */
const STATEMENT_CACHE = 500;

/**
 * The connection as Kysely sees it, keeping its prepared statements:
 * preparing costs more than running most of the service's queries. A
 * statement's SQL is the whole key (values are parameters). Streaming a
 * query would hold its statement busy: the service never streams from SQLite.
 */
function keptStatements(raw: SQLite.Database) {
  const kept = new Map<string, SQLite.Statement>();
  return {
    close: () => raw.close(),
    prepare(source: string): SQLite.Statement {
      let statement = kept.get(source);
      if (statement) {
        // The most recently used last: the oldest goes first when the cache is full.
        kept.delete(source);
      } else {
        statement = raw.prepare(source);
        if (kept.size >= STATEMENT_CACHE) kept.delete(kept.keys().next().value!);
      }
      kept.set(source, statement);
      return statement;
    },
  };
}

/** A folder only the service's user can read, created if missing. */
export function privateFolder(dir: string): void {
  if (!existsSync(dir)) mkdirSync(dir, { recursive: true, mode: 0o700 });
  if ((statSync(dir).mode & 0o077) !== 0) chmodSync(dir, 0o700);
}

function openSqlite(dataDir: string, onQuery?: () => void): EngineDatabase {
  privateFolder(dataDir);
  const file = join(dataDir, SQLITE_FILE);
  const raw = new SQLite(file, { timeout: 15_000 });
  raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = FULL');
  raw.pragma('foreign_keys = ON');
  // 64 MiB of pages in memory (SQLite's default is 2 MiB): the indexes a write touches stay there.
  raw.pragma('cache_size = -65536');
  // The WAL and shared-memory files are created with the main file's mode by SQLite;
  // the main file itself with the process's umask: make all of them private.
  for (const suffix of ['', '-wal', '-shm']) if (existsSync(file + suffix)) chmodSync(file + suffix, 0o600);
  const db = new Kysely<Tables>({ dialect: new ImmediateSqliteDialect(raw), ...(onQuery ? { log: () => onQuery() } : {}) });
  const group = new GroupCommit(db, () => raw.inTransaction);
  return {
    engine: 'sqlite',
    db,
    file,
    transaction: (fn) => group.run(fn),
    lockedSession: (tx, sessionId) => tx.selectFrom('sessions').selectAll().where('id', '=', sessionId).executeTakeFirst(),
    lockKey: async () => undefined,
    close: async () => {
      await group.idle();
      await db.destroy();
    },
  };
}

// Counts and bigserial ids arrive as strings by default: they stay far below 2^53.
pg.types.setTypeParser(20, (value) => Number(value));

async function openPostgres(url: string, poolSize: number, onQuery?: () => void): Promise<EngineDatabase> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize, connectionTimeoutMillis: 5_000 });
  // An idle client losing its server (a restart) must not crash the process.
  pool.on('error', () => undefined);
  const db = new Kysely<Tables>({ dialect: new PostgresDialect({ pool }), ...(onQuery ? { log: () => onQuery() } : {}) });
  try {
    await assertDurable(db);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return {
    engine: 'postgres',
    db,
    transaction: (fn) => db.transaction().execute(fn),
    lockedSession: (tx, sessionId) => tx.selectFrom('sessions').selectAll().where('id', '=', sessionId).forUpdate().executeTakeFirst(),
    lockKey: async (tx, key) => {
      await sql`select pg_advisory_xact_lock(hashtextextended(${key}, 0))`.execute(tx);
    },
    close: () => db.destroy(),
  };
}

/** A 2xx promises the data is on disk: refuse a server that would lose committed transactions. */
async function assertDurable(db: Db): Promise<void> {
  for (const setting of ['fsync', 'synchronous_commit'] as const) {
    const { rows } = await sql<{ value: string }>`select current_setting(${setting}) as value`.execute(db);
    if (rows[0]?.value === 'off') {
      throw new DurabilityError(
        `PostgreSQL runs with ${setting} = off: an acknowledged request could be lost on a crash. ` +
          `Set ${setting} = on (postgresql.conf) before starting the campus service.`,
      );
    }
  }
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.databaseUrl) {
    if (!/^postgres(ql)?:\/\//.test(options.databaseUrl)) {
      throw new Error('DATABASE_URL must be a postgres:// URL (SQLite needs none: it lives in DATA_DIR).');
    }
    return countingWrites(await openPostgres(options.databaseUrl, options.poolSize ?? 10, options.onQuery));
  }
  return countingWrites(openSqlite(options.dataDir, options.onQuery));
}

/** What each engine provides; `writes` is counted the same way for both. */
type EngineDatabase = Omit<Database, 'writes'>;

function countingWrites(engine: EngineDatabase): Database {
  let writes = 0;
  return {
    ...engine,
    get writes() {
      return writes;
    },
    transaction: (fn) => engine.transaction(fn).finally(() => writes++),
  };
}

/**
 * Whether an error means the store could not take or keep a write (disk
 * full, I/O error, lock wait exceeded, database unreachable): answered 503,
 * with nothing acknowledged.
 */
export function isUnavailable(error: unknown): boolean {
  const e = error as { code?: unknown; message?: unknown } | undefined;
  const code = typeof e?.code === 'string' ? e.code : '';
  if (/^SQLITE_(FULL|IOERR|BUSY|LOCKED|READONLY|CANTOPEN|CORRUPT|NOTADB|PROTOCOL|ABORT)/.test(code)) return true;
  if (/^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|ENOTFOUND|EHOSTUNREACH|ENOSPC|EIO|EFBIG|EDQUOT)$/.test(code)) return true;
  // PostgreSQL: connection exceptions, insufficient resources, shutdown, I/O.
  if (/^(08|53|57P|58)/.test(code)) return true;
  const message = typeof e?.message === 'string' ? e.message : '';
  return /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|database is locked|disk I\/O error/i.test(
    message,
  );
}
