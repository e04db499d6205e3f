/**
 * `npm run seed [-- --from DIR] [-- --import-jsonl DIR]`: imports the
 * catalogue (upsert by id; sessions edited in the office and sessions with
 * requests are kept), and optionally the submissions kept by the earlier
 * file-based server (`enrolments.jsonl`, `trainer-applications.jsonl`).
 */
import { parseArgs } from 'node:util';
import { readConfig } from '../config.js';
import { DEFAULT_SEED_DIR, importCatalogue, importJsonl, loadSeedFiles } from '../seed.js';
import { openMigrated } from '../service.js';

const { values } = parseArgs({
  options: {
    data: { type: 'string' },
    from: { type: 'string', default: DEFAULT_SEED_DIR },
    'import-jsonl': { type: 'string' },
    'no-catalogue': { type: 'boolean', default: false },
  },
});
const config = readConfig({ data: values.data });
const database = await openMigrated(config);
try {
  if (!values['no-catalogue']) {
    const summary = await importCatalogue(database, loadSeedFiles(values.from));
    const s = summary.sessions;
    console.log(
      `Catalogue : ${summary.courses} formations ; sessions : ${s.inserted} ajoutées, ${s.updated} mises à jour, ` +
        `${s.keptEdited} modifiées dans le bureau laissées telles quelles, ${s.removed} retirées, ${s.keptWithRequests} gardées (demandes reçues).`,
    );
  }
  if (values['import-jsonl']) {
    const result = await importJsonl(database, values['import-jsonl']);
    for (const [kind, r] of Object.entries(result)) {
      console.log(`${kind} : ${r.imported} importées, ${r.alreadyThere} déjà présentes, ${r.unreadable} lignes illisibles ignorées.`);
    }
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await database.close();
}
