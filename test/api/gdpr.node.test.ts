/**
 * Personal data: export, rectification and erasure of one person's records
 * (the functions and `npm run gdpr`), the retention purge driven by a clock,
 * the audit log that never keeps a personal value, rate limits held in the
 * database across instances, and what production requires before /ready.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { ERASED, erasePerson, exportPerson, purgeExpired, rectify, RectifyError } from '../../server/gdpr.js';
import { JobRunner } from '../../server/jobs.js';
import { retentionJob } from '../../server/gdpr.js';
import { postJson, startServiceProcess } from '../support/service-process.js';
import { enrolment, fixture, get, json, makeApp, post, trainerApplication } from './fixture.js';

const run = promisify(execFile);
const CLI = fileURLToPath(new URL('../../server/cli/gdpr.ts', import.meta.url));
const OPERATOR = { kind: 'staff' as const, id: 'test' };
const PERSON = 'dominique.personne@example.gouv.fr';

async function someRecords() {
  const made = await makeApp();
  const { app } = made;
  assert.equal((await post(app, '/api/v1/subscriptions', { courseId: 'design-accessibilite', email: PERSON })).status, 202);
  assert.equal((await post(app, '/api/v1/enrolments', enrolment({ email: PERSON, accommodation: 'Rampe d’accès', comment: 'Merci' }))).status, 201);
  assert.equal((await post(app, '/api/v1/enrolments', enrolment({ email: PERSON.toUpperCase(), courseId: 'design-accessibilite', sessionId: undefined }))).status, 201);
  assert.equal((await post(app, '/api/v1/trainer-applications', trainerApplication({ email: PERSON }))).status, 201);
  assert.equal((await post(app, '/api/v1/enrolments', enrolment({ email: 'autre.personne@example.gouv.fr' }))).status, 201);
  return made;
}

/** Every personal value of the person, as the tests look for them anywhere. */
const PERSONAL = [PERSON, 'Camille', 'Martin', 'Rampe', 'Merci', 'Dominique', 'Bernard'];

describe('a person’s data', () => {
  it('is exported whole: every request and application of that address, with their history', async () => {
    const { service } = await someRecords();
    const exported = await exportPerson(service.database, ` ${PERSON.toUpperCase()} `, OPERATOR, new Date());
    assert.equal(exported.email, PERSON);
    assert.deepEqual(exported.messages.map((m) => m.kind).sort(), ['alert_confirm', 'receipt', 'receipt', 'trainer_receipt'], 'the messages sent to the address');
    assert.equal(exported.subscriptions.length, 1);
    assert.equal(exported.enrolments.length, 2);
    assert.equal(exported.trainerApplications.length, 1);
    assert.ok(exported.enrolments.every((e) => e.email === PERSON || e.email === PERSON.toUpperCase()));
    assert.equal(exported.enrolments[0].accommodation, 'Rampe d’accès');
    assert.equal((exported.trainerApplications[0].application as { availability: string }).availability, 'Deux jours par mois');
    assert.deepEqual([...new Set(exported.history.map((h) => h.action))].sort(), ['created']);
    assert.ok(!JSON.stringify(exported).includes('autre.personne'));
    // The export itself is audited, by record.
    const audited = await service.database.db.selectFrom('audit_log').select(['action', 'actor_id']).where('action', '=', 'exported').execute();
    assert.equal(audited.length, 3);
    assert.ok(audited.every((a) => a.actor_id === 'test'));
  });

  it('is rectified field by field, checked as the forms check it, and audited by field name', async () => {
    const { service, records } = await someRecords();
    assert.equal(await rectify(service.database, PERSON, 'familyName', 'Martin-Durand', OPERATOR, new Date()), 3);
    const mine = await records('enrolments', PERSON);
    assert.deepEqual(mine.map((r) => r.request.familyName), ['Martin-Durand', 'Martin-Durand']);
    assert.equal((await records('trainer-applications', PERSON))[0].request.familyName, 'Martin-Durand');
    await assert.rejects(rectify(service.database, PERSON, 'familyName', 'X\u202E', OPERATOR, new Date()), RectifyError);
    await assert.rejects(rectify(service.database, PERSON, 'status', 'accepted', OPERATOR, new Date()), RectifyError);
    await assert.rejects(rectify(service.database, PERSON, 'email', 'pas une adresse', OPERATOR, new Date()), RectifyError);
    await assert.rejects(rectify(service.database, PERSON, 'givenName', '  ', OPERATOR, new Date()), RectifyError);
    // A new address moves every record, and the one-request-per-session rule with it.
    assert.equal(await rectify(service.database, PERSON, 'email', 'd.personne@example.gouv.fr', OPERATOR, new Date()), 3);
    assert.equal((await records('enrolments', 'd.personne@example.gouv.fr')).length, 2);
    const entries = await service.database.db.selectFrom('audit_log').select(['fields']).where('action', '=', 'rectified').execute();
    assert.ok(entries.length >= 6);
    const text = JSON.stringify(entries);
    for (const value of ['Martin-Durand', 'd.personne']) assert.ok(!text.includes(value), `the audit log keeps no value (${value})`);
  });

  it('is erased: tombstones where personal fields were; status, course, session and dates kept; seats still counted', async () => {
    const { service, app } = await someRecords();
    const seatsBefore = (await json(get(app, '/api/v1/courses/matinee-ia'))).nextSession.seatsLeft;
    const erased = await erasePerson(service.database, PERSON, OPERATOR, new Date());
    assert.deepEqual(erased, { enrolments: 2, trainerApplications: 1 });
    const rows = await service.database.db.selectFrom('enrolments').selectAll().where('erased_at', 'is not', null).execute();
    assert.equal(rows.length, 2);
    for (const row of rows) {
      assert.equal(row.given_name, ERASED);
      assert.equal(row.accommodation, null);
      assert.match(row.email, /@erased\.invalid$/);
      assert.ok(row.status && row.course_id && row.created_at);
    }
    assert.equal((await json(get(app, '/api/v1/courses/matinee-ia'))).nextSession.seatsLeft, seatsBefore, 'the seat stays taken');
    const everything = JSON.stringify([
      await service.database.db.selectFrom('enrolments').selectAll().where('email', 'not like', 'autre.personne%').execute(),
      await service.database.db.selectFrom('trainer_applications').selectAll().execute(),
      await service.database.db.selectFrom('audit_log').selectAll().execute(),
      await service.database.db.selectFrom('rate_limits').selectAll().execute(),
      await service.database.db.selectFrom('outbox').selectAll().where('recipient', '<>', 'autre.personne@example.gouv.fr').execute(),
      await service.database.db.selectFrom('subscriptions').selectAll().execute(),
      await service.database.db.selectFrom('tokens').select(['email_norm']).execute(),
    ]);
    for (const value of PERSONAL) assert.ok(!everything.includes(value), value);
    const messages = await service.database.db.selectFrom('outbox').select(['recipient', 'status', 'erased_at']).execute();
    assert.ok(messages.filter((m) => m.recipient !== 'autre.personne@example.gouv.fr').every((m) => m.erased_at && m.status !== 'pending'), 'the messages to the person are erased, and not sent');
    const other = await service.database.db.selectFrom('enrolments').select('erased_at').where('email', '=', 'autre.personne@example.gouv.fr').executeTakeFirstOrThrow();
    assert.equal(other.erased_at, null, 'another person’s records stay');
    const exported = await exportPerson(service.database, PERSON, OPERATOR, new Date());
    assert.deepEqual([exported.enrolments.length, exported.trainerApplications.length], [0, 0]);
    // The address may ask again: the erased requests no longer hold the pair.
    assert.equal((await post(app, '/api/v1/enrolments', enrolment({ email: PERSON }))).status, 201);
  });

  it('is exported, rectified and erased by `npm run gdpr`', async () => {
    const { config } = await someRecords();
    const env = { ...process.env, DATA_DIR: config.dataDir, DATABASE_URL: config.databaseUrl ?? '' };
    const tool = (...args: string[]) => run(process.execPath, ['--import', 'tsx', CLI, ...args], { env });
    const exported = JSON.parse((await tool('export', '--email', PERSON)).stdout);
    assert.equal(exported.enrolments.length, 2);
    await tool('rectify', '--email', PERSON, '--field', 'organisation', '--value', 'Préfecture du Nord');
    assert.ok(JSON.parse((await tool('export', '--email', PERSON)).stdout).enrolments.every((e: { organisation: string }) => e.organisation === 'Préfecture du Nord'));
    await assert.rejects(tool('rectify', '--email', PERSON, '--field', 'organisation', '--value', 'A\u202EB'));
    await tool('erase', '--email', PERSON);
    assert.equal(JSON.parse((await tool('export', '--email', PERSON)).stdout).enrolments.length, 0);
  });
});

describe('retention', () => {
  it('erases each record once it passes its notice’s periods, by a daily job on a driven clock', async () => {
    const seed = fixture();
    seed.privacyNotices = seed.privacyNotices.map((n) => ({ ...n, retentionPeriods: n.id === 'inscription' ? { afterSessionMonths: 36, unansweredMonths: 12 } : { unansweredMonths: 24, afterLastActivityMonths: 36 } }));
    const { service, app } = await makeApp({ seed });
    assert.equal((await post(app, '/api/v1/enrolments', enrolment({ email: 'session@example.gouv.fr' }))).status, 201);
    assert.equal((await post(app, '/api/v1/enrolments', enrolment({ email: 'sans.session@example.gouv.fr', courseId: 'design-accessibilite', sessionId: undefined }))).status, 201);
    assert.equal((await post(app, '/api/v1/trainer-applications', trainerApplication())).status, 201);
    const erased = async () => (await service.database.db.selectFrom('enrolments').select('email').where('erased_at', 'is not', null).execute()).length;
    const now = Date.now();
    const month = 31 * 24 * 3600 * 1000;

    // ia-open ends on 2030-03-10: kept for 36 months after that.
    let clock = new Date(now + 11 * month);
    const runner = new JobRunner(service.database, { now: () => clock });
    runner.register(retentionJob);
    await runner.tick();
    assert.equal(await erased(), 0, 'nothing has passed its period');
    clock = new Date(now + 13 * month);
    await runner.tick();
    assert.equal(await erased(), 1, 'the request without a session, after 12 months');
    clock = new Date(Date.parse('2030-03-10T12:00:00+01:00') + 35 * month);
    await runner.tick();
    assert.equal(await erased(), 1, 'the job runs daily, not more often');
    clock = new Date(Date.parse('2030-03-10T12:00:00+01:00') + 37 * month);
    await runner.tick();
    assert.equal(await erased(), 2, 'the session’s request, 36 months after its end');
    const applications = await service.database.db.selectFrom('trainer_applications').select('erased_at').execute();
    assert.ok(applications.every((a) => a.erased_at), 'the application, 24 months after it was made');
    const purgeEntries = await service.database.db.selectFrom('audit_log').select(['actor_kind', 'action']).where('action', '=', 'erased').execute();
    assert.ok(purgeEntries.length === 3 && purgeEntries.every((e) => e.actor_kind === 'system'));
    assert.deepEqual(await purgeExpired(service.database, clock), { enrolments: 0, trainerApplications: 0 }, 'erased once');
  });

  it('is stated as data in the seed’s notices, beside their text', async () => {
    const { app } = await makeApp({ seed: (await import('../../server/seed.js')).loadSeedFiles() });
    const notice = await json(get(app, '/api/v1/privacy-notices/inscription-campus'));
    assert.deepEqual(notice.retentionPeriods, { afterSessionMonths: 36, unansweredMonths: 12 });
    assert.match(notice.retention, /trois ans/);
  });
});

describe('rate limits', () => {
  it('hold across two instances: per client address, and per e-mail address; 429 with Retry-After; 0 turns one off', async () => {
    const { config, service } = await makeApp();
    await service.close();
    const env = { RATE_LIMIT_PER_MINUTE: '6', RATE_LIMIT_PER_EMAIL_PER_HOUR: '2' };
    // Fixed windows: start with the minute (and the hour) far from their end.
    const left = Math.min(60_000 - (Date.now() % 60_000), 3_600_000 - (Date.now() % 3_600_000));
    if (left < 25_000) await new Promise((r) => setTimeout(r, left + 200));
    const a = await startServiceProcess({ ...config, env });
    const b = await startServiceProcess({ ...config, env });
    try {
      // One address, three new requests across both instances: the third is refused.
      const one = 'limite.personne@example.gouv.fr';
      const statuses: number[] = [];
      for (const [i, p] of [a, b, a].entries()) {
        const response = await postJson(`${p.url}/api/v1/enrolments`, enrolment({ email: one, courseId: 'design-accessibilite', sessionId: undefined, ...(i ? { courseId: ['matinee-ia', 'donnees-personnelles'][i - 1], sessionId: ['ia-full', 'dp-1'][i - 1] } : {}) }));
        statuses.push(response.status);
        if (response.status === 429) {
          assert.ok(Number(response.headers.get('Retry-After')) > 0);
          assert.match(response.headers.get('Content-Type') ?? '', /^application\/problem\+json/);
        }
      }
      assert.deepEqual(statuses, [201, 201, 429]);
      // A repeat of an earlier request is no new request: answered as before.
      assert.equal((await postJson(`${b.url}/api/v1/enrolments`, enrolment({ email: one, courseId: 'design-accessibilite', sessionId: undefined }))).status, 201);

      // The client address (127.0.0.1): 6 submissions a minute across both; 5 made so far.
      const more = [];
      for (let i = 0; i < 4; i++) more.push((await postJson(`${[a, b][i % 2].url}/api/v1/enrolments`, enrolment({ email: `client.${i}@example.gouv.fr`, sessionId: 'ia-full' }))).status);
      assert.deepEqual(more, [201, 201, 429, 429]);
    } finally {
      await Promise.all([a.kill(), b.kill()]);
    }
    const off = await startServiceProcess({ ...config, env: { RATE_LIMIT_PER_MINUTE: '0', RATE_LIMIT_PER_EMAIL_PER_HOUR: '0' } });
    try {
      // Three new requests for one address, twelve submissions from one client: none refused.
      const three = [
        { courseId: 'design-accessibilite', sessionId: undefined },
        { courseId: 'matinee-ia', sessionId: 'ia-full' },
        { courseId: 'donnees-personnelles', sessionId: 'dp-1' },
      ];
      for (const [i, target] of three.entries()) {
        assert.equal((await postJson(`${off.url}/api/v1/enrolments`, enrolment({ email: 'sans.limite@example.gouv.fr', ...target, comment: `n°${i}` }))).status, 201);
      }
      for (let i = 0; i < 9; i++) {
        assert.equal((await postJson(`${off.url}/api/v1/enrolments`, enrolment({ email: `sans.limite.${i}@example.gouv.fr`, sessionId: 'ia-full' }))).status, 201);
      }
    } finally {
      await off.kill();
    }
  });
});

describe('production settings', () => {
  it('make /ready fail without SECRET_KEYS, PUBLIC_URL or SMTP_URL', async () => {
    const { config } = await makeApp();
    const missing = await startServiceProcess({ ...config, env: { NODE_ENV: 'production', SECRET_KEYS: '', PUBLIC_URL: '', SMTP_URL: '' } });
    try {
      const ready = await fetch(`${missing.url}/ready`);
      assert.equal(ready.status, 503);
      assert.match((await ready.json()).reason, /SECRET_KEYS, PUBLIC_URL, SMTP_URL/);
    } finally {
      await missing.kill();
    }
    const complete = await startServiceProcess({ ...config, env: { NODE_ENV: 'production', SECRET_KEYS: 'k'.repeat(43), PUBLIC_URL: 'https://campus.example.gouv.fr', SMTP_URL: 'smtp://127.0.0.1:2525' } });
    try {
      assert.equal((await fetch(`${complete.url}/ready`)).status, 200);
    } finally {
      await complete.kill();
    }
  });

  it('logs one JSON line per request on standard output, with no personal data in a whole captured log', async () => {
    const { config } = await makeApp();
    const p = await startServiceProcess({ ...config, env: { LOG_REQUESTS: '1' } });
    const email = 'grep.moi@example.gouv.fr';
    try {
      await postJson(`${p.url}/api/v1/enrolments`, enrolment({ email, givenName: 'Grepetta', comment: 'texte libre à ne pas journaliser' }));
      await postJson(`${p.url}/api/v1/enrolments`, enrolment({ email, givenName: 'Grepetta\u0000' }));
      await postJson(`${p.url}/api/v1/trainer-applications`, trainerApplication({ email }));
      await postJson(`${p.url}/api/v1/enrolments`, `{"email":"${email}"`);
      await fetch(`${p.url}/api/v1/courses?q=${encodeURIComponent(email)}`);
      await fetch(`${p.url}/api/v1/courses/${encodeURIComponent(email)}/sessions`);
    } finally {
      await p.kill();
    }
    const log = p.output();
    const lines = log.split('\n').filter((l) => l.startsWith('{'));
    assert.equal(lines.length, 6);
    for (const line of lines) assert.deepEqual(Object.keys(JSON.parse(line)).sort(), ['durationMs', 'method', 'requestId', 'route', 'status', 'time']);
    for (const secret of [email, 'grep.moi', 'Grepetta', 'texte libre']) assert.ok(!log.includes(secret), secret);
  });
});
