/**
 * `npm run staff -- <command>`: who may use the office.
 *   add --email X --role campus|organisation [--organisation ID]   grants access (bound to the identity at its first sign-in)
 *   list                                                           the live grants
 *   remove --email X                                               ends a grant and its sessions at once
 * Reads the same settings as the service (DATA_DIR, DATABASE_URL). Every change is audited.
 */
import { userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import { readConfig } from '../config.js';
import type { Actor } from '../lifecycle.js';
import { addStaff, listStaff, removeStaff, StaffError } from '../office/staff.js';
import { openMigrated } from '../service.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    email: { type: 'string' },
    role: { type: 'string' },
    organisation: { type: 'string' },
    data: { type: 'string' },
  },
});
const [command] = positionals;
const usage = `Usage : npm run staff -- add --email ADRESSE --role campus|organisation [--organisation ID]
                     list
                     remove --email ADRESSE`;

if (!command || !['add', 'list', 'remove'].includes(command) || (command !== 'list' && !values.email) || (command === 'add' && !values.role)) {
  console.error(usage);
  process.exit(2);
}

const actor: Actor = { kind: 'staff', id: `cli:${userInfo().username}` };
const database = await openMigrated(readConfig({ data: values.data }));
try {
  const now = new Date();
  if (command === 'add') {
    const row = await addStaff(database, { email: values.email!, role: values.role!, organisationId: values.organisation }, actor, now);
    console.log(`Accès accordé : ${row.email} (${row.role}${row.organisation_id ? ` ${row.organisation_id}` : ''}). Il sera lié à l’identité de sa première connexion.`);
  } else if (command === 'remove') {
    const row = await removeStaff(database, values.email!, actor, now);
    console.log(`Accès retiré : ${row.email}. Ses sessions sont closes.`);
  } else {
    const rows = await listStaff(database.db);
    if (!rows.length) console.log('Aucun accès. Ajoutez-en un : npm run staff -- add --email X --role campus');
    for (const r of rows) {
      const bound = r.subject ? `lié (${r.issuer})` : 'pas encore connecté';
      console.log(`${r.email}\t${r.role}${r.organisation_id ? `:${r.organisation_id}` : ''}\t${bound}\t${r.last_sign_in_at ?? '—'}`);
    }
  }
} catch (error) {
  console.error(error instanceof StaffError ? error.message : error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await database.close();
}
