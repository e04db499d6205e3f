/**
 * The campus's own pages: trainer applications (filters, review state,
 * notes, 409, CSV), the team (organisation grants, audited), the
 * organisations' notification addresses (never in the public API), a person's
 * rights, and the audit log (append-only, exportable, audited).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sql } from 'kysely';
import { get, json, post, trainerApplication } from './fixture.js';
import { ATN, CAMPUS, makeOffice, sendRequest } from '../support/oidc-office.js';
import { OfficeBrowser, signIn } from '../support/oidc-signin.js';

describe('trainer applications', () => {
  it('filters by skill, expertise, intent, region or online, availability, state and search', async () => {
    const office = await makeOffice();
    const send = (overrides: Record<string, unknown>) => post(office.app, '/api/v1/trainer-applications', trainerApplication(overrides));
    assert.equal((await send({ email: 'a@example.gouv.fr', familyName: 'Arnaud', skills: ['coaching-produit'], remote: true, places: 'Lyon, Grenoble', availability: 'Le mardi' })).status, 201);
    assert.equal((await send({ email: 'b@example.gouv.fr', familyName: 'Bastien', skills: ['cybersecurite', 'ia'], intent: 'list', remote: false, places: 'Île-de-France', availability: 'Deux jours par mois',
      training: { title: 'Hygiène numérique', summary: 'Les bases.', modes: ['presentiel'], duration: '1 jour', audienceIds: ['agents'] } })).status, 201);
    assert.equal((await send({ email: 'c@example.gouv.fr', familyName: 'Colin', skills: ['data'], remote: true, places: 'Marseille', availability: 'Le week-end' })).status, 201);
    const campus = await office.as(CAMPUS);
    const names = async (q: string) => ((await (await campus.get(`/office/api/applications${q}`)).json()).items as { familyName: string }[]).map((a) => a.familyName).sort();
    assert.deepEqual(await names(''), ['Arnaud', 'Bastien', 'Colin']);
    assert.deepEqual(await names('?skill=coaching-produit'), ['Arnaud']);
    assert.deepEqual(await names('?expertise=cybersecurite'), ['Bastien']);
    assert.deepEqual(await names('?skill=cybersecurite'), [], 'an expertise is not a trainer skill');
    assert.deepEqual(await names('?intent=list'), ['Bastien']);
    assert.deepEqual(await names('?online=yes'), ['Arnaud', 'Colin']);
    assert.deepEqual(await names('?online=no'), ['Bastien']);
    assert.deepEqual(await names('?region=ile-de-france'), ['Bastien'], 'accents and case ignored');
    assert.deepEqual(await names('?availability=mardi'), ['Arnaud']);
    assert.deepEqual(await names('?q=colin'), ['Colin']);
    assert.deepEqual(await names('?reviewState=new'), ['Arnaud', 'Bastien', 'Colin']);
    const counts = (await (await campus.get('/office/api/applications')).json()).counts;
    assert.equal(counts.new, 3);
  });

  it('keeps a review state and notes with conflicts detected, audited without their values, and exports CSV', async () => {
    const office = await makeOffice();
    assert.equal((await post(office.app, '/api/v1/trainer-applications', trainerApplication({ familyName: '=cmd|calc' }))).status, 201);
    const campus = await office.as(CAMPUS);
    const [item] = (await (await campus.get('/office/api/applications')).json()).items;
    assert.equal(item.status, 'agent-public', 'the applicant’s own status is kept apart');
    const reviewed = await campus.send('PATCH', `/office/api/applications/${item.id}`, { version: 1, reviewState: 'contacted', notes: 'Appelé le 3 ; rappeler en janvier.' });
    assert.equal(reviewed.status, 200);
    const after = await reviewed.json();
    assert.equal(after.reviewState, 'contacted');
    assert.equal(after.notes, 'Appelé le 3 ; rappeler en janvier.');
    assert.deepEqual(after.history.at(-1).fields.sort(), ['notes', 'review_state']);
    const entries = await office.service.database.db.selectFrom('audit_log').selectAll().where('entity_id', '=', item.id).execute();
    assert.ok(!JSON.stringify(entries).includes('rappeler'), 'the audit log keeps field names, never values');
    const stale = await campus.send('PATCH', `/office/api/applications/${item.id}`, { version: 1, reviewState: 'declined' });
    assert.equal(stale.status, 409);
    assert.equal((await stale.json()).current.reviewState, 'contacted');
    assert.equal((await campus.send('PATCH', `/office/api/applications/${item.id}`, { version: 2, reviewState: 'hired' })).status, 422);
    const csv = await campus.get('/office/api/applications.csv?reviewState=contacted');
    assert.equal(csv.status, 200);
    const text = await csv.text();
    assert.match(text, /;'=cmd\|calc;Dominique;/);
    assert.match(text, /;Contactée;/);
    const exported = await office.service.database.db.selectFrom('audit_log').selectAll().where('action', '=', 'exported').executeTakeFirstOrThrow();
    assert.deepEqual(JSON.parse(exported.fields!), ['applications.csv', 'reviewState']);
  });
  it('tells the applicant the decision, once per decision, never for a note or a contact', async () => {
    const office = await makeOffice();
    assert.equal((await post(office.app, '/api/v1/trainer-applications', trainerApplication({ email: 'dominique@example.gouv.fr' }))).status, 201);
    const campus = await office.as(CAMPUS);
    const [item] = (await (await campus.get('/office/api/applications')).json()).items;
    const kinds = async () =>
      (await office.service.database.db.selectFrom('outbox').select(['kind', 'recipient']).where('application_id', '=', item.id).orderBy('created_at').orderBy('id').execute()).map((m) => `${m.kind} ${m.recipient}`);
    assert.deepEqual(await kinds(), ['trainer_receipt dominique@example.gouv.fr']);
    let version = 1;
    const review = async (change: Record<string, unknown>) => {
      const res = await campus.send('PATCH', `/office/api/applications/${item.id}`, { version, ...change });
      assert.equal(res.status, 200);
      version = (await res.json()).version;
    };
    await review({ reviewState: 'contacted', notes: 'Appelée le 3.' });
    await review({ notes: 'Rappeler en janvier.' });
    assert.equal((await kinds()).length, 1, 'neither a contact nor a note is sent');
    await review({ reviewState: 'accepted' });
    await review({ notes: 'Disponible au printemps.' });
    assert.deepEqual((await kinds()).slice(1), ['trainer_accepted dominique@example.gouv.fr']);
    await review({ reviewState: 'declined' });
    await review({ reviewState: 'accepted' });
    assert.deepEqual((await kinds()).slice(1), ['trainer_accepted dominique@example.gouv.fr', 'trainer_declined dominique@example.gouv.fr', 'trainer_accepted dominique@example.gouv.fr'], 'a changed decision is sent again');
  });
});

describe('the team', () => {
  it('lets the campus grant and remove organisation staff, audited, never a campus grant', async () => {
    const office = await makeOffice();
    const campus = await office.as(CAMPUS);
    const added = await campus.post('/office/api/staff', { email: 'Nouveau@ATN-Quebec.test', organisationId: 'atn-quebec' });
    assert.equal(added.status, 201);
    const row = await added.json();
    assert.equal(row.email, 'nouveau@atn-quebec.test');
    assert.equal(row.role, 'organisation');
    assert.equal((await campus.post('/office/api/staff', { email: 'nouveau@atn-quebec.test', organisationId: 'atn-quebec' })).status, 409);
    assert.equal((await campus.post('/office/api/staff', { email: 'x@y.fr', organisationId: 'nowhere' })).status, 422);
    assert.equal((await campus.post('/office/api/staff', { email: 'pas une adresse', organisationId: 'insp' })).status, 422);
    assert.equal((await campus.post('/office/api/staff', { email: 'boss@campus.test', organisationId: 'campus', role: 'campus' })).status, 201, 'the role sent is ignored');
    const list = (await (await campus.get('/office/api/staff')).json()).items as { email: string; role: string; id: string }[];
    assert.equal(list.find((s) => s.email === 'boss@campus.test')?.role, 'organisation');
    const me = list.find((s) => s.email === CAMPUS)!;
    assert.equal((await campus.send('DELETE', `/office/api/staff/${me.id}`)).status, 422, 'not oneself');
    const removed = await campus.send('DELETE', `/office/api/staff/${row.id}`);
    assert.equal(removed.status, 200);
    assert.equal((await campus.send('DELETE', `/office/api/staff/${row.id}`)).status, 404);
    const actions = (await office.service.database.db.selectFrom('audit_log').select('action').where('entity', '=', 'staff').where('entity_id', '=', row.id).execute()).map((r) => r.action);
    assert.deepEqual(actions, ['granted', 'removed']);
  });
});

describe('organisations', () => {
  it('keeps the notification addresses server-side: edited by the campus, never in the public API', async () => {
    const office = await makeOffice();
    const campus = await office.as(CAMPUS);
    const saved = await campus.send('PUT', '/office/api/organisations/atn-quebec/notification-emails', { emails: ['Inscriptions@ATN.test', 'inscriptions@atn.test', 'direction@atn.test'] });
    assert.equal(saved.status, 200);
    assert.deepEqual((await saved.json()).notificationEmails, ['inscriptions@atn.test', 'direction@atn.test']);
    assert.equal((await campus.send('PUT', '/office/api/organisations/atn-quebec/notification-emails', { emails: ['nope'] })).status, 422);
    assert.equal((await campus.send('PUT', '/office/api/organisations/nowhere/notification-emails', { emails: [] })).status, 404);
    const orgs = await (await campus.get('/office/api/organisations')).json();
    assert.deepEqual(orgs.items.find((o: { id: string }) => o.id === 'atn-quebec').notificationEmails, ['inscriptions@atn.test', 'direction@atn.test']);
    await office.service.catalogue.refresh();
    const publicOrgs = JSON.stringify(await json(get(office.app, '/api/v1/organisations')));
    assert.ok(!publicOrgs.includes('inscriptions@atn.test'), 'not in the public API');
    assert.ok(!/notification/i.test(publicOrgs));
    const partner = await office.as(ATN);
    assert.equal((await partner.send('PUT', '/office/api/organisations/atn-quebec/notification-emails', { emails: [] })).status, 403);
  });
});

describe('a person’s rights from the office', () => {
  it('exports, rectifies and erases, each audited with the staff member as actor', async () => {
    const office = await makeOffice();
    const r = await sendRequest(office, { courseId: 'atelier-quebec', sessionId: 'qc-1', email: 'camille.martin@example.gouv.fr' });
    const campus = await office.as(CAMPUS);
    const exported = await (await campus.post('/office/api/persons/export', { email: 'Camille.Martin@example.gouv.fr' })).json();
    assert.equal(exported.enrolments.length, 1);
    assert.equal(exported.enrolments[0].reference, r.reference);
    const rectified = await (await campus.post('/office/api/persons/rectify', { email: 'camille.martin@example.gouv.fr', field: 'jobTitle', value: 'Cheffe de projet' })).json();
    assert.equal(rectified.changed, 1);
    assert.equal((await campus.post('/office/api/persons/rectify', { email: 'camille.martin@example.gouv.fr', field: 'email', value: 'pas une adresse' })).status, 422);
    assert.equal((await campus.post('/office/api/persons/erase', { email: 'camille.martin@example.gouv.fr', confirm: 'autre@example.gouv.fr' })).status, 422, 'typed twice');
    const erased = await (await campus.post('/office/api/persons/erase', { email: 'camille.martin@example.gouv.fr', confirm: 'camille.martin@example.gouv.fr' })).json();
    assert.equal(erased.enrolments, 1);
    const staff = await office.service.database.db.selectFrom('office_staff').select('id').where('email', '=', CAMPUS).executeTakeFirstOrThrow();
    const entries = await office.service.database.db.selectFrom('audit_log').selectAll().where('entity_id', '=', r.id).where('action', 'in', ['exported', 'rectified', 'erased']).orderBy('id').execute();
    assert.deepEqual(
      entries.map((e) => [e.action, e.actor_kind, e.actor_id]),
      [
        ['exported', 'staff', staff.id],
        ['rectified', 'staff', staff.id],
        ['erased', 'staff', staff.id],
      ],
    );
    const detail = await (await campus.get(`/office/api/requests/${r.id}`)).json();
    assert.equal(detail.erased, true);
    assert.equal(detail.familyName, '[effacé]');
  });
});

describe('the audit log', () => {
  it('lists and exports every office action with who did it, and audits its own export', async () => {
    const office = await makeOffice();
    const r = await sendRequest(office, { courseId: 'atelier-quebec', sessionId: 'qc-1' });
    const partner = await office.as(ATN);
    await partner.post(`/office/api/requests/${r.id}/actions`, { action: 'accept', version: 2 });
    const campus = await office.as(CAMPUS);
    const log = await (await campus.get(`/office/api/audit?entity=enrolment&entityId=${r.id}`)).json();
    assert.deepEqual(
      log.items.map((e: { action: string; actor: { name: string | null } }) => [e.action, e.actor.name]),
      [
        ['transition', 'Alex Tremblay'],
        ['confirmed', null],
        ['created', null],
      ],
    );
    const signIns = await (await campus.get('/office/api/audit?action=signed_in')).json();
    assert.equal(signIns.total, 2);
    const bytes = new Uint8Array(await (await campus.get('/office/api/audit.csv?entity=enrolment')).arrayBuffer());
    const csv = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
    assert.match(csv, /^\uFEFFQuand;Qui \(type\);Qui;Objet;Identifiant;Action;De;Vers;Champs\r\n/);
    assert.match(csv, /;staff;Alex Tremblay;enrolment;[\w-]+;transition;submitted;accepted;status\r\n/);
    const own = await (await campus.get('/office/api/audit?entity=audit_log')).json();
    assert.deepEqual(own.items[0].fields, ['audit.csv', 'entity']);
  });

  it('cannot be rewritten', async () => {
    const office = await makeOffice();
    await sendRequest(office, { courseId: 'atelier-quebec', sessionId: 'qc-1' });
    await assert.rejects(sql`update audit_log set action = 'forged'`.execute(office.service.database.db), /append-only/);
  });

  it('records a refused sign-in and each sign-in and sign-out', async () => {
    const office = await makeOffice();
    const browser = new OfficeBrowser(office.app, office.origin);
    await signIn(browser, CAMPUS);
    await browser.me();
    await browser.post('/office/api/auth/logout');
    const actions = (await office.service.database.db.selectFrom('audit_log').select('action').where('entity', '=', 'staff').orderBy('id').execute()).map((r) => r.action);
    assert.deepEqual(actions.slice(-3), ['bound', 'signed_in', 'signed_out']);
  });
});
