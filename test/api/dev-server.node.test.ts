/**
 * `npm start`: vite's dev server, as vite.config.ts sets it up, leads to the demo.
 * Started here programmatically on a free port, with its own fresh database folder.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createLogger, createServer, type ViteDevServer } from 'vite';

const root = resolve(import.meta.dirname, '../..');
const dataDir = mkdtempSync(join(tmpdir(), 'campus-dev-server-'));
const printed: string[] = [];
let server: ViteDevServer;
let origin: string;

before(async () => {
  const env = { DATA_DIR: process.env.DATA_DIR, DATABASE_URL: process.env.DATABASE_URL, LOG_REQUESTS: process.env.LOG_REQUESTS };
  // The service mounted by vite.config.ts reads its settings from the environment when the server starts.
  process.env.DATA_DIR = join(dataDir, 'data');
  delete process.env.DATABASE_URL;
  process.env.LOG_REQUESTS = '0';
  const logger = createLogger('info');
  logger.info = (message) => void printed.push(message);
  try {
    server = await createServer({
      configFile: join(root, 'vite.config.ts'),
      root,
      customLogger: logger,
      server: { port: 0, host: '127.0.0.1', open: false },
    });
    await server.listen();
  } finally {
    for (const [name, value] of Object.entries(env)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
  origin = server.resolvedUrls!.local[0].replace(/\/$/, '');
});

after(async () => {
  await server?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('npm start', () => {
  it('redirects / to the demo, keeping the query', async () => {
    for (const [asked, location] of [
      ['/', '/demo/'],
      ['/?formation=hameconnage-exercice', '/demo/?formation=hameconnage-exercice'],
    ]) {
      const response = await fetch(`${origin}${asked}`, { redirect: 'manual' });
      assert.equal(response.status, 302, asked);
      assert.equal(response.headers.get('Location'), location, asked);
    }
    const demo = await fetch(`${origin}/demo/`);
    assert.equal(demo.status, 200);
    assert.match(await demo.text(), /<catalogue-list/);
    // Only / itself: the API and the other pages are untouched.
    assert.equal((await fetch(`${origin}/api/v1/courses?pageSize=1`, { redirect: 'manual' })).status, 200);
  });

  it('prints the demo’s address', () => {
    printed.length = 0;
    server.printUrls();
    // eslint-disable-next-line no-control-regex -- vite colours its output
    const text = printed.join('\n').replace(/\u001b\[[\d;]*m/g, '');
    assert.match(text, new RegExp(`Local:\\s+${origin.replace(/[.]/g, '\\.')}/demo/(\\s|$)`), text);
    assert.doesNotMatch(text, new RegExp(`${origin.replace(/[.]/g, '\\.')}/(\\s|$)`), text);
  });
});
