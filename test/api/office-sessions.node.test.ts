/**
 * Sessions in the office: create, edit (the public API shows the change at
 * once on this instance; the seed leaves an edited session alone), a capacity
 * below the seats held refused, cancellation with a message to the people
 * enrolled, the participants' CSV (formula injection neutralised) and the
 * attendance sheet, both audited.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { importCatalogue } from '../../server/seed.js';
import { get, json } from './fixture.js';
import { ATN, CAMPUS, makeOffice, officeFixture, sendRequest } from '../support/oidc-office.js';

describe('sessions in the office', () => {
  it('creates a session for one’s own course, shown by the public API at once', async () => {
    const office = await makeOffice();
    const partner = await office.as(ATN);
    const created = await partner.post('/office/api/sessions', {
      courseId: 'atelier-quebec',
      mode: 'presentiel',
      timezone: 'America/Montreal',
      slots: [
        { start: '2031-02-03T09:00', end: '2031-02-03T16:30' },
        { start: '2031-02-04T09:00', end: '2031-02-04T12:00' },
      ],
      location: { name: 'ATN', address: '1 rue du Parlement', city: 'Québec', country: 'ca' },
      capacity: 12,
      registrationCloses: '2031-01-31T17:00',
    });
    assert.equal(created.status, 201);
    const session = await created.json();
    assert.equal(session.slots[0].start, '2031-02-03T09:00:00-05:00', 'local times in the session’s zone');
    assert.equal(session.location.country, 'CA');
    assert.deepEqual(
      session.halfDays.map((d: { key: string }) => d.key),
      ['2031-02-03-am', '2031-02-03-pm', '2031-02-04-am'],
    );
    const publicSessions = await json(get(office.app, '/api/v1/courses/atelier-quebec/sessions'));
    const shown = publicSessions.items.find((s: { id: string }) => s.id === session.id);
    assert.equal(shown.capacity, 12);
    assert.equal(shown.seatsLeft, 12);
    assert.equal(shown.registrationCloses, '2031-01-31T17:00:00-05:00');
    const history = session.history.map((h: { action: string }) => h.action);
    assert.deepEqual(history, ['created']);

    const invalid = await partner.post('/office/api/sessions', {
      courseId: 'atelier-quebec',
      mode: 'teleportation',
      timezone: 'Mars/Olympus',
      slots: [{ start: '2031-02-03T09:00', end: '2031-02-03T08:00' }],
      registrationOpens: '2031-02-01T00:00',
      registrationCloses: '2031-01-01T00:00',
    });
    assert.equal(invalid.status, 422);
    const fields = (await invalid.json()).errors.map((e: { field: string }) => e.field).sort();
    assert.deepEqual(fields, ['location', 'mode', 'registrationCloses', 'slots.0.end', 'timezone'].sort());
    const external = await (await office.as(CAMPUS)).post('/office/api/sessions', {
      courseId: 'cyber-fondamentaux',
      mode: 'e-learning',
      online: true,
      slots: [{ start: '2031-02-03T09:00', end: '2031-02-03T10:00' }],
    });
    assert.equal(external.status, 422, 'no session for a course enrolled elsewhere');
  });

  it('keeps a place’s region (ISO 3166-2): set, kept when the same city comes back without it, dropped with another city', async () => {
    const office = await makeOffice();
    const partner = await office.as(ATN);
    const patch = async (location: Record<string, unknown>) => {
      const { version } = await (await partner.get('/office/api/sessions/qc-1')).json();
      return partner.send('PATCH', '/office/api/sessions/qc-1', { version, location });
    };
    const shownRegion = async () => (await json(get(office.app, '/api/v1/courses/atelier-quebec/sessions'))).items.find((s: { id: string }) => s.id === 'qc-1').location.region;
    const set = await patch({ name: 'ATN', city: 'Québec', region: 'ca-qc', country: 'CA' });
    assert.equal(set.status, 200);
    assert.equal((await set.json()).location.region, 'CA-QC');
    assert.equal(await shownRegion(), 'CA-QC', 'the public API filters on it at once');
    assert.equal((await patch({ name: 'Autre salle', city: 'QUÉBEC', country: 'CA' })).status, 200);
    assert.equal(await shownRegion(), 'CA-QC', 'an office page that does not know regions keeps it');
    assert.equal((await patch({ name: 'ATN', city: 'Montréal', country: 'CA' })).status, 200);
    assert.equal(await shownRegion(), undefined, 'another city: the old region would be wrong');
    const bad = await patch({ name: 'ATN', city: 'Québec', region: 'Québec' });
    assert.equal(bad.status, 422);
    assert.deepEqual((await bad.json()).errors.map((e: { field: string }) => e.field), ['location.region']);
  });

  it('edits a session (audited field names), refuses a capacity below the seats held, and keeps it from the seed', async () => {
    const office = await makeOffice();
    const r1 = await sendRequest(office, { courseId: 'atelier-quebec', sessionId: 'qc-1', email: 'a@example.gouv.fr' });
    await sendRequest(office, { courseId: 'atelier-quebec', sessionId: 'qc-1', email: 'b@example.gouv.fr' });
    const partner = await office.as(ATN);
    const before = await (await partner.get('/office/api/sessions/qc-1')).json();
    assert.equal(before.seatsHeld, 2);
    const below = await partner.send('PATCH', '/office/api/sessions/qc-1', { version: before.version, capacity: 1 });
    assert.equal(below.status, 422);
    assert.match((await below.json()).detail, /2 places déjà prises/);
    const edited = await partner.send('PATCH', '/office/api/sessions/qc-1', {
      version: before.version,
      capacity: 2,
      online: true,
      location: null,
      registrationOpens: '2026-01-01T09:00',
    });
    assert.equal(edited.status, 200);
    const after = await edited.json();
    assert.equal(after.capacity, 2);
    assert.equal(after.seatsLeft, 0);
    assert.equal(after.location, null);
    assert.deepEqual(after.history.at(-1).fields, ['capacity', 'location', 'online', 'registrationOpens']);
    const stale = await partner.send('PATCH', '/office/api/sessions/qc-1', { version: before.version, capacity: 5 });
    assert.equal(stale.status, 409);
    assert.equal((await stale.json()).current.capacity, 2);
    const shown = (await json(get(office.app, '/api/v1/courses/atelier-quebec/sessions'))).items.find((s: { id: string }) => s.id === 'qc-1');
    assert.equal(shown.seatsLeft, 0);
    assert.equal(shown.status, 'full');
    assert.equal(shown.online, true);
    // A new request now waits.
    const late = await sendRequest(office, { courseId: 'atelier-quebec', sessionId: 'qc-1', email: 'c@example.gouv.fr' });
    assert.equal(late.status, 'waitlisted');
    // The seed runs again: the edited session stays as the office left it.
    await importCatalogue(office.service.database, officeFixture());
    const kept = await office.service.database.db.selectFrom('sessions').selectAll().where('id', '=', 'qc-1').executeTakeFirstOrThrow();
    assert.equal(kept.capacity, 2);
    assert.ok(kept.office_edited_at);
    // More room: the waiting person gets the seat (automatic promotion is on).
    await partner.send('PATCH', '/office/api/sessions/qc-1', { version: after.version, capacity: 3 });
    const promoted = await office.service.database.db.selectFrom('enrolments').select('status').where('reference', '=', late.reference).executeTakeFirstOrThrow();
    assert.equal(promoted.status, 'submitted');
    assert.ok(r1);
  });

  it('sends the agents holding a seat the new dates or place, with an updated invitation; a capacity change is not sent', async () => {
    const office = await makeOffice();
    const held = await sendRequest(office, { courseId: 'atelier-quebec', sessionId: 'qc-1', email: 'a@example.gouv.fr' });
    const refused = await sendRequest(office, { courseId: 'atelier-quebec', sessionId: 'qc-1', email: 'b@example.gouv.fr' });
    const partner = await office.as(ATN);
    assert.equal((await partner.post(`/office/api/requests/${held.id}/actions`, { action: 'accept', version: 2 })).status, 200);
    assert.equal((await partner.post(`/office/api/requests/${refused.id}/actions`, { action: 'refuse', version: 2, reason: 'Public non prioritaire.' })).status, 200);
    const changes = () =>
      office.service.database.db.selectFrom('outbox').select(['recipient', 'calendar', 'text']).where('kind', '=', 'session_changed').orderBy('id').execute();
    let session = await (await partner.get('/office/api/sessions/qc-1')).json();
    const more = await partner.send('PATCH', '/office/api/sessions/qc-1', { version: session.version, capacity: session.capacity + 4 });
    assert.equal(more.status, 200);
    assert.deepEqual(await changes(), [], 'a capacity change does not concern the agents');
    session = await more.json();
    const moved = await partner.send('PATCH', '/office/api/sessions/qc-1', {
      version: session.version,
      slots: [{ start: '2031-03-10T13:30', end: '2031-03-10T17:00' }],
    });
    assert.equal(moved.status, 200);
    const after = await moved.json();
    const sent = await changes();
    assert.deepEqual(sent.map((m) => m.recipient), ['a@example.gouv.fr'], 'the refused agent is not written to');
    assert.match(sent[0].text, /2031/);
    assert.ok(sent[0].calendar, 'the agent had the invitation: its update comes with the message');
    assert.match(sent[0].calendar!, new RegExp(`SEQUENCE:${after.version}\\r\\n`));
    assert.match(sent[0].calendar!, /DTSTART:20310310T173000Z/, '13:30 in Montréal, daylight time begun on the 9th');
  });

  it('cancels a session with a message given to every request in it', async () => {
    const office = await makeOffice();
    const r1 = await sendRequest(office, { courseId: 'atelier-quebec', sessionId: 'qc-1', email: 'a@example.gouv.fr' });
    const r2 = await sendRequest(office, { courseId: 'atelier-quebec', sessionId: 'qc-1', email: 'b@example.gouv.fr' });
    const partner = await office.as(ATN);
    await partner.post(`/office/api/requests/${r1.id}/actions`, { action: 'accept', version: 2 });
    const session = await (await partner.get('/office/api/sessions/qc-1')).json();
    assert.equal((await partner.post('/office/api/sessions/qc-1/cancel', { version: session.version })).status, 422, 'the message is required');
    const cancelled = await partner.post('/office/api/sessions/qc-1/cancel', { version: session.version, message: 'La formatrice est souffrante : la session est reportée à l’automne.' });
    assert.equal(cancelled.status, 200);
    const rows = await office.service.database.db.selectFrom('enrolments').select(['status', 'reason', 'cancelled_by']).where('id', 'in', [r1.id, r2.id]).execute();
    assert.deepEqual(rows.map((r) => [r.status, r.cancelled_by, r.reason]), [
      ['cancelled', 'campus', 'La formatrice est souffrante : la session est reportée à l’automne.'],
      ['cancelled', 'campus', 'La formatrice est souffrante : la session est reportée à l’automne.'],
    ]);
    const publicSessions = await json(get(office.app, '/api/v1/courses/atelier-quebec/sessions'));
    assert.equal(publicSessions.items.find((s: { id: string }) => s.id === 'qc-1')?.status ?? 'cancelled', 'cancelled');
    assert.equal((await partner.send('PATCH', '/office/api/sessions/qc-1', { version: session.version + 1, capacity: 9 })).status, 422);
  });

  it('exports participants as CSV with formulas neutralised, and the attendance sheet, both audited', async () => {
    const office = await makeOffice();
    const r1 = await sendRequest(office, { courseId: 'atelier-quebec', sessionId: 'qc-1', givenName: '=HYPERLINK("http://x")', familyName: '+Dupont', organisation: '@SUM(A1)', email: 'a@example.gouv.fr' });
    await sendRequest(office, { courseId: 'atelier-quebec', sessionId: 'qc-1', givenName: 'Basile', familyName: 'Zola', organisation: 'Mairie; de "Lyon"', email: 'b@example.gouv.fr' });
    const partner = await office.as(ATN);
    await partner.post(`/office/api/requests/${r1.id}/actions`, { action: 'accept', version: 2 });
    const csv = await partner.get('/office/api/sessions/qc-1/participants.csv');
    assert.equal(csv.status, 200);
    assert.match(csv.headers.get('Content-Type') ?? '', /^text\/csv/);
    assert.match(csv.headers.get('Content-Disposition') ?? '', /attachment; filename="participants-qc-1.csv"/);
    assert.equal(csv.headers.get('Cache-Control'), 'no-store');
    const text = await csv.text();
    const lines = text.replace(/^\uFEFF/, '').split('\r\n');
    assert.equal(lines[0], 'Référence;Nom;Prénom;Courriel;Administration;Fonction;Statut;Accord du responsable;Besoins d’aménagement;Reçue le');
    assert.match(lines[1], /^CNP-\d{4}-\w+;'\+Dupont;"'=HYPERLINK\(""http:\/\/x""\)";a@example\.gouv\.fr;'@SUM\(A1\);;Acceptée;;;/);
    assert.match(lines[2], /;Zola;Basile;b@example\.gouv\.fr;"Mairie; de ""Lyon""";;Reçue;/);

    const sheet = await (await partner.get('/office/api/sessions/qc-1/attendance-sheet')).json();
    assert.equal(sheet.session.courseTitle, 'Atelier France–Québec');
    assert.equal(sheet.session.organiser, 'Académie de la transformation numérique');
    assert.deepEqual(
      sheet.participants.map((p: { familyName: string }) => p.familyName),
      ['+Dupont'],
      'accepted participants only',
    );
    assert.deepEqual(
      sheet.halfDays.map((d: { key: string }) => d.key),
      ['2030-03-10-am'],
    );
    const exports = await office.service.database.db.selectFrom('audit_log').selectAll().where('entity', '=', 'session').where('action', '=', 'exported').orderBy('id').execute();
    assert.deepEqual(
      exports.map((e) => JSON.parse(e.fields!)),
      [['participants.csv'], ['attendance-sheet']],
    );
    assert.ok(exports.every((e) => e.actor_kind === 'staff' && e.actor_id));
  });

  it('records attendance for the participants of a session at once, each with its version', async () => {
    let now = Date.now();
    const office = await makeOffice({ now: () => new Date(now) });
    const r1 = await sendRequest(office, { courseId: 'atelier-quebec', sessionId: 'qc-1', email: 'a@example.gouv.fr' });
    const r2 = await sendRequest(office, { courseId: 'atelier-quebec', sessionId: 'qc-1', email: 'b@example.gouv.fr' });
    const early = await office.as(ATN);
    await early.post(`/office/api/requests/${r1.id}/actions`, { action: 'accept', version: 2 });
    await early.post(`/office/api/requests/${r2.id}/actions`, { action: 'accept', version: 2 });
    now = Date.parse('2030-03-11T12:00:00Z');
    const partner = await office.as(ATN);
    const response = await partner.send('PUT', '/office/api/sessions/qc-1/attendance', {
      entries: [
        { id: r1.id, version: 3, attendance: { '2030-03-10-am': 'present' } },
        { id: r2.id, version: 1, attendance: { '2030-03-10-am': 'absent' } },
      ],
    });
    const body = await response.json();
    assert.deepEqual(
      body.results.map((r: { outcome: string }) => r.outcome),
      ['done', 'conflict'],
    );
    assert.deepEqual(body.session.participants.find((p: { id: string }) => p.id === r1.id).attendance, { '2030-03-10-am': 'present' });
  });
});
