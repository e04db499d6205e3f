/**
 * Databases for tests: one per test file (per process), copied from a
 * migrated template. PostgreSQL when `TEST_DATABASE_URL` is set (never
 * `DATABASE_URL`: a test must not touch a real database), SQLite otherwise.
 */
import { copyFileSync, existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { sql } from 'kysely';
import { openDatabase, privateFolder, SQLITE_FILE, type Database } from '../../server/storage/database.js';
import { migrate, MIGRATION_NAMES } from '../../server/storage/migrations.js';

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL || undefined;
export const ENGINE = TEST_DATABASE_URL ? 'postgres' : 'sqlite';

/** Where a service finds its test database. */
export interface TestDatabase {
  databaseUrl?: string;
  dataDir: string;
  /** Removes the database (PostgreSQL) once the tests are done. */
  drop(): Promise<void>;
}

const templateName = `campus_test_tpl_${MIGRATION_NAMES.length}_${MIGRATION_NAMES[MIGRATION_NAMES.length - 1].replace(/\W/g, '_')}`.toLowerCase();

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.href;
}

async function admin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** The migrated template, made once across concurrent test processes (an advisory lock). */
async function postgresTemplate(): Promise<void> {
  await admin(async (client) => {
    await client.query('select pg_advisory_lock(424242)');
    try {
      const { rowCount } = await client.query('select 1 from pg_database where datname = $1', [templateName]);
      if (rowCount) return;
      await client.query(`create database ${templateName}`);
      const database = await openDatabase({ databaseUrl: withDatabase(TEST_DATABASE_URL!, templateName), dataDir: '' });
      try {
        await migrate(database.db as never, database.engine);
      } finally {
        await database.close();
      }
    } finally {
      await client.query('select pg_advisory_unlock(424242)');
    }
  });
}

let sqliteTemplate: string | undefined;

async function sqliteTemplateFile(): Promise<string> {
  if (sqliteTemplate && existsSync(sqliteTemplate)) return sqliteTemplate;
  const dir = mkdtempSync(join(tmpdir(), 'campus-tpl-'));
  const database = await openDatabase({ dataDir: dir });
  await migrate(database.db as never, database.engine);
  // One file, no WAL beside it: the copy is then the whole database.
  await sql`pragma wal_checkpoint(TRUNCATE)`.execute(database.db);
  await database.close();
  sqliteTemplate = join(dir, SQLITE_FILE);
  return sqliteTemplate;
}

/** A new, migrated, empty database. */
export async function createTestDatabase(engine: 'sqlite' | 'postgres' = ENGINE): Promise<TestDatabase> {
  const dataDir = mkdtempSync(join(tmpdir(), 'campus-test-'));
  if (!TEST_DATABASE_URL || engine === 'sqlite') {
    privateFolder(dataDir);
    copyFileSync(await sqliteTemplateFile(), join(dataDir, SQLITE_FILE));
    return { dataDir, drop: async () => undefined };
  }
  await postgresTemplate();
  const name = `campus_test_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  await admin((client) => client.query(`create database ${name} template ${templateName}`));
  return {
    dataDir,
    databaseUrl: withDatabase(TEST_DATABASE_URL, name),
    drop: () =>
      admin(async (client) => {
        await client.query(`drop database if exists ${name} with (force)`);
      }),
  };
}

/** Empties every table but the migrations', so a test starts from a known state. */
export async function emptyDatabase(database: Database): Promise<void> {
  if (database.engine === 'postgres') {
    const { rows } = await sql<{ name: string }>`
      select tablename as name from pg_tables where schemaname = current_schema() and tablename not like 'kysely_%'`.execute(database.db);
    if (rows.length) await sql.raw(`truncate ${rows.map((r) => `"${r.name}"`).join(', ')} restart identity cascade`).execute(database.db);
    return;
  }
  const { rows } = await sql<{ name: string }>`
    select name from sqlite_master where type = 'table' and name not like 'kysely_%' and name not like 'sqlite_%'`.execute(database.db);
  await sql`pragma foreign_keys = off`.execute(database.db);
  try {
    for (const { name } of rows) await sql.raw(`delete from "${name}"`).execute(database.db);
  } finally {
    await sql`pragma foreign_keys = on`.execute(database.db);
  }
}
