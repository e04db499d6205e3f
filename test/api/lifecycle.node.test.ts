/**
 * The request lifecycle (server/lifecycle.ts), transition by transition: every
 * move of the table is allowed to exactly the actors it names and refused to
 * the others; seats, version conflicts, promotion from the waiting list in
 * order, and the audit entry of each change.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  confirmRequest,
  ENROLMENT_STATUSES,
  expireUnconfirmed,
  holdsSeat,
  isAllowed,
  promote,
  transition,
  TransitionError,
  TRANSITIONS,
  type ActorKind,
  type EnrolmentRow,
  type EnrolmentStatus,
} from '../../server/lifecycle.js';
import type { Service } from '../../server/service.js';
import type { Tx } from '../../server/storage/database.js';
import { enrolmentRow } from '../../server/storage/rows.js';
import type { EnrolmentRequest } from '../../src/api/schemas.js';
import { enrolment, json, makeApp, post } from './fixture.js';

const ACTORS: ActorKind[] = ['agent', 'staff', 'manager', 'system'];

let counter = 0;
/** A request written straight into the store in the given status. */
async function requestIn(service: Service, status: EnrolmentStatus, sessionId = 'ia-open', extra: Partial<EnrolmentRow> = {}): Promise<EnrolmentRow> {
  const at = new Date(Date.UTC(2026, 0, 1, 0, 0, counter++)).toISOString();
  const values = enrolmentRow(enrolment({ email: `p${counter}@example.gouv.fr`, sessionId }) as EnrolmentRequest, {
    reference: `CNP-2026-T${String(counter).padStart(5, '0')}`,
    status,
    managerDecision: null,
    at,
  });
  // Confirmed by its agent unless said otherwise: staff process confirmed requests only.
  const row = { ...values, confirmed_at: at, ...extra } as EnrolmentRow;
  await service.database.db.insertInto('enrolments').values(row).execute();
  return row;
}

/** Gives the session room, or none: capacity = seats held + `free`. */
async function setFreeSeats(service: Service, sessionId: string, free: number) {
  const held = (await service.storage.seatsHeld([sessionId])).get(sessionId) ?? 0;
  const { seats_reserved } = await service.database.db.selectFrom('sessions').select('seats_reserved').where('id', '=', sessionId).executeTakeFirstOrThrow();
  await service.database.db
    .updateTable('sessions')
    .set({ capacity: Number(seats_reserved) + held + free, status: 'open' })
    .where('id', '=', sessionId)
    .execute();
}

const run = <T>(service: Service, fn: (tx: Tx) => Promise<T>): Promise<T> => service.database.transaction(fn);

describe('the lifecycle table', () => {
  it('names every status, and only seat-holding ones hold a seat', () => {
    assert.deepEqual(Object.keys(TRANSITIONS).sort(), [...ENROLMENT_STATUSES].sort());
    assert.deepEqual(
      ENROLMENT_STATUSES.filter(holdsSeat),
      ['pending_manager', 'submitted', 'accepted'],
    );
  });

  it('allows each move to exactly the actors the table names, and refuses every other', async () => {
    const { service } = await makeApp();
    let allowed = 0;
    let refused = 0;
    for (const from of ENROLMENT_STATUSES) {
      for (const to of ENROLMENT_STATUSES) {
        if (from === to) continue;
        for (const actor of ACTORS) {
          await setFreeSeats(service, 'ia-open', 5);
          const request = await requestIn(service, from);
          const attempt = run(service, (tx) => transition(service.storage.lifecycle, tx, request, to, { kind: actor, id: actor === 'staff' ? 'staff-1' : undefined }));
          if (isAllowed(from, to, actor)) {
            const updated = await attempt;
            assert.equal(updated.status, to, `${from} → ${to} by ${actor}`);
            const stored = await service.database.db.selectFrom('enrolments').selectAll().where('id', '=', request.id).executeTakeFirstOrThrow();
            assert.equal(stored.status, to);
            assert.equal(Number(stored.version), 2);
            const entries = await service.database.db.selectFrom('audit_log').selectAll().where('entity_id', '=', request.id).execute();
            assert.deepEqual(
              entries.map((e) => [e.action, e.from_state, e.to_state, e.actor_kind]),
              [['transition', from, to, actor]],
              `one audit entry for ${from} → ${to}`,
            );
            if (to === 'cancelled') assert.equal(stored.cancelled_by, actor === 'staff' ? 'campus' : actor);
            allowed++;
          } else {
            await assert.rejects(attempt, (e: unknown) => e instanceof TransitionError && e.code === 'not_allowed', `${from} → ${to} by ${actor}`);
            const stored = await service.database.db.selectFrom('enrolments').select('status').where('id', '=', request.id).executeTakeFirstOrThrow();
            assert.equal(stored.status, from, 'a refused move changes nothing');
            refused++;
          }
        }
      }
    }
    assert.equal(allowed, 30, "the moves of the table in docs/architecture.md");
    assert.equal(allowed + refused, 6 * 5 * 4);
  });

  it('refuses a seat that is not there, and a request changed since it was read (conflict)', async () => {
    const { service } = await makeApp();
    await setFreeSeats(service, 'ia-open', 0);
    const waiting = await requestIn(service, 'waitlisted');
    await assert.rejects(
      run(service, (tx) => transition(service.storage.lifecycle, tx, waiting, 'submitted', { kind: 'staff', id: 's' })),
      (e: unknown) => e instanceof TransitionError && e.code === 'no_seat',
    );
    const submitted = await requestIn(service, 'submitted', 'ia-closed');
    await setFreeSeats(service, 'ia-closed', 1);
    await run(service, (tx) => transition(service.storage.lifecycle, tx, submitted, 'accepted', { kind: 'staff', id: 'a' }));
    // A second staff member acting on what they read before the first change.
    await assert.rejects(
      run(service, (tx) => transition(service.storage.lifecycle, tx, submitted, 'refused', { kind: 'staff', id: 'b' }, { reason: 'Complet' })),
      (e: unknown) => e instanceof TransitionError && e.code === 'conflict',
    );
    const stored = await service.database.db.selectFrom('enrolments').select(['status', 'reason']).where('id', '=', submitted.id).executeTakeFirstOrThrow();
    assert.deepEqual(stored, { status: 'accepted', reason: null });
  });

  it('promotes from the waiting list in order when a seat is freed, by the course rules', async () => {
    const { service } = await makeApp();
    const holder = await requestIn(service, 'accepted');
    await setFreeSeats(service, 'ia-open', 0);
    const first = await requestIn(service, 'waitlisted');
    const second = await requestIn(service, 'waitlisted');
    await run(service, (tx) => transition(service.storage.lifecycle, tx, holder, 'cancelled', { kind: 'agent' }));
    const statuses = await service.database.db.selectFrom('enrolments').select(['id', 'status']).where('id', 'in', [first.id, second.id]).execute();
    const byId = Object.fromEntries(statuses.map((s) => [s.id, s.status]));
    assert.equal(byId[first.id], 'submitted', 'the first waiting person gets the seat (staff accept this course)');
    assert.equal(byId[second.id], 'waitlisted');
    const promotion = await service.database.db.selectFrom('audit_log').selectAll().where('entity_id', '=', first.id).executeTakeFirstOrThrow();
    assert.deepEqual([promotion.actor_kind, promotion.from_state, promotion.to_state], ['system', 'waitlisted', 'submitted']);
  });

  it('leaves the waiting list alone when the session does not promote by itself; staff promote in order', async () => {
    const { service } = await makeApp();
    await service.database.db.updateTable('sessions').set({ auto_promote: 0 }).where('id', '=', 'ia-open').execute();
    const holder = await requestIn(service, 'submitted');
    await setFreeSeats(service, 'ia-open', 0);
    const first = await requestIn(service, 'waitlisted');
    const second = await requestIn(service, 'waitlisted');
    await run(service, (tx) => transition(service.storage.lifecycle, tx, holder, 'refused', { kind: 'staff', id: 's' }, { reason: 'Hors public' }));
    const before = await service.database.db.selectFrom('enrolments').select('status').where('id', '=', first.id).executeTakeFirstOrThrow();
    assert.equal(before.status, 'waitlisted');
    await setFreeSeats(service, 'ia-open', 1);
    const promoted = await run(service, (tx) => promote(service.storage.lifecycle, tx, 'ia-open', { kind: 'staff', id: 's' }));
    assert.deepEqual(promoted.map((p) => p.id), [first.id], 'one seat, the first in line');
    const after = await service.database.db.selectFrom('enrolments').select('status').where('id', '=', second.id).executeTakeFirstOrThrow();
    assert.equal(after.status, 'waitlisted');
  });

  it('sends a promoted request to the manager first when the course needs an approval not yet given', async () => {
    const { service } = await makeApp();
    const holder = await requestIn(service, 'submitted', 'data-1', { course_id: 'piloter-donnee', manager_decision: 'given' });
    await setFreeSeats(service, 'data-1', 0);
    const waiting = await requestIn(service, 'waitlisted', 'data-1', { course_id: 'piloter-donnee', manager_decision: 'requested' });
    const approved = await requestIn(service, 'waitlisted', 'data-1', { course_id: 'piloter-donnee', manager_decision: 'given' });
    await setFreeSeats(service, 'data-1', 1);
    // Two seats once the holder leaves: both waiting people get one, each by its own rule.
    await run(service, (tx) => transition(service.storage.lifecycle, tx, holder, 'cancelled', { kind: 'staff', id: 's' }));
    const rows = await service.database.db.selectFrom('enrolments').select(['id', 'status']).where('id', 'in', [waiting.id, approved.id]).execute();
    const byId = Object.fromEntries(rows.map((r) => [r.id, r.status]));
    assert.equal(byId[waiting.id], 'pending_manager');
    assert.equal(byId[approved.id], 'submitted');
  });

  it('accepts a request with a seat once its agent confirms it, when the course says so', async () => {
    const { service, app } = await makeApp();
    await service.database.db.updateTable('courses').set({ acceptance: 'auto' }).where('id', '=', 'matinee-ia').execute();
    await setFreeSeats(service, 'ia-open', 1);
    const first = await json(post(app, '/api/v1/enrolments', enrolment({ email: 'auto1@example.gouv.fr' })));
    const second = await json(post(app, '/api/v1/enrolments', enrolment({ email: 'auto2@example.gouv.fr' })));
    assert.equal(first.status, 'submitted', 'a seat, held until the agent confirms');
    assert.equal(second.status, 'waitlisted');
    const request = await service.database.db.selectFrom('enrolments').selectAll().where('reference', '=', first.reference).executeTakeFirstOrThrow();
    const confirmed = await run(service, (tx) => confirmRequest(service.storage.lifecycle, tx, request));
    assert.equal(confirmed.status, 'accepted');
    assert.ok(confirmed.confirmed_at);
    const again = await run(service, (tx) => confirmRequest(service.storage.lifecycle, tx, confirmed));
    assert.equal(again.version, confirmed.version, 'confirming twice changes nothing');
    const entries = await service.database.db.selectFrom('audit_log').select(['action', 'actor_kind', 'to_state']).where('entity_id', '=', request.id).orderBy('id').execute();
    assert.deepEqual(entries.map((e) => [e.action, e.actor_kind, e.to_state]), [
      ['created', 'agent', 'submitted'],
      ['confirmed', 'agent', null],
      ['transition', 'system', 'accepted'],
    ]);
  });

  it('lets staff process confirmed requests only; an unconfirmed one may only be cancelled', async () => {
    const { service } = await makeApp();
    await setFreeSeats(service, 'ia-open', 3);
    const unconfirmed = await requestIn(service, 'submitted', 'ia-open', { confirmed_at: null });
    for (const to of ['accepted', 'waitlisted', 'refused'] as const) {
      await assert.rejects(
        run(service, (tx) => transition(service.storage.lifecycle, tx, unconfirmed, to, { kind: 'staff', id: 's' })),
        (e: unknown) => e instanceof TransitionError && e.code === 'unconfirmed',
      );
    }
    const cancelled = await run(service, (tx) => transition(service.storage.lifecycle, tx, unconfirmed, 'cancelled', { kind: 'staff', id: 's' }));
    assert.equal(cancelled.status, 'cancelled');
  });

  it('expires a request not confirmed within 48 hours, and gives its seat to the next person', async () => {
    const { service } = await makeApp();
    const created = new Date();
    const holder = await requestIn(service, 'submitted', 'ia-open', { confirmed_at: null, created_at: created.toISOString() });
    await setFreeSeats(service, 'ia-open', 0);
    const waiting = await requestIn(service, 'waitlisted');
    let clock = new Date(created.getTime() + 47 * 3600 * 1000);
    const ctx = { ...service.storage.lifecycle, now: () => clock };
    assert.equal(await expireUnconfirmed(ctx, clock), 0);
    clock = new Date(created.getTime() + 49 * 3600 * 1000);
    assert.equal(await expireUnconfirmed(ctx, clock), 1);
    const rows = Object.fromEntries((await service.database.db.selectFrom('enrolments').select(['id', 'status', 'cancelled_by', 'reason']).where('id', 'in', [holder.id, waiting.id]).execute()).map((r) => [r.id, r]));
    assert.deepEqual([rows[holder.id].status, rows[holder.id].cancelled_by, rows[holder.id].reason], ['cancelled', 'system', 'unconfirmed']);
    assert.equal(rows[waiting.id].status, 'submitted', 'promoted');
  });
});
