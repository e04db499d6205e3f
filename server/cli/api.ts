/**
 * `npm run api -- [--port 8787] [--host 127.0.0.1] [--data DIR] [--demo]`: the
 * campus service alone. Every option also reads from the environment (see
 * `server/config.ts`); `DATABASE_URL` selects PostgreSQL. `--demo` starts the
 * development identity provider for the office and grants its demo accounts
 * (refused when NODE_ENV=production).
 */
import { fileURLToPath } from 'node:url';
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
    demo: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});

if (values.help) {
  console.log('Usage : npm run api -- [--port 8787] [--host 127.0.0.1] [--data DOSSIER] [--demo]\n');
  console.log('  --demo  fournisseur d’identité de développement et comptes de démonstration pour le bureau (/office/) ; refusé en production\n\nVariables d’environnement :');
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

let demo: Awaited<ReturnType<typeof import('../../test/support/oidc-demo.js').startDemo>> | undefined;
if (values.demo) {
  if (config.production) {
    console.error('--demo est refusé quand NODE_ENV=production : le fournisseur d’identité de développement accepte des mots de passe connus de tous.');
    process.exit(2);
  }
  // Development code, loaded only in this mode.
  const { startDemo } = await import('../../test/support/oidc-demo.js');
  demo = await startDemo(config);
  config = demo.config;
}

// The office's pages, built once from office/ when they are not (`npm run build:office` does it too).
if (config.oidcProviders.length) {
  const { officeBuilt } = await import('../office/static.js');
  if (!officeBuilt()) {
    console.log('Construction des pages du bureau (office/dist)…');
    try {
      const { build } = await import('vite');
      await build({ configFile: fileURLToPath(new URL('../../office/vite.config.ts', import.meta.url)), logLevel: 'error' });
    } catch (error) {
      console.error(`Les pages du bureau n’ont pas pu être construites (npm run build:office) : ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}

let service;
try {
  service = await openService(config);
} catch (error) {
  if (error instanceof DurabilityError) console.error(error.message);
  else console.error(`Le service ne peut pas démarrer : ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}

if (demo?.provider) {
  const { grantDemoAccounts } = await import('../../test/support/oidc-demo.js');
  await grantDemoAccounts(service.database, demo.provider.issuer);
}

const http = await listen(service.app, config.port, config.host);
service.listeningOn(http.url);
const where = config.databaseUrl ? 'PostgreSQL' : `SQLite dans ${config.dataDir}`;
console.log(`Service du campus : ${http.url} (${where})`);
console.log(`api-base à indiquer aux composants : ${config.publicUrl ?? http.url}/api`);
if (demo?.provider) {
  console.log(`Bureau du campus : ${config.publicUrl ?? http.url}/office/ — comptes de démonstration (mot de passe « campus ») :`);
  for (const account of demo.provider.accounts) console.log(`  ${account.email}${account.note ? ` (${account.note})` : ''}`);
  console.log(`Fournisseur d’identité de développement : ${demo.provider.issuer}`);
}

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    // Finish the requests in flight, then close the database.
    http
      .close()
      .then(() => service.close())
      .then(() => demo?.provider?.close())
      .finally(() => process.exit(0));
  });
}
