/**
 * `npm run migrate [-- --data DIR]`: brings the database (SQLite in
 * `DATA_DIR`, or PostgreSQL at `DATABASE_URL`) to this version's schema.
 * The service also does it at start; run it first in a rolling deploy.
 */
import { parseArgs } from 'node:util';
import { readConfig } from '../config.js';
import { openDatabase } from '../storage/database.js';
import { migrate, migrationState } from '../storage/migrations.js';

const { values } = parseArgs({ options: { data: { type: 'string' }, status: { type: 'boolean', default: false } } });
const config = readConfig({ data: values.data });
const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
try {
  if (values.status) {
    const state = await migrationState(database.db as never, database.engine);
    console.log(JSON.stringify(state));
  } else {
    const applied = await migrate(database.db as never, database.engine);
    console.log(applied.length ? `Migrations appliquées : ${applied.join(', ')}` : 'La base est à jour.');
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await database.close();
}
