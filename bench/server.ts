/**
 * Benchmark of the campus service (not a test), on each engine: SQLite, and
 * PostgreSQL when `TEST_DATABASE_URL` points at a server (see
 * scripts/throwaway-postgres.sh).
 *
 * 1. `GET /courses` over 10,000 generated courses, each query distinct,
 *    through `app.fetch` (routing, search, facets, live seat counts, JSON and
 *    ETag included). Target: p99 under 5 ms.
 * 2. 50 concurrent writers for 10 s against the service running in its own
 *    process over HTTP: acknowledged writes per second, p50 and p99. Target:
 *    p99 under 50 ms.
 *
 *   npx tsx --expose-gc bench/server.ts [--courses 10000] [--queries 2000] [--writers 50] [--seconds 10]
 *     [--engine sqlite|postgres] [--part read|write] [--cpu-prof-dir DIR (profiles the writers' service)]
 *   BENCH_CHILD_ARGS="--trace-gc" passes Node options to the writers' service and shows its output.
 *
 * Other processes skew the tail on a small machine: the load average is printed with the figures.
 */
import { spawn } from 'node:child_process';
import { Agent, request } from 'node:http';
import { availableParallelism, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { isOffered, type SessionFacts } from '../src/api/sessions.js';
import { readConfig } from '../server/config.js';
import type { CatalogueData } from '../server/catalogue.js';
import { generateCourses } from '../server/data/build-seed.js';
import { loadSeedFiles } from '../server/seed.js';
import { openService } from '../server/service.js';
import { createTestDatabase, TEST_DATABASE_URL } from '../test/support/test-database.js';

const { values } = parseArgs({
  options: {
    courses: { type: 'string', default: '10000' },
    queries: { type: 'string', default: '2000' },
    writers: { type: 'string', default: '50' },
    seconds: { type: 'string', default: '10' },
    seed: { type: 'string', default: '42' },
    engine: { type: 'string' },
    part: { type: 'string' },
    'cpu-prof-dir': { type: 'string' },
  },
});
const COURSES = Number(values.courses);
const QUERIES = Number(values.queries);
const WRITERS = Number(values.writers);
const SECONDS = Number(values.seconds);
const WARMUP = 300;

function mulberry32(seed: number) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = mulberry32(Number(values.seed));
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
const some = <T>(list: readonly T[], max: number): T[] => [...new Set(Array.from({ length: 1 + Math.floor(random() * max) }, () => pick(list)))];

/** Distinct random queries: text, 0–3 filters of 1–2 values, sort, page. */
function queries(data: CatalogueData, count: number, seen: Set<string>): string[] {
  const values = {
    expertise: data.expertises.map((e) => e.id),
    audience: data.audiences.map((a) => a.id),
    mode: data.vocabularies.modes.map((m) => m.id),
    kind: data.vocabularies.kinds.map((k) => k.id),
    organisation: data.organisations.map((o) => o.id),
    partner: data.organisations.map((o) => o.id),
    level: data.vocabularies.levels.map((l) => l.id),
  };
  const titleWords = data.courses
    .slice(0, 500)
    .flatMap((c) => `${c.title} ${c.summary}`.split(/[\s,.;:'’()«»!?]+/))
    .filter((w) => w.length > 3);
  const out: string[] = [];
  for (let guard = 0; out.length < count && guard < count * 100; guard++) {
    const params = new URLSearchParams();
    if (random() < 0.6) {
      const words = some(titleWords, 2).map((w) => (random() < 0.5 ? w.normalize('NFD').replace(/[\u0300-\u036f]/g, '') : w));
      params.set('q', words.join(' ').toLowerCase());
    }
    const filters = Object.keys(values) as (keyof typeof values)[];
    for (const filter of some(filters, 3).slice(0, Math.floor(random() * 4))) {
      for (const v of some(values[filter], 2)) params.append(filter, v);
    }
    if (random() < 0.2) params.set('free', 'true');
    params.set('sort', pick(['relevance', 'title', 'start', 'updated']));
    if (random() < 0.3) params.set('page', String(2 + Math.floor(random() * 3)));
    params.set('pageSize', String(pick([12, 12, 24, 48])));
    const query = params.toString();
    if (seen.has(query)) continue;
    seen.add(query);
    out.push(query);
  }
  return out;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
const fmt = (ms: number) => ms.toFixed(2);

const generated = generateCourses(COURSES, Number(values.seed)) as Pick<CatalogueData, 'courses' | 'sessions'>;
const data: CatalogueData = { ...loadSeedFiles(), ...generated };
// Sessions that take requests for as long as the writers run: the writers ask for seats there.
const openSessions = (data.sessions as (SessionFacts & { id: string; courseId: string; status: string; slots: { start: string }[] })[])
  .filter((s) => isOffered(s) && Date.parse(s.slots[0].start) > Date.now() + 86_400_000)
  .slice(0, 400);
const courseOf = new Map(data.courses.map((c) => [c.id, c]));

/** No request log, no rate limit: the load is the measure. */
const BENCH_ENV = { LOG_REQUESTS: '0', RATE_LIMIT_PER_MINUTE: '0', RATE_LIMIT_PER_EMAIL_PER_HOUR: '0' };

async function readBench(engine: string, databaseUrl: string | undefined, dataDir: string) {
  const config = readConfig({ data: dataDir, databaseUrl: databaseUrl ?? '' }, BENCH_ENV);
  const importStart = performance.now();
  const service = await openService(config, { seed: data, background: false });
  const importMs = performance.now() - importStart;
  const { app } = service;
  const seen = new Set<string>();
  const warmup = queries(data, WARMUP, seen);
  const measured = queries(data, QUERIES, seen);
  const fetchCourses = (q: string) => app.fetch(new Request(`http://bench.local/api/v1/courses?${q}`));
  for (const q of warmup) await (await fetchCourses(q)).arrayBuffer();
  (globalThis as { gc?: () => void }).gc?.();
  const times: number[] = [];
  for (const q of measured) {
    const started = performance.now();
    const response = await fetchCourses(q);
    await response.arrayBuffer();
    times.push(performance.now() - started);
    if (response.status !== 200) throw new Error(`${response.status} for ${q}`);
  }
  await service.close();
  times.sort((a, b) => a - b);
  console.log(`[${engine}] catalogue of ${data.courses.length} courses imported and indexed in ${(importMs / 1000).toFixed(1)} s`);
  console.log(
    `[${engine}] GET /courses: ${times.length} distinct queries, p50 ${fmt(percentile(times, 50))} ms, p90 ${fmt(percentile(times, 90))} ms, p99 ${fmt(percentile(times, 99))} ms — target p99 < 5 ms: ${percentile(times, 99) < 5 ? 'met' : 'NOT met'}`,
  );
  return { p50: percentile(times, 50), p99: percentile(times, 99) };
}

/** The service in its own process, as in production. */
async function startProcess(databaseUrl: string | undefined, dataDir: string): Promise<{ url: string; stop(): Promise<void> }> {
  const entry = fileURLToPath(new URL('../server/cli/api.ts', import.meta.url));
  const nodeArgs = [
    ...(values['cpu-prof-dir'] ? ['--cpu-prof', `--cpu-prof-dir=${values['cpu-prof-dir']}`] : []),
    ...(process.env.BENCH_CHILD_ARGS?.split(' ') ?? []),
  ];
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', entry, '--port', '0', '--data', dataDir], {
    env: { ...process.env, ...BENCH_ENV, DATABASE_URL: databaseUrl ?? '', NODE_ENV: 'development' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk;
      if (process.env.BENCH_CHILD_ARGS) process.stderr.write(chunk);
      const m = /Service du campus : (http:\/\/\S+)/.exec(out);
      if (m) resolve(m[1]);
    });
    child.once('exit', (code) => reject(new Error(`the service stopped (${code})`)));
  });
  return {
    url,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

async function writeBench(engine: string, databaseUrl: string | undefined, dataDir: string) {
  const server = await startProcess(databaseUrl, dataDir);
  const times: number[] = [];
  let failures = 0;
  const statuses = new Map<number, number>();
  const until = performance.now() + SECONDS * 1000;
  let n = 0;
  // node:http rather than fetch: the client's own work stays small beside the service's.
  const agent = new Agent({ keepAlive: true, maxSockets: WRITERS });
  const post = (path: string, headers: Record<string, string>, body: string) =>
    new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = request(`${server.url}${path}`, { method: 'POST', agent, headers: { ...headers, 'Content-Length': Buffer.byteLength(body) } }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      });
      req.once('error', reject);
      req.end(body);
    });
  const writer = async (w: number) => {
    while (performance.now() < until) {
      const i = n++;
      const session = openSessions[i % openSessions.length];
      const course = courseOf.get(session.courseId)!;
      const body = {
        courseId: course.id,
        ...(i % 4 === 3 ? {} : { sessionId: session.id }),
        givenName: 'Camille',
        familyName: `Banc ${w}`,
        email: `banc.${engine}.${i}@exemple.gouv.fr`,
        organisation: 'Direction du banc d’essai',
        ...(course.managerApproval ? { managerEmail: 'responsable@exemple.gouv.fr' } : {}),
        privacyNoticeVersion: data.privacyNotices.find((p) => p.id === course.privacyNoticeId)?.version ?? '',
      };
      const started = performance.now();
      const response = await post('/api/v1/enrolments', { 'Content-Type': 'application/json', 'Idempotency-Key': `banc-${engine}-${i}` }, JSON.stringify(body));
      const answer = response.text;
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      if (response.status === 201) times.push(performance.now() - started);
      else {
        failures++;
        if (failures <= 3) console.error(`[${engine}] ${response.status}: ${answer.slice(0, 300)}`);
      }
    }
  };
  const started = performance.now();
  const cpu = process.cpuUsage();
  await Promise.all(Array.from({ length: WRITERS }, (_, w) => writer(w)));
  const elapsed = (performance.now() - started) / 1000;
  const clientCpu = process.cpuUsage(cpu);
  console.log(`[${engine}] the writers' own process used ${(((clientCpu.user + clientCpu.system) / 1e6 / elapsed) * 100).toFixed(0)} % of a core`);
  agent.destroy();
  await server.stop();
  times.sort((a, b) => a - b);
  console.log(
    `[${engine}] ${WRITERS} writers for ${SECONDS} s: ${times.length} acknowledged (${(times.length / elapsed).toFixed(0)}/s), ` +
      `p50 ${fmt(percentile(times, 50))} ms, p90 ${fmt(percentile(times, 90))} ms, p99 ${fmt(percentile(times, 99))} ms, max ${fmt(times[times.length - 1])} ms — target p99 < 50 ms: ${percentile(times, 99) < 50 ? 'met' : 'NOT met'}` +
      (failures ? `; not acknowledged: ${JSON.stringify(Object.fromEntries(statuses))}` : ''),
  );
  return { perSecond: times.length / elapsed, p50: percentile(times, 50), p99: percentile(times, 99), failures };
}

const results: Record<string, unknown> = {};
const engines: [string, boolean][] = [
  ['sqlite', false],
  ['postgres', Boolean(TEST_DATABASE_URL)],
];
for (const [engine, postgres] of engines) {
  if (values.engine && values.engine !== engine) continue;
  if (engine === 'postgres' && !postgres) {
    console.log('[postgres] skipped: set TEST_DATABASE_URL (scripts/throwaway-postgres.sh starts a throwaway server)');
    continue;
  }
  const result: Record<string, unknown> = {};
  results[engine] = result;
  if (values.part !== 'write') {
    const readDb = await createTestDatabase(engine === 'postgres' ? 'postgres' : 'sqlite');
    result.read = await readBench(engine, readDb.databaseUrl, readDb.dataDir);
    await readDb.drop();
  }
  if (values.part === 'read') continue;
  // The read part's garbage is not the writers' to collect.
  (globalThis as { gc?: () => void }).gc?.();
  const writeDb = await createTestDatabase(engine === 'postgres' ? 'postgres' : 'sqlite');
  // The catalogue first, then the service in its own process on the same database.
  await (await openService(readConfig({ data: writeDb.dataDir, databaseUrl: writeDb.databaseUrl ?? '' }, BENCH_ENV), { seed: data, background: false })).close();
  result.write = await writeBench(engine, writeDb.databaseUrl, writeDb.dataDir);
  await writeDb.drop();
}
console.log(`(load average ${loadavg()[0].toFixed(2)} on ${availableParallelism()} cores)`);
console.log(`RESULTS ${JSON.stringify(results)}`);
