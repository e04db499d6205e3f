/**
 * The campus service as browser tests reach it: on its own SQLite database
 * (a fresh private folder), seeded with the demo catalogue, wrapped in the
 * test harness (faults, hostile corpus, records, request log).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readConfig } from '../../server/config.js';
import { koaMiddleware, listen } from '../../server/node.js';
import { mediaFolder, openService } from '../../server/service.js';
import { folder } from '../../server/webmaster.js';
import { createHarness, harnessHandles } from './harness.js';
import { sqlRecords } from './sql-records.js';

/**
 * Rate limits off (every test comes from 127.0.0.1); no request log in the test output; the
 * embeddable pages may be framed by the test pages and the host pages (random ports).
 */
const TEST_ENV = { RATE_LIMIT_PER_MINUTE: '0', RATE_LIMIT_PER_EMAIL_PER_HOUR: '0', LOG_REQUESTS: '0', FRAME_ANCESTORS: 'http://127.0.0.1:* http://localhost:*' };

/** Where the widgets' built files are (/widgets/): a folder the hosts plugin builds once the server runs. */
export type WidgetsDir = () => string | undefined;

export async function testService(publicUrl?: string, widgetsDir?: WidgetsDir) {
  const dataDir = join(mkdtempSync(join(tmpdir(), 'campus-browser-tests-')), 'data');
  const service = await openService(readConfig({ data: dataDir, publicUrl }, TEST_ENV), widgetsDir ? { widgetFiles: folder(widgetsDir) } : {});
  const media = mediaFolder();
  let origin = publicUrl ?? '';
  const harness = createHarness({
    app: service.app,
    records: (kind, email) => sqlRecords(service.storage, kind, email),
    media,
    publicUrl: () => origin,
  });
  return {
    service,
    harness,
    listeningOn(url: string) {
      origin = url;
      service.listeningOn(url);
    },
  };
}

/** Listening on its own port: the other origin of a real embed. */
export async function startTestServer(widgetsDir?: WidgetsDir) {
  const { service, harness, listeningOn } = await testService(undefined, widgetsDir);
  const http = await listen(harness, 0, '127.0.0.1');
  listeningOn(http.url);
  return {
    url: http.url,
    async close() {
      await http.close(1000);
      await service.close();
    },
  };
}

/** Mounted on the test runner's own origin, `origin` (for the stories, which use `api-base="/api"`). */
export async function sameOriginMiddleware(origin: string, widgetsDir?: WidgetsDir) {
  const { service, harness } = await testService(origin, widgetsDir);
  return { middleware: koaMiddleware(harness, harnessHandles), close: () => service.close() };
}
