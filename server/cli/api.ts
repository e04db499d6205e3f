/**
 * `npm run api -- [--port 8787] [--host 127.0.0.1] [--data DIR]`: the campus
 * service alone. Every option also reads from the environment (see
 * `server/config.ts`); `DATABASE_URL` selects PostgreSQL.
 */
import { parseArgs } from 'node:util';
import { ConfigError, ENVIRONMENT, readConfig } from '../config.js';
import { listen } from '../node.js';
import { openService } from '../service.js';
import { DurabilityError } from '../storage/database.js';

const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    host: { type: 'string' },
    data: { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});

if (values.help) {
  console.log('Usage : npm run api -- [--port 8787] [--host 127.0.0.1] [--data DOSSIER]\n\nVariables d’environnement :');
  for (const [name, text] of Object.entries(ENVIRONMENT)) console.log(`  ${name.padEnd(20)} ${text}`);
  process.exit(0);
}

let config;
try {
  config = readConfig({ port: values.port, host: values.host, data: values.data });
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(2);
}

let service;
try {
  service = await openService(config);
} catch (error) {
  if (error instanceof DurabilityError) console.error(error.message);
  else console.error(`Le service ne peut pas démarrer : ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}

const http = await listen(service.app, config.port, config.host);
service.listeningOn(http.url);
const where = config.databaseUrl ? 'PostgreSQL' : `SQLite dans ${config.dataDir}`;
console.log(`Service du campus : ${http.url} (${where})`);
console.log(`api-base à indiquer aux composants : ${config.publicUrl ?? http.url}/api`);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    // Finish the requests in flight, then close the database.
    http
      .close()
      .then(() => service.close())
      .finally(() => process.exit(0));
  });
}
