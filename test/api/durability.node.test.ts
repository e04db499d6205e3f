/**
 * Nothing acknowledged is lost, and the invariants hold across processes, on
 * the engine of this run (SQLite, or PostgreSQL with TEST_DATABASE_URL):
 * `kill -9` under a write load, a full disk (SQLite, `prlimit --fsize`), the
 * database stopped (PostgreSQL, a cluster of this test's own), and two service
 * processes on one database answering the same requests at once.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { sql } from 'kysely';
import { openDatabase } from '../../server/storage/database.js';
import { postJson, startServiceProcess, type ServiceProcess } from '../support/service-process.js';
import { ENGINE, TEST_DATABASE_URL } from '../support/test-database.js';
import { enrolment, makeApp, testConfig, trainerApplication } from './fixture.js';

/** The fixture seeded in this file's database, then closed: child processes take over. */
async function seeded() {
  const { service, config } = await makeApp();
  await service.close();
  return config;
}

async function stored(config: { dataDir: string; databaseUrl?: string }) {
  const database = await openDatabase(config);
  try {
    return await database.db.selectFrom('enrolments').selectAll().execute();
  } finally {
    await database.close();
  }
}

/** Posts distinct requests from `writers` loops until stopped; returns what was acknowledged. */
function writeLoad(service: ServiceProcess, writers: number, prefix: string) {
  let stop = false;
  let n = 0;
  const acknowledged: { body: ReturnType<typeof enrolment>; key: string; receipt: { reference: string; status: string } }[] = [];
  const other = new Map<string, number>();
  const loops = Array.from({ length: writers }, async () => {
    while (!stop) {
      const i = n++;
      // Course-level requests (no seat limit) and session requests (seats, then waiting list).
      const body = enrolment({ email: `${prefix}.${i}@example.gouv.fr`, ...(i % 2 ? { courseId: 'design-accessibilite', sessionId: undefined } : {}) });
      const key = `${prefix}-${i}`;
      try {
        const response = await postJson(`${service.url}/api/v1/enrolments`, body, { 'Idempotency-Key': key });
        const text = await response.text();
        if (response.status === 201) acknowledged.push({ body, key, receipt: JSON.parse(text) });
        else other.set(String(response.status), (other.get(String(response.status)) ?? 0) + 1);
      } catch {
        other.set('network', (other.get('network') ?? 0) + 1);
        await new Promise((r) => setTimeout(r, 20));
      }
    }
  });
  return {
    acknowledged,
    other,
    async stop() {
      stop = true;
      await Promise.all(loops);
    },
  };
}

const COMPLETE = ['id', 'reference', 'course_id', 'status', 'dedupe_key', 'email_norm', 'given_name', 'family_name', 'email', 'organisation', 'privacy_notice_version', 'created_at'] as const;

describe(`durability on ${ENGINE}`, () => {
  it('keeps every acknowledged request through kill -9 under a write load; whatever else is there is complete', async () => {
    const config = await seeded();
    const first = await startServiceProcess(config);
    const load = writeLoad(first, 8, 'kill');
    while (load.acknowledged.length < 40) await new Promise((r) => setTimeout(r, 20));
    first.child.kill('SIGKILL');
    await first.exited;
    await load.stop();
    const acknowledged = [...load.acknowledged];
    assert.ok(acknowledged.length >= 40);

    const rows = await stored(config);
    const byReference = new Map(rows.map((r) => [r.reference, r]));
    for (const a of acknowledged) {
      const row = byReference.get(a.receipt.reference);
      assert.ok(row, `acknowledged ${a.receipt.reference} is stored`);
      assert.equal(row.email, a.body.email);
      assert.equal(row.idempotency_key, a.key);
    }
    for (const row of rows) {
      for (const column of COMPLETE) assert.ok(row[column] !== null && row[column] !== '', `${row.reference}: ${column} is there`);
    }

    const second = await startServiceProcess(config);
    try {
      for (const a of acknowledged.slice(0, 15)) {
        const replay = await postJson(`${second.url}/api/v1/enrolments`, a.body, { 'Idempotency-Key': a.key });
        assert.equal(replay.status, 201);
        assert.equal((await replay.json()).reference, a.receipt.reference, 're-posting answers the same reference');
      }
    } finally {
      await second.kill();
    }
  });

  it('answers 503 and acknowledges nothing when the disk is full; the next write after recovery is kept', { skip: ENGINE !== 'sqlite' && 'SQLite only (PostgreSQL: the database stopped, below)' }, async () => {
    const config = await seeded();
    const database = await openDatabase(config);
    await sql`pragma wal_checkpoint(TRUNCATE)`.execute(database.db);
    await database.close();
    const sizes = readdirSync(config.dataDir).map((f) => statSync(join(config.dataDir, f)).size);
    // The write-ahead log starts empty: room for some requests, then EFBIG on every write.
    const limit = Math.max(...sizes) + 48 * 1024;
    const full = await startServiceProcess({ ...config, wrapper: ['prlimit', `--fsize=${limit}`] });
    const answers: { status: number; email: string; reference?: string }[] = [];
    try {
      for (let i = 0; i < 400 && answers.filter((a) => a.status === 503).length < 5; i++) {
        const email = `full.${i}@example.gouv.fr`;
        const response = await postJson(`${full.url}/api/v1/enrolments`, enrolment({ email, courseId: 'design-accessibilite', sessionId: undefined, comment: 'x'.repeat(900) }));
        const body = await response.json();
        answers.push({ status: response.status, email, reference: body.reference });
        if (response.status === 503) {
          assert.match(response.headers.get('Content-Type') ?? '', /^application\/problem\+json/);
          assert.ok(response.headers.get('Retry-After'));
        }
      }
    } finally {
      await full.kill();
    }
    assert.ok(answers.some((a) => a.status === 201), 'some requests went through before the disk filled');
    assert.ok(answers.some((a) => a.status === 503), 'then the service said it could not store');
    assert.deepEqual([...new Set(answers.map((a) => a.status))].sort(), [201, 503], 'never a 500');
    assert.doesNotMatch(full.output(), /at .*\.ts:\d+/, 'no stack trace in the log');

    const recovered = await startServiceProcess(config);
    try {
      const response = await postJson(`${recovered.url}/api/v1/enrolments`, enrolment({ email: 'after.recovery@example.gouv.fr', courseId: 'design-accessibilite', sessionId: undefined }));
      assert.equal(response.status, 201);
    } finally {
      await recovered.kill();
    }
    const rows = await stored(config);
    const emails = new Set(rows.map((r) => r.email));
    for (const a of answers) assert.equal(emails.has(a.email), a.status === 201, `${a.email} (${a.status}) stored only if acknowledged`);
    assert.ok(emails.has('after.recovery@example.gouv.fr'));
  });

  it('answers 503 while PostgreSQL is stopped, /ready too, and keeps the next write once it is back', { skip: ENGINE !== 'postgres' && 'PostgreSQL only (SQLite: the full disk, above)' }, async () => {
    // A cluster of this test's own, so that stopping it leaves the other test files alone.
    const dir = mkdtempSync(join(tmpdir(), 'campus-pg-down-'));
    const port = String(56000 + Math.floor(Math.random() * 2000));
    const script = join(import.meta.dirname, '../../scripts/throwaway-postgres.sh');
    const url = execFileSync('bash', [script, 'start', dir, port], { encoding: 'utf8' }).trim();
    let service: ServiceProcess | undefined;
    try {
      const config = await testConfig({ databaseUrl: url, dataDir: dir });
      const seed = await makeApp({ keepData: true, databaseUrl: url });
      await seed.service.close();
      service = await startServiceProcess(config);
      assert.equal((await postJson(`${service.url}/api/v1/enrolments`, enrolment({ email: 'before@example.gouv.fr' }))).status, 201);
      execFileSync('bash', [script, 'stop', dir]);
      const down = await postJson(`${service.url}/api/v1/enrolments`, enrolment({ email: 'during@example.gouv.fr', sessionId: 'ia-full' }));
      assert.equal(down.status, 503);
      assert.match(down.headers.get('Content-Type') ?? '', /^application\/problem\+json/);
      assert.equal((await fetch(`${service.url}/ready`)).status, 503);
      assert.equal((await fetch(`${service.url}/health`)).status, 200, 'the process itself is up');
      execFileSync('bash', [script, 'start', dir, port]);
      let back = 0;
      for (let attempt = 0; attempt < 50 && back !== 201; attempt++) {
        back = (await postJson(`${service.url}/api/v1/enrolments`, enrolment({ email: 'after@example.gouv.fr', courseId: 'design-accessibilite', sessionId: undefined }))).status;
        if (back !== 201) await new Promise((r) => setTimeout(r, 200));
      }
      assert.equal(back, 201);
      assert.equal((await fetch(`${service.url}/ready`)).status, 200);
      const emails = (await stored(config)).map((r) => r.email).sort();
      assert.deepEqual(emails, ['after@example.gouv.fr', 'before@example.gouv.fr']);
    } finally {
      await service?.kill();
      try {
        execFileSync('bash', [script, 'stop', dir]);
      } catch {
        // Already stopped.
      }
    }
  });
});

describe(`two service processes on one ${ENGINE} database`, () => {
  it('store 50 identical requests once, answer one key with two bodies once (the other 422), and never overfill a session', async () => {
    const config = await seeded();
    const a = await startServiceProcess(config);
    const b = await startServiceProcess(config);
    const both = [a, b];
    try {
      // 50 identical requests, half to each process, all at once.
      const same = enrolment({ email: 'same.person@example.gouv.fr', sessionId: 'ia-full' });
      const answers = await Promise.all(Array.from({ length: 50 }, (_, i) => postJson(`${both[i % 2].url}/api/v1/enrolments`, same)));
      assert.deepEqual([...new Set(answers.map((r) => r.status))], [201]);
      const references = new Set(await Promise.all(answers.map(async (r) => (await r.json()).reference)));
      assert.equal(references.size, 1, 'one reference for all');
      assert.equal((await stored(config)).filter((r) => r.email === 'same.person@example.gouv.fr').length, 1, 'one record');

      // One key, two bodies, at the same time on the two processes.
      for (let round = 0; round < 5; round++) {
        const key = `two-bodies-${round}`;
        const [x, y] = await Promise.all([
          postJson(`${a.url}/api/v1/enrolments`, enrolment({ email: `x${round}@example.gouv.fr`, sessionId: 'ia-full' }), { 'Idempotency-Key': key }),
          postJson(`${b.url}/api/v1/enrolments`, enrolment({ email: `y${round}@example.gouv.fr`, sessionId: 'ia-full' }), { 'Idempotency-Key': key }),
        ]);
        assert.deepEqual([x.status, y.status].sort(), [201, 422], `round ${round}`);
      }

      // k seats left, k + 8 distinct requests at once across both processes.
      const k = 6;
      const database = await openDatabase(config);
      try {
        const held = await database.db.selectFrom('enrolments').select((eb) => eb.fn.countAll<number>().as('n')).where('session_id', '=', 'ia-open').where('status', 'in', ['pending_manager', 'submitted', 'accepted']).executeTakeFirstOrThrow();
        await database.db.updateTable('sessions').set({ capacity: Number(held.n) + k, seats_reserved: 0 }).where('id', '=', 'ia-open').execute();
      } finally {
        await database.close();
      }
      const rush = await Promise.all(
        Array.from({ length: k + 8 }, (_, i) => postJson(`${both[i % 2].url}/api/v1/enrolments`, enrolment({ email: `rush.${i}@example.gouv.fr`, sessionId: 'ia-open' }))),
      );
      const statuses = await Promise.all(rush.map(async (r) => (assert.equal(r.status, 201), (await r.json()).status as string)));
      assert.equal(statuses.filter((s) => s !== 'waitlisted').length, k, `exactly ${k} got a seat: ${statuses.join(', ')}`);
      const rows = (await stored(config)).filter((r) => r.email.startsWith('rush.'));
      assert.equal(rows.filter((r) => r.status !== 'waitlisted').length, k);

      // A trainer application sent twice at once to both is stored once.
      const twice = await Promise.all(both.map((p) => postJson(`${p.url}/api/v1/trainer-applications`, trainerApplication())));
      const receipts = await Promise.all(twice.map((r) => r.json()));
      assert.deepEqual(twice.map((r) => r.status), [201, 201]);
      assert.equal(receipts[0].reference, receipts[1].reference);
    } finally {
      await Promise.all(both.map((p) => p.kill()));
    }
    const database = await openDatabase(config);
    try {
      const applications = await database.db.selectFrom('trainer_applications').select('id').execute();
      assert.equal(applications.length, 1);
    } finally {
      await database.close();
    }
  });

  it('sees a catalogue change made through another instance within seconds', async () => {
    const config = await seeded();
    const a = await startServiceProcess(config);
    try {
      const before = await (await fetch(`${a.url}/api/v1/courses/matinee-ia/sessions`)).json();
      assert.ok(before.items.some((s: { id: string }) => s.id === 'ia-open'));
      // Another instance (here: a direct write, as the office does) cancels the session.
      const database = await openDatabase(config);
      try {
        await database.transaction(async (tx) => {
          await tx.updateTable('sessions').set({ status: 'cancelled', office_edited_at: new Date().toISOString() }).where('id', '=', 'ia-open').execute();
          await tx.updateTable('catalogue_state').set((eb) => ({ version: eb('version', '+', 1) })).where('id', '=', 1).execute();
        });
      } finally {
        await database.close();
      }
      let status = '';
      for (let i = 0; i < 100 && status !== 'cancelled'; i++) {
        const after = await (await fetch(`${a.url}/api/v1/courses/matinee-ia/sessions`)).json();
        status = after.items.find((s: { id: string }) => s.id === 'ia-open')?.status ?? '';
        if (status !== 'cancelled') await new Promise((r) => setTimeout(r, 100));
      }
      assert.equal(status, 'cancelled');
    } finally {
      await a.kill();
    }
  });
});

if (!TEST_DATABASE_URL) {
  describe('the SQLite file', () => {
    it('is private: 0600 in a 0700 folder', async () => {
      const config = await seeded();
      assert.equal(statSync(config.dataDir).mode & 0o777, 0o700);
      for (const file of readdirSync(config.dataDir)) assert.equal(statSync(join(config.dataDir, file)).mode & 0o777, 0o600, file);
    });
  });
}
