/**
 * Requests in the office: the list's filters, search, sort, pages and counts;
 * one request with its history; accept, waiting list, refuse with a reason,
 * cancel, bulk actions, the manager's decision by hand, placing a course-level
 * request, attendance; conflicts (409 with the fresh state); the waiting list
 * promoted in order, never past the capacity, under concurrent staff actions.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bumpCatalogue } from '../../server/seed.js';
import { get, json } from './fixture.js';
import { ATN, CAMPUS, makeOffice, sendRequest, type TestOffice } from '../support/oidc-office.js';

/** Gives a session `capacity` seats and none reserved. */
async function seats(office: TestOffice, sessionId: string, capacity: number, autoPromote = true) {
  await office.service.database.transaction(async (tx) => {
    await tx.updateTable('sessions').set({ capacity, seats_reserved: 0, status: 'open', auto_promote: autoPromote ? 1 : 0 }).where('id', '=', sessionId).execute();
    await bumpCatalogue(tx, new Date().toISOString());
  });
  await office.service.catalogue.refresh();
}

const seatsLeft = async (office: TestOffice, courseId: string, sessionId: string) => {
  const sessions = await json(get(office.app, `/api/v1/courses/${courseId}/sessions`));
  return sessions.items.find((s: { id: string }) => s.id === sessionId)?.seatsLeft;
};

const statusOf = async (office: TestOffice, id: string) =>
  (await office.service.database.db.selectFrom('enrolments').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status;

describe('the list of requests', () => {
  it('filters, searches, sorts, pages and counts per state, within the member’s scope', async () => {
    const office = await makeOffice();
    await seats(office, 'qc-1', 2);
    const a = await sendRequest(office, { courseId: 'atelier-quebec', sessionId: 'qc-1', givenName: 'Élodie', familyName: 'Zébulon', email: 'elodie@example.gouv.fr' });
    const b = await sendRequest(office, { courseId: 'atelier-quebec', sessionId: 'qc-1', givenName: 'Bruno', familyName: 'Abadie', email: 'bruno@example.gouv.fr' });
    const c = await sendRequest(office, { courseId: 'atelier-quebec', sessionId: 'qc-1', givenName: 'Chloé', familyName: 'Martin_100%', email: 'chloe@example.gouv.fr' });
    const d = await sendRequest(office, { courseId: 'matinee-ia', sessionId: 'ia-open', email: 'dora@example.gouv.fr' });
    const e = await sendRequest(office, { courseId: 'donnees-personnelles', sessionId: undefined, email: 'eve@example.gouv.fr' });
    assert.deepEqual([a.status, b.status, c.status], ['submitted', 'submitted', 'waitlisted']);
    const campus = await office.as(CAMPUS);
    const all = await (await campus.get('/office/api/requests')).json();
    assert.equal(all.total, 5);
    assert.equal(all.counts.submitted, 4);
    assert.equal(all.counts.waitlisted, 1);
    assert.deepEqual(all.items[0].id, e.id, 'newest first');
    const ids = (list: { items: { id: string }[] }) => list.items.map((i) => i.id);
    assert.deepEqual(ids(await (await campus.get('/office/api/requests?course=atelier-quebec&sort=name')).json()), [b.id, c.id, a.id]);
    assert.deepEqual(ids(await (await campus.get('/office/api/requests?status=waitlisted')).json()), [c.id]);
    const filtered = await (await campus.get('/office/api/requests?session=qc-1&status=submitted&status=waitlisted&sort=received_asc')).json();
    assert.deepEqual(ids(filtered), [a.id, b.id, c.id]);
    assert.equal(filtered.counts.waitlisted, 1, 'counts ignore the state filter');
    assert.deepEqual(ids(await (await campus.get('/office/api/requests?session=none')).json()), [e.id]);
    assert.deepEqual(ids(await (await campus.get('/office/api/requests?organisation=campus')).json()), [d.id]);
    assert.deepEqual(ids(await (await campus.get('/office/api/requests?q=zebulon')).json()), [], 'search is literal about accents');
    assert.deepEqual(ids(await (await campus.get('/office/api/requests?q=Z%C3%A9bulon')).json()), [a.id]);
    assert.deepEqual(ids(await (await campus.get('/office/api/requests?q=abadie%20bruno')).json()), [b.id]);
    assert.deepEqual(ids(await (await campus.get('/office/api/requests?q=100%25')).json()), [c.id], 'a % in the search is literal');
    assert.deepEqual(ids(await (await campus.get('/office/api/requests?q=_')).json()), [c.id], 'so is an underscore');
    assert.deepEqual(ids(await (await campus.get(`/office/api/requests?q=${d.reference.toLowerCase()}`)).json()), [d.id]);
    const today = new Date().toISOString().slice(0, 10);
    assert.equal((await (await campus.get(`/office/api/requests?from=${today}&to=${today}`)).json()).total, 5);
    assert.equal((await (await campus.get('/office/api/requests?to=2020-01-01')).json()).total, 0);
    const page2 = await (await campus.get('/office/api/requests?pageSize=2&page=2&sort=received_asc')).json();
    assert.deepEqual(ids(page2), [c.id, d.id]);
    assert.equal(page2.total, 5);
    const junk = await campus.get('/office/api/requests?status=bogus&sort=drop&page=-3&pageSize=9999');
    assert.equal(junk.status, 200, 'unknown filter values are ignored');

    const partner = await office.as(ATN);
    const own = await (await partner.get('/office/api/requests')).json();
    assert.deepEqual(own.items.map((i: { id: string }) => i.id).sort(), [a.id, b.id, c.id].sort());
    assert.equal(own.counts.submitted, 2);
    assert.deepEqual(ids(await (await partner.get('/office/api/requests?organisation=campus')).json()), [], 'a partner cannot widen its scope');
  });

  it('shows one request with its course, session, history and the actions it allows', async () => {
    const office = await makeOffice();
    const r = await sendRequest(office, { courseId: 'atelier-quebec', sessionId: 'qc-1', comment: 'Merci', accommodation: 'Accès de plain-pied' });
    const campus = await office.as(CAMPUS);
    const detail = await (await campus.get(`/office/api/requests/${r.id}`)).json();
    assert.equal(detail.reference, r.reference);
    assert.equal(detail.course.title, 'Atelier France–Québec');
    assert.equal(detail.session.id, 'qc-1');
    assert.equal(detail.accommodation, 'Accès de plain-pied');
    assert.deepEqual(detail.actions, ['accept', 'waitlist', 'refuse', 'cancel']);
    assert.deepEqual(
      detail.history.map((h: { action: string; to: string; actor: { kind: string } }) => [h.action, h.to, h.actor.kind]),
      [
        ['created', 'submitted', 'agent'],
        ['confirmed', null, 'agent'],
      ],
    );
    assert.equal((await campus.get('/office/api/requests/nope')).status, 404);
  });
});

describe('acting on a request', () => {
  it('accepts (the public seat count follows), refuses with a reason, cancels; the history says who', async () => {
    const office = await makeOffice();
    await seats(office, 'qc-1', 3);
    const r1 = await sendRequest(office, { courseId: 'atelier-quebec', sessionId: 'qc-1', email: 'a@example.gouv.fr' });
    const r2 = await sendRequest(office, { courseId: 'atelier-quebec', sessionId: 'qc-1', email: 'b@example.gouv.fr' });
    assert.equal(await seatsLeft(office, 'atelier-quebec', 'qc-1'), 1);
    const partner = await office.as(ATN);
    const accepted = await partner.post(`/office/api/requests/${r1.id}/actions`, { action: 'accept', version: 2 });
    assert.equal(accepted.status, 200);
    const after = await accepted.json();
    assert.equal(after.status, 'accepted');
    assert.equal(after.version, 3);
    assert.deepEqual(after.actions, ['cancel']);
    assert.equal(after.history.at(-1).actor.name, 'Alex Tremblay');

    const noReason = await partner.post(`/office/api/requests/${r2.id}/actions`, { action: 'refuse', version: 2 });
    assert.equal(noReason.status, 422, 'a refusal says why');
    const refused = await (await partner.post(`/office/api/requests/${r2.id}/actions`, { action: 'refuse', version: 2, reason: 'Session réservée aux agents québécois.' })).json();
    assert.equal(refused.status, 'refused');
    assert.equal(refused.reason, 'Session réservée aux agents québécois.');
    assert.equal(await seatsLeft(office, 'atelier-quebec', 'qc-1'), 2, 'the refused request freed its seat');
    const again = await partner.post(`/office/api/requests/${r2.id}/actions`, { action: 'accept', version: 3 });
    assert.equal(again.status, 422, 'a refused request stays refused');
    const cancelled = await (await partner.post(`/office/api/requests/${r1.id}/actions`, { action: 'cancel', version: 3 })).json();
    assert.equal(cancelled.status, 'cancelled');
    assert.equal(cancelled.cancelledBy, 'campus');
    const entries = await office.service.database.db.selectFrom('audit_log').selectAll().where('entity_id', '=', r1.id).orderBy('id').execute();
    assert.deepEqual(
      entries.map((e) => [e.action, e.to_state, e.actor_kind]),
      [
        ['created', 'submitted', 'agent'],
        ['confirmed', null, 'agent'],
        ['transition', 'accepted', 'staff'],
        ['transition', 'cancelled', 'staff'],
      ],
    );
    const bad = await partner.post(`/office/api/requests/${r1.id}/actions`, { action: 'explode', version: 4, reason: 'x\u202e' });
    assert.equal(bad.status, 422);
    assert.deepEqual((await bad.json()).errors.map((e: { field: string }) => e.field).sort(), ['action', 'reason']);
  });

  it('processes confirmed requests only: an unconfirmed one may only be cancelled', async () => {
    const office = await makeOffice();
    const waiting = await sendRequest(office, { courseId: 'atelier-quebec', sessionId: 'qc-1' }, { confirm: false });
    const done = await sendRequest(office, { courseId: 'atelier-quebec', sessionId: 'qc-1', email: 'ok@example.gouv.fr' });
    const partner = await office.as(ATN);
    const detail = await (await partner.get(`/office/api/requests/${waiting.id}`)).json();
    assert.equal(detail.confirmedAt, null);
    assert.deepEqual(detail.actions, ['cancel']);
    const refused = await partner.post(`/office/api/requests/${waiting.id}/actions`, { action: 'accept', version: 1 });
    assert.equal(refused.status, 422);
    assert.match((await refused.json()).detail, /pas encore confirmé/);
    const ids = async (q: string) => ((await (await partner.get(`/office/api/requests?${q}`)).json()).items as { id: string }[]).map((i) => i.id);
    assert.deepEqual(await ids('confirmed=no'), [waiting.id]);
    assert.deepEqual(await ids('confirmed=yes'), [done.id]);
    assert.equal((await partner.post(`/office/api/requests/${waiting.id}/actions`, { action: 'cancel', version: 1, reason: 'Doublon' })).status, 200);
  });

  it('answers a second staff member acting on what they read with 409 and the fresh state', async () => {
    const office = await makeOffice();
    const r = await sendRequest(office, { courseId: 'atelier-quebec', sessionId: 'qc-1' });
    const first = await office.as(CAMPUS);
    const second = await office.as(ATN);
    const seenByBoth = (await (await second.get(`/office/api/requests/${r.id}`)).json()).version;
    assert.equal((await first.post(`/office/api/requests/${r.id}/actions`, { action: 'accept', version: seenByBoth })).status, 200);
    const late = await second.post(`/office/api/requests/${r.id}/actions`, { action: 'refuse', version: seenByBoth, reason: 'Complet' });
    assert.equal(late.status, 409);
    const problem = await late.json();
    assert.match(problem.detail, /modifié/);
    assert.equal(problem.current.status, 'accepted');
    assert.equal(problem.current.version, seenByBoth + 1);
    assert.equal(await statusOf(office, r.id), 'accepted', 'no silent overwrite');
  });

  it('applies a bulk action request by request, and promotes freed seats once, in order', async () => {
    const office = await makeOffice();
    await seats(office, 'qc-1', 2);
    const held = [
      await sendRequest(office, { courseId: 'atelier-quebec', sessionId: 'qc-1', email: 'h1@example.gouv.fr' }),
      await sendRequest(office, { courseId: 'atelier-quebec', sessionId: 'qc-1', email: 'h2@example.gouv.fr' }),
    ];
    const waiting = [
      await sendRequest(office, { courseId: 'atelier-quebec', sessionId: 'qc-1', email: 'w1@example.gouv.fr' }),
      await sendRequest(office, { courseId: 'atelier-quebec', sessionId: 'qc-1', email: 'w2@example.gouv.fr' }),
      await sendRequest(office, { courseId: 'atelier-quebec', sessionId: 'qc-1', email: 'w3@example.gouv.fr' }),
    ];
    assert.deepEqual(waiting.map((w) => w.status), ['waitlisted', 'waitlisted', 'waitlisted']);
    const partner = await office.as(ATN);
    const response = await partner.post('/office/api/requests/bulk', {
      action: 'cancel',
      reason: 'Doublon',
      items: [
        { id: held[0].id, version: 2 },
        { id: held[1].id, version: 7 },
        { id: waiting[1].id, version: 2 },
        { id: 'unknown', version: 1 },
      ],
    });
    assert.equal(response.status, 200);
    const { results } = await response.json();
    assert.deepEqual(
      results.map((r: { outcome: string }) => r.outcome),
      ['done', 'conflict', 'done', 'not_found'],
    );
    // One seat freed: the first waiting person not in the selection takes it.
    assert.equal(await statusOf(office, waiting[0].id), 'submitted');
    assert.equal(await statusOf(office, waiting[1].id), 'cancelled');
    assert.equal(await statusOf(office, waiting[2].id), 'waitlisted');
    assert.equal(await statusOf(office, held[1].id), 'submitted');
    assert.equal((await partner.post('/office/api/requests/bulk', { action: 'cancel', items: [] })).status, 422);
  });

  it('records the manager’s decision by hand: given moves on, declined refuses', async () => {
    const office = await makeOffice();
    const r1 = await sendRequest(office, { courseId: 'piloter-donnee', sessionId: 'data-1', managerEmail: 'chef@example.gouv.fr', email: 'p1@example.gouv.fr' });
    const r2 = await sendRequest(office, { courseId: 'piloter-donnee', sessionId: 'data-1', managerEmail: 'chef@example.gouv.fr', email: 'p2@example.gouv.fr' });
    assert.equal(r1.status, 'pending_manager');
    const campus = await office.as(CAMPUS);
    const detail = await (await campus.get(`/office/api/requests/${r1.id}`)).json();
    assert.equal(detail.canRecordManagerDecision, true);
    const given = await (await campus.post(`/office/api/requests/${r1.id}/manager-decision`, { decision: 'given', version: 2 })).json();
    assert.equal(given.status, 'submitted');
    assert.equal(given.managerDecision, 'recorded_by_staff');
    assert.equal(given.canRecordManagerDecision, false);
    const declined = await (await campus.post(`/office/api/requests/${r2.id}/manager-decision`, { decision: 'declined', version: 2, reason: 'Pas cette année' })).json();
    assert.equal(declined.status, 'refused');
    assert.equal(declined.managerDecision, 'declined');
    const plain = await sendRequest(office, { courseId: 'atelier-quebec', sessionId: 'qc-1' });
    assert.equal((await campus.post(`/office/api/requests/${plain.id}/manager-decision`, { decision: 'given', version: 2 })).status, 422, 'no approval to record');
  });

  it('places a course-level request into a session, on the waiting list when it is full', async () => {
    const office = await makeOffice();
    await seats(office, 'qc-1', 1);
    const free = await sendRequest(office, { courseId: 'atelier-quebec', sessionId: undefined, email: 'f@example.gouv.fr' });
    const late = await sendRequest(office, { courseId: 'atelier-quebec', sessionId: undefined, email: 'l@example.gouv.fr' });
    const partner = await office.as(ATN);
    const detail = await (await partner.get(`/office/api/requests/${free.id}`)).json();
    assert.deepEqual(
      detail.placeable.map((s: { id: string }) => s.id),
      ['qc-1'],
    );
    const placed = await (await partner.post(`/office/api/requests/${free.id}/place`, { sessionId: 'qc-1', version: 2 })).json();
    assert.equal(placed.sessionId, 'qc-1');
    assert.equal(placed.status, 'submitted');
    const waiting = await (await partner.post(`/office/api/requests/${late.id}/place`, { sessionId: 'qc-1', version: 2 })).json();
    assert.equal(waiting.status, 'waitlisted');
    assert.equal(await seatsLeft(office, 'atelier-quebec', 'qc-1'), 0);
    assert.equal((await partner.post(`/office/api/requests/${free.id}/place`, { sessionId: 'qc-1', version: 4 })).status, 422, 'already in a session');
    const other = await sendRequest(office, { courseId: 'atelier-quebec', sessionId: undefined, email: 'o@example.gouv.fr' });
    const wrong = await partner.post(`/office/api/requests/${other.id}/place`, { sessionId: 'ia-open', version: 2 });
    assert.equal(wrong.status, 422, 'a session of another course');
    // The same person already has a request in that session.
    const twin = await sendRequest(office, { courseId: 'atelier-quebec', sessionId: undefined, email: 'F@example.gouv.fr' });
    await office.service.database.db.updateTable('enrolments').set({ dedupe_key: 'twin-course-level' }).where('id', '=', twin.id).execute();
    const refused = await partner.post(`/office/api/requests/${twin.id}/place`, { sessionId: 'qc-1', version: 2 });
    assert.equal(refused.status, 409);
    assert.match((await refused.json()).detail, /déjà une demande/);
  });

  it('records attendance per half-day once it has started, for accepted requests only', async () => {
    let now = Date.now();
    const office = await makeOffice({ now: () => new Date(now) });
    const r = await sendRequest(office, { courseId: 'atelier-quebec', sessionId: 'qc-1' });
    const other = await sendRequest(office, { courseId: 'atelier-quebec', sessionId: 'qc-1', email: 'x@example.gouv.fr' });
    const partner = await office.as(ATN);
    await partner.post(`/office/api/requests/${r.id}/actions`, { action: 'accept', version: 2 });
    const detail = await (await partner.get(`/office/api/requests/${r.id}`)).json();
    const [day] = detail.halfDays;
    assert.deepEqual(
      detail.halfDays.map((d: { key: string }) => d.key),
      ['2030-03-10-am'],
      'the session’s morning in Montréal',
    );
    const early = await partner.send('PUT', `/office/api/requests/${r.id}/attendance`, { version: 3, attendance: { [day.key]: 'present' } });
    assert.equal(early.status, 422);
    assert.match(JSON.stringify(await early.json()), /pas encore commencé/);
    now = Date.parse('2030-03-10T15:00:00Z');
    // Years later: the earlier office session has long ended.
    assert.equal((await partner.get('/office/api/me')).status, 401);
    const later = await office.as(ATN);
    const marked = await (await later.send('PUT', `/office/api/requests/${r.id}/attendance`, { version: 3, attendance: { [day.key]: 'present' } })).json();
    assert.deepEqual(marked.attendance, { [day.key]: 'present' });
    assert.equal((await later.send('PUT', `/office/api/requests/${r.id}/attendance`, { version: 4, attendance: { '2030-03-11-am': 'present' } })).status, 422);
    assert.equal((await later.send('PUT', `/office/api/requests/${r.id}/attendance`, { version: 4, attendance: { [day.key]: 'late' } })).status, 422);
    assert.equal((await later.send('PUT', `/office/api/requests/${r.id}/attendance`, { version: 3, attendance: { [day.key]: 'absent' } })).status, 409);
    assert.equal((await later.send('PUT', `/office/api/requests/${other.id}/attendance`, { version: 1, attendance: { [day.key]: 'present' } })).status, 422, 'not accepted');
    const entry = await office.service.database.db.selectFrom('audit_log').selectAll().where('entity_id', '=', r.id).where('action', '=', 'attendance').executeTakeFirstOrThrow();
    assert.deepEqual(JSON.parse(entry.fields!), ['attendance']);
  });
});

describe('the waiting list', () => {
  it('promotes in order, by the button and automatically, and never past the capacity under concurrent staff actions', async () => {
    const office = await makeOffice();
    await seats(office, 'qc-1', 1, false);
    const first = await sendRequest(office, { courseId: 'atelier-quebec', sessionId: 'qc-1', email: 'seat@example.gouv.fr' });
    const waiting: { id: string }[] = [];
    for (let i = 0; i < 4; i++) waiting.push(await sendRequest(office, { courseId: 'atelier-quebec', sessionId: 'qc-1', email: `w${i}@example.gouv.fr` }));
    const a = await office.as(CAMPUS);
    const b = await office.as(ATN);
    const session = await (await a.get('/office/api/sessions/qc-1')).json();
    assert.deepEqual(
      session.waiting.map((w: { id: string }) => w.id),
      waiting.map((w) => w.id),
      'the waiting list in the order people came',
    );
    assert.equal((await a.post('/office/api/sessions/qc-1/promote', {})).status, 409, 'no seat free');

    // Two seats more; two staff members accept every waiting person at once: only two get in.
    await a.send('PATCH', '/office/api/sessions/qc-1', { version: session.version, capacity: 3 });
    const attempts = await Promise.all(
      [a, b].flatMap((staff) => waiting.map((w) => staff.post(`/office/api/requests/${w.id}/actions`, { action: 'accept', version: 2 }))),
    );
    const statuses = attempts.map((r) => r.status);
    assert.equal(statuses.filter((s) => s === 200).length, 2, `two accepted: ${statuses}`);
    assert.ok(statuses.every((s) => s === 200 || s === 409), `the others are conflicts: ${statuses}`);
    const held = await office.service.storage.seatsHeld(['qc-1']);
    assert.equal(held.get('qc-1'), 3, 'never past the capacity');

    // The button gives a freed seat to the first person still waiting.
    const still: string[] = [];
    for (const w of waiting) if ((await statusOf(office, w.id)) === 'waitlisted') still.push(w.id);
    assert.equal(still.length, 2);
    await a.post(`/office/api/requests/${first.id}/actions`, { action: 'cancel', version: 2 });
    assert.equal(await statusOf(office, still[0]), 'waitlisted', 'automatic promotion is off for this session');
    const promoted = await (await a.post('/office/api/sessions/qc-1/promote', {})).json();
    assert.deepEqual(
      promoted.promoted.map((p: { id: string }) => p.id),
      [still[0]],
    );
    // Concurrent promotions with one seat: one person, the next in line.
    const detail = await (await a.get('/office/api/sessions/qc-1')).json();
    await a.send('PATCH', '/office/api/sessions/qc-1', { version: detail.version, capacity: 4, autoPromote: false });
    const clicks = await Promise.all([a, b, a, b].map((staff) => staff.post('/office/api/sessions/qc-1/promote', {})));
    assert.equal(clicks.filter((r) => r.status === 200).length, 1);
    assert.equal(await statusOf(office, still[1]), 'submitted');
    assert.equal((await office.service.storage.seatsHeld(['qc-1'])).get('qc-1'), 4);
  });

  it('fills a freed seat at once when the session promotes automatically', async () => {
    const office = await makeOffice();
    await seats(office, 'qc-1', 1, true);
    const seat = await sendRequest(office, { courseId: 'atelier-quebec', sessionId: 'qc-1', email: 'seat@example.gouv.fr' });
    const w1 = await sendRequest(office, { courseId: 'atelier-quebec', sessionId: 'qc-1', email: 'w1@example.gouv.fr' });
    const w2 = await sendRequest(office, { courseId: 'atelier-quebec', sessionId: 'qc-1', email: 'w2@example.gouv.fr' });
    const staff = await office.as(ATN);
    await staff.post(`/office/api/requests/${seat.id}/actions`, { action: 'refuse', version: 2, reason: 'Hors public' });
    assert.equal(await statusOf(office, w1.id), 'submitted');
    assert.equal(await statusOf(office, w2.id), 'waitlisted');
    const history = await office.service.database.db.selectFrom('audit_log').selectAll().where('entity_id', '=', w1.id).where('action', '=', 'transition').executeTakeFirstOrThrow();
    assert.equal(history.actor_kind, 'system');
  });
});
