/**
 * Versioned migrations, run at start and by `npm run migrate`. They are
 * additive: during a rolling deploy an older instance keeps working on a
 * database a newer one has migrated, so a migration adds tables, columns and
 * indexes and never drops or renames what released code reads.
 */
import { Migrator, sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import type { Engine } from './database.js';
import { up as initial } from './migrations/0001-initial.js';
import { up as rateLimits } from './migrations/0002-rate-limits.js';
import { up as mail } from './migrations/0003-mail.js';
import { up as office } from './migrations/0004-office.js';
import { up as links } from './migrations/0005-links.js';
import { up as linkRequests } from './migrations/0006-link-requests.js';
import { up as verifiedManager } from './migrations/0007-verified-manager.js';

type AnyDb = Kysely<unknown>;

/** Every migration, in order: a file each under `migrations/`, named by its key. */
const MIGRATIONS: Record<string, (db: AnyDb, engine: Engine) => Promise<void>> = {
  '0001-initial': initial,
  '0002-rate-limits': rateLimits,
  '0003-mail': mail,
  '0004-office': office,
  '0005-links': links,
  '0006-link-requests': linkRequests,
  '0007-verified-manager': verifiedManager,
};

const migrations = (engine: Engine): Record<string, Migration> =>
  Object.fromEntries(Object.entries(MIGRATIONS).map(([name, up]) => [name, { up: (db: AnyDb) => up(db, engine) }]));

class CodeProvider implements MigrationProvider {
  constructor(private readonly engine: Engine) {}
  async getMigrations(): Promise<Record<string, Migration>> {
    return migrations(this.engine);
  }
}

export const MIGRATION_NAMES = Object.keys(migrations('sqlite'));

export function migrator(db: Kysely<unknown>, engine: Engine): Migrator {
  // Migrations are independent additions: one written on a branch may land before an older-numbered one.
  return new Migrator({ db, provider: new CodeProvider(engine), allowUnorderedMigrations: true });
}

export interface MigrationState {
  /** This code's migrations not yet applied. */
  pending: string[];
  /** Migrations applied by newer code (a rolling deploy in progress). */
  unknown: string[];
}

export async function migrationState(db: Kysely<unknown>, engine: Engine): Promise<MigrationState> {
  const all = await migrator(db, engine).getMigrations();
  const applied = new Set(all.filter((m) => m.executedAt).map((m) => m.name));
  let unknown: string[] = [];
  try {
    const { rows } = await sql<{ name: string }>`select name from kysely_migration`.execute(db);
    unknown = rows.map((r) => r.name).filter((n) => !MIGRATION_NAMES.includes(n));
  } catch {
    // No migration table yet: nothing applied.
  }
  return { pending: MIGRATION_NAMES.filter((n) => !applied.has(n)), unknown };
}

/**
 * Brings the database to this code's schema. A database already migrated by
 * newer code is left as it is, as long as every migration this code knows is applied.
 */
export async function migrate(db: Kysely<unknown>, engine: Engine): Promise<string[]> {
  const state = await migrationState(db, engine);
  if (!state.pending.length) return [];
  if (state.unknown.length) {
    throw new Error(
      `The database has migrations this version does not know (${state.unknown.join(', ')}) and lacks some it needs (${state.pending.join(', ')}).`,
    );
  }
  const { error, results } = await migrator(db, engine).migrateToLatest();
  if (error) throw error;
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
