/**
 * `npm run gdpr -- <command> --email ADDRESS`: a person's rights over their data.
 *   export  --email X                      every record of that person, as JSON on standard output
 *   rectify --email X --field F --value V  corrects one field of every record (see RECTIFIABLE)
 *   erase   --email X                      erases every record (personal fields replaced by a tombstone)
 *   purge                                  runs the retention purge now (it also runs daily)
 * Reads the same settings as the service (DATA_DIR, DATABASE_URL). Every action is audited.
 */
import { userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import { readConfig } from '../config.js';
import { erasePerson, exportPerson, purgeExpired, rectify, RECTIFIABLE, RectifyError } from '../gdpr.js';
import type { Actor } from '../lifecycle.js';
import { openMigrated } from '../service.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    email: { type: 'string' },
    field: { type: 'string' },
    value: { type: 'string' },
    data: { type: 'string' },
  },
});
const [command] = positionals;
const usage = `Usage : npm run gdpr -- export|rectify|erase --email ADRESSE [--field CHAMP --value VALEUR] | purge
Champs rectifiables : ${Object.keys(RECTIFIABLE).join(', ')}`;

if (!command || !['export', 'rectify', 'erase', 'purge'].includes(command) || (command !== 'purge' && !values.email)) {
  console.error(usage);
  process.exit(2);
}

const actor: Actor = { kind: 'staff', id: `cli:${userInfo().username}` };
const database = await openMigrated(readConfig({ data: values.data }));
try {
  const now = new Date();
  if (command === 'export') {
    process.stdout.write(`${JSON.stringify(await exportPerson(database, values.email!, actor, now), null, 2)}\n`);
  } else if (command === 'rectify') {
    if (!values.field || values.value === undefined) throw new RectifyError(usage);
    const changed = await rectify(database, values.email!, values.field, values.value, actor, now);
    console.error(`${changed} enregistrement(s) corrigé(s).`);
  } else if (command === 'erase') {
    const erased = await erasePerson(database, values.email!, actor, now);
    console.error(`Effacé : ${erased.enrolments} demande(s) d’inscription, ${erased.trainerApplications} candidature(s).`);
  } else {
    const purged = await purgeExpired(database, now);
    console.error(`Durée de conservation dépassée, effacé : ${purged.enrolments} demande(s), ${purged.trainerApplications} candidature(s).`);
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await database.close();
}
