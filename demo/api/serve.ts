/**
 * `npm run api -- --port 8787 [--data DIR] [--host H]`: the reference server alone.
 */
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { startServer } from './node.js';

const DEFAULT_DATA_DIR = fileURLToPath(new URL('./.data/', import.meta.url));

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '8787' },
    host: { type: 'string', default: '127.0.0.1' },
    data: { type: 'string', default: DEFAULT_DATA_DIR },
    'test-mode': { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});

if (values.help) {
  console.log('Usage: npm run api -- [--port 8787] [--host 127.0.0.1] [--data DIR] [--test-mode]');
  process.exit(0);
}

const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`Invalid port: ${values.port}`);
  process.exit(2);
}

const server = await startServer({ port, host: values.host, dataDir: values.data, testMode: values['test-mode'] });
console.log(`Campus API: ${server.url}/api/v1/ (submissions in ${values.data}${values['test-mode'] ? ', test mode' : ''})`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    server.close().finally(() => process.exit(0));
  });
}
