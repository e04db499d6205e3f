/**
 * The store's machinery: jobs that run once across instances (a driven
 * clock, no waiting), the catalogue's import rules, migrations during a
 * rolling deploy, readiness, and a library package that installs no server code.
 */
import assert from 'node:assert/strict';
import { readFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { sql } from 'kysely';
import { JobRunner, type JobDefinition } from '../../server/jobs.js';
import { importCatalogue, importJsonl, storedSession } from '../../server/seed.js';
import { openDatabase } from '../../server/storage/database.js';
import { migrate, migrationState, MIGRATION_NAMES } from '../../server/storage/migrations.js';
import { enrolment, fixture, json, get, makeApp, post, testConfig } from './fixture.js';

/** A clock the test moves. */
function clock(start = Date.UTC(2026, 11, 3, 8)) {
  let now = start;
  return { now: () => new Date(now), advance: (ms: number) => void (now += ms) };
}

describe('jobs', () => {
  it('run once across two instances, again when due, and are taken over when a lease expires', async () => {
    const { service } = await makeApp();
    const time = clock();
    let runs = 0;
    let stall = false;
    let release: (() => void) | undefined;
    const job: JobDefinition = {
      name: 'count',
      everyMs: 60_000,
      leaseMs: 30_000,
      async run() {
        runs++;
        if (stall) await new Promise<void>((resolve) => (release = resolve));
      },
    };
    const a = new JobRunner(service.database, { now: time.now, owner: 'a' });
    const b = new JobRunner(service.database, { now: time.now, owner: 'b' });
    a.register(job);
    b.register(job);

    const [ranA, ranB] = await Promise.all([a.tick(), b.tick()]);
    assert.equal(runs, 1, 'one instance ran it');
    assert.equal([...ranA, ...ranB].filter((n) => n === 'count').length, 1);
    await Promise.all([a.tick(), b.tick()]);
    assert.equal(runs, 1, 'not due yet');
    time.advance(60_000);
    await Promise.all([a.tick(), b.tick()]);
    assert.equal(runs, 2, 'due again: once');

    // An instance that dies while running: its lease expires, the other takes the job.
    time.advance(60_000);
    stall = true;
    const stuck = a.tick();
    while (!release) await new Promise((r) => setTimeout(r, 5));
    stall = false;
    assert.equal(runs, 3);
    assert.deepEqual((await b.tick()).filter((n) => n === 'count'), [], 'the lease is held');
    time.advance(31_000);
    assert.deepEqual((await b.tick()).filter((n) => n === 'count'), ['count'], 'taken over once the lease expired');
    assert.equal(runs, 4);
    release();
    await stuck;
  });

  it('purge idempotency keys past their expiry, and only those', async () => {
    const { service, app } = await makeApp();
    await post(app, '/api/v1/enrolments', enrolment(), { 'Idempotency-Key': 'old' });
    const time = clock(Date.now() + 49 * 3600 * 1000);
    await post(app, '/api/v1/enrolments', enrolment({ email: 'later@example.gouv.fr' }), { 'Idempotency-Key': 'recent' });
    await service.database.db.updateTable('idempotency_keys').set({ expires_at: new Date(time.now().getTime() + 3600_000).toISOString() }).where('key', '=', 'recent').execute();
    const runner = new JobRunner(service.database, { now: time.now });
    assert.ok((await runner.tick()).includes('purge-idempotency-keys'));
    const keys = await service.database.db.selectFrom('idempotency_keys').select('key').execute();
    assert.deepEqual(keys.map((k) => k.key), ['recent']);
  });
});

describe('the catalogue import', () => {
  it('upserts by id, keeps sessions edited in the office and sessions with requests, and imports seats taken as reserved', async () => {
    const { service, app } = await makeApp();
    const db = service.database.db;
    const reserved = await db.selectFrom('sessions').select(['capacity', 'seats_reserved']).where('id', '=', 'ia-full').executeTakeFirstOrThrow();
    assert.deepEqual(reserved, { capacity: 20, seats_reserved: 20 }, 'capacity − seatsLeft');
    assert.equal((await json(get(app, '/api/v1/courses/matinee-ia/sessions'))).items.find((s: { id: string }) => s.id === 'ia-full').seatsLeft, 0);

    // A request on dp-1; an office edit on ia-open.
    assert.equal((await post(app, '/api/v1/enrolments', enrolment({ courseId: 'donnees-personnelles', sessionId: 'dp-1' }))).status, 201);
    await db.updateTable('sessions').set({ capacity: 3, office_edited_at: new Date().toISOString() }).where('id', '=', 'ia-open').execute();

    const next = fixture();
    next.courses = next.courses.map((c) => (c.id === 'matinee-ia' ? { ...c, title: 'Matinée IA (nouvel intitulé)' } : c));
    next.sessions = next.sessions
      .filter((s) => s.id !== 'dp-1' && s.id !== 'ia-closed')
      .map((s) => (s.id === 'ia-open' ? { ...s, capacity: 99 } : s));
    const summary = await importCatalogue(service.database, next);
    assert.equal(summary.sessions.keptEdited, 1);
    assert.equal(summary.sessions.keptWithRequests, 1);
    assert.equal(summary.sessions.removed, 1);

    const ids = (await db.selectFrom('sessions').select('id').execute()).map((s) => s.id);
    assert.ok(ids.includes('dp-1'), 'a session with requests is never deleted');
    assert.ok(!ids.includes('ia-closed'), 'a session the seed dropped, without requests, is');
    const edited = await db.selectFrom('sessions').select('capacity').where('id', '=', 'ia-open').executeTakeFirstOrThrow();
    assert.equal(edited.capacity, 3, 'the office edit stays');
    const course = await db.selectFrom('courses').select('doc').where('id', '=', 'matinee-ia').executeTakeFirstOrThrow();
    assert.equal(JSON.parse(course.doc).title, 'Matinée IA (nouvel intitulé)');

    // The instance sees it once it refreshes (every instance polls the version).
    await service.catalogue.refresh();
    assert.equal((await json(get(app, '/api/v1/courses/matinee-ia'))).title, 'Matinée IA (nouvel intitulé)');
  });

  it('imports the earlier server’s JSON-lines files, skipping a torn line, and only once', async () => {
    const { service, records } = await makeApp();
    const dir = mkdtempSync(join(tmpdir(), 'campus-jsonl-'));
    const line = (email: string, reference: string) =>
      JSON.stringify({
        kind: 'enrolments',
        request: { ...enrolment({ email }) },
        receipt: { reference, status: 'submitted', courseId: 'matinee-ia', sessionId: 'ia-open', createdAt: '2026-11-20T10:00:00.000Z' },
        idempotencyKey: `k-${reference}`,
        bodyHash: 'x',
        privacyNoticeVersion: '2026-01',
        storedAt: '2026-11-20T10:00:00.000Z',
      });
    writeFileSync(join(dir, 'enrolments.jsonl'), `${line('a@example.gouv.fr', 'CNP-2026-AAAAAA')}\n{"kind":"enrolments","requ${line('b@example.gouv.fr', 'CNP-2026-BBBBBB')}\n`);
    const first = await importJsonl(service.database, dir);
    assert.deepEqual(first.enrolments, { imported: 1, alreadyThere: 0, unreadable: 1 });
    const again = await importJsonl(service.database, dir);
    assert.deepEqual(again.enrolments, { imported: 0, alreadyThere: 1, unreadable: 1 });
    const [record] = await records('enrolments');
    assert.equal(record.receipt.reference, 'CNP-2026-AAAAAA');
    assert.equal(record.request.email, 'a@example.gouv.fr');
  });

  it('turns a seed session’s seats left into reserved seats', () => {
    assert.equal(storedSession({ id: 's', courseId: 'c', mode: 'x', slots: [{ start: '2030-01-01T09:00:00Z', end: '2030-01-01T12:00:00Z' }], timezone: 'Europe/Paris', online: false, capacity: 12, seatsLeft: 5, status: 'open' }).seatsReserved, 7);
  });
});

describe('migrations', () => {
  it('are applied once, and an older instance runs on a database a newer one migrated (rolling deploy)', async () => {
    const { service } = await makeApp();
    const db = service.database.db as never;
    assert.deepEqual(await migrate(db, service.database.engine), [], 'already applied at start');
    assert.deepEqual((await migrationState(db, service.database.engine)).pending, []);
    // A newer version added a migration this code does not know.
    await sql`insert into kysely_migration (name, timestamp) values ('9999-from-the-future', '2027-01-01T00:00:00.000Z')`.execute(db);
    assert.deepEqual(await migrate(db, service.database.engine), [], 'left as it is');
    assert.deepEqual(await service.storage.readiness(), { ok: true });
    await sql`delete from kysely_migration where name = '9999-from-the-future'`.execute(db);
  });

  it('make /ready fail while a migration this code needs is missing', async () => {
    const { service, app } = await makeApp();
    assert.equal((await get(app, '/ready')).status, 200);
    const last = MIGRATION_NAMES[MIGRATION_NAMES.length - 1];
    const db = service.database.db as never;
    const row = (await sql<{ timestamp: string }>`select timestamp from kysely_migration where name = ${last}`.execute(db)).rows[0];
    await sql`delete from kysely_migration where name = ${last}`.execute(db);
    try {
      const ready = await get(app, '/ready');
      assert.equal(ready.status, 503);
      assert.match((await ready.json()).reason, /migrations not applied/);
    } finally {
      await sql`insert into kysely_migration (name, timestamp) values (${last}, ${row.timestamp})`.execute(db);
    }
  });

  it('refuses PostgreSQL without durable commits', { skip: !process.env.TEST_DATABASE_URL && 'PostgreSQL only' }, async () => {
    const config = await testConfig();
    const database = await openDatabase(config);
    const name = new URL(config.databaseUrl!).pathname.slice(1);
    await sql.raw(`alter database ${name} set synchronous_commit = off`).execute(database.db);
    await database.close();
    try {
      await assert.rejects(openDatabase(config), /synchronous_commit = off/);
    } finally {
      const fix = await openDatabase({ ...config, databaseUrl: process.env.TEST_DATABASE_URL });
      await sql.raw(`alter database ${name} reset synchronous_commit`).execute(fix.db);
      await fix.close();
    }
  });
});

describe('the published library', () => {
  it('depends on no server package, and publishes no server file', () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
    const server = JSON.parse(readFileSync(new URL('../../server/package.json', import.meta.url), 'utf8'));
    assert.equal(server.private, true);
    for (const dep of Object.keys(server.dependencies)) {
      assert.ok(!(dep in (pkg.dependencies ?? {})), `${dep} is not a dependency of the library`);
      assert.ok(!(dep in (pkg.peerDependencies ?? {})), `${dep} is not a peer dependency`);
    }
    assert.deepEqual(Object.keys(pkg.dependencies).sort(), ['@lit/task', 'lit', 'zod']);
    for (const entry of pkg.files) assert.ok(!/^server|^office|^test/.test(entry), entry);
  });
});
