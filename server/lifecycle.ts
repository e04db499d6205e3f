/**
 * The one lifecycle of an enrolment request. Nothing else changes a status:
 * creation, staff decisions, the manager's decision, cancellation, expiry and
 * promotion from the waiting list all go through `transition()` (or
 * `createEnrolment()` for the first state), which writes the new state, an
 * audit entry and the messages to send in one transaction.
 *
 * The table is in docs/architecture.md; tests walk it transition by transition.
 */
import { isFull } from '../src/api/sessions.js';
import type { Database, Tx } from './storage/database.js';
import type { EnrolmentsTable, SessionsTable } from './storage/schema.js';
import type { Acceptance } from './storage/types.js';
import type { Selectable } from 'kysely';

export const ENROLMENT_STATUSES = ['pending_manager', 'submitted', 'accepted', 'waitlisted', 'refused', 'cancelled'] as const;
export type EnrolmentStatus = (typeof ENROLMENT_STATUSES)[number];

/** These hold a seat of their session; the request past the last seat is waitlisted. */
export const SEAT_HOLDING: readonly EnrolmentStatus[] = ['pending_manager', 'submitted', 'accepted'];
export const holdsSeat = (status: string): boolean => (SEAT_HOLDING as readonly string[]).includes(status);

export const MANAGER_DECISIONS = ['requested', 'given', 'declined', 'recorded_by_staff'] as const;
export type ManagerDecision = (typeof MANAGER_DECISIONS)[number];

export type ActorKind = 'agent' | 'staff' | 'manager' | 'system';
export interface Actor {
  kind: ActorKind;
  /** A staff member's id; none for the agent, the manager or the system. */
  id?: string;
}
export const SYSTEM: Actor = { kind: 'system' };

/**
 * Who may move a request from one status to another. `system` is the service
 * itself: promotion from the waiting list, expiry of an unconfirmed request.
 */
export const TRANSITIONS: Readonly<Record<EnrolmentStatus, Partial<Record<EnrolmentStatus, readonly ActorKind[]>>>> = {
  pending_manager: {
    submitted: ['manager', 'staff'],
    accepted: ['manager', 'staff'],
    waitlisted: ['staff'],
    refused: ['manager', 'staff'],
    cancelled: ['agent', 'staff', 'system'],
  },
  submitted: {
    // system: a course that accepts at once, when the agent confirms.
    accepted: ['staff', 'system'],
    waitlisted: ['staff'],
    refused: ['staff'],
    cancelled: ['agent', 'staff', 'system'],
  },
  accepted: {
    cancelled: ['agent', 'staff', 'system'],
  },
  waitlisted: {
    pending_manager: ['staff', 'system'],
    submitted: ['staff', 'system'],
    accepted: ['staff', 'system'],
    refused: ['staff'],
    cancelled: ['agent', 'staff', 'system'],
  },
  refused: {},
  cancelled: {},
};

export function isAllowed(from: string, to: string, actor: ActorKind): boolean {
  const row = TRANSITIONS[from as EnrolmentStatus];
  return !!row && (row[to as EnrolmentStatus] ?? []).includes(actor);
}

export type EnrolmentRow = Selectable<EnrolmentsTable>;

export class TransitionError extends Error {
  constructor(
    readonly code: 'not_allowed' | 'no_seat' | 'conflict' | 'not_found' | 'unconfirmed',
    message: string,
  ) {
    super(message);
  }
}

/**
 * Where a request with a seat goes, by the course's rules and the manager's
 * decision so far. A course that accepts at once accepts a confirmed request
 * only: until the agent confirms, nothing proves the address is theirs.
 */
export function stateWithSeat(course: { managerApproval: boolean; acceptance: Acceptance }, decision: string | null, confirmed = false): EnrolmentStatus {
  if (course.managerApproval && decision !== 'given' && decision !== 'recorded_by_staff') return 'pending_manager';
  return course.acceptance === 'auto' && confirmed ? 'accepted' : 'submitted';
}

/** How long an unconfirmed request holds its place before it expires. */
export const CONFIRMATION_WINDOW_MS = 48 * 3600 * 1000;

/** Receives every change, in its transaction: the outbox writes the messages it calls for. */
export type TransitionListener = (tx: Tx, change: StatusChange) => Promise<void>;

export interface StatusChange {
  request: EnrolmentRow;
  from: EnrolmentStatus | null;
  to: EnrolmentStatus;
  actor: Actor;
  reason?: string;
  /** The course's and session's rows when the transaction has already read them (the messages need them). */
  read?: ReadRows;
}

export interface ReadRows {
  course?: { doc: string };
  session?: Selectable<SessionsTable>;
}

export interface SeatCount {
  capacity: number | null;
  taken: number;
  /** The session's own status: full or waitlist take no one more, whatever the count. */
  status: string;
}

/** Told when an agent confirms a request, in its transaction (the manager's message). */
export type ConfirmationListener = (tx: Tx, request: EnrolmentRow) => Promise<void>;

export interface LifecycleContext {
  database: Database;
  now(): Date;
  listeners?: readonly TransitionListener[];
  confirmationListeners?: readonly ConfirmationListener[];
}

type SeatRow = Pick<Selectable<SessionsTable>, 'id' | 'capacity' | 'seats_reserved' | 'status'>;

/** Seats taken in a session now (reserved + held), from its row read under its lock (`Database.lockedSession`). */
export async function seatCount(tx: Tx, session: SeatRow): Promise<SeatCount> {
  const held = await tx
    .selectFrom('enrolments')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('session_id', '=', session.id)
    .where('status', 'in', SEAT_HOLDING)
    .executeTakeFirstOrThrow();
  return { capacity: session.capacity, taken: Number(session.seats_reserved) + Number(held.n), status: session.status };
}

/** Locks a session and counts its seats: undefined when there is no such session. */
export async function lockedSeatCount(ctx: LifecycleContext, tx: Tx, sessionId: string): Promise<SeatCount | undefined> {
  const session = await ctx.database.lockedSession(tx, sessionId);
  return session && seatCount(tx, session);
}

export const hasFreeSeat = (count: SeatCount) =>
  !isFull({ status: count.status }) && (count.capacity === null || count.taken < count.capacity);

export async function audit(
  tx: Tx,
  at: Date,
  actor: Actor,
  entry: { entity: string; entityId: string; action: string; from?: string | null; to?: string | null; fields?: string[] },
): Promise<void> {
  await tx
    .insertInto('audit_log')
    .values({
      at: at.toISOString(),
      actor_kind: actor.kind,
      actor_id: actor.id ?? null,
      entity: entry.entity,
      entity_id: entry.entityId,
      action: entry.action,
      from_state: entry.from ?? null,
      to_state: entry.to ?? null,
      fields: entry.fields ? JSON.stringify(entry.fields) : null,
    })
    .execute();
}

async function notify(ctx: LifecycleContext, tx: Tx, change: StatusChange): Promise<void> {
  for (const listener of ctx.listeners ?? []) await listener(tx, change);
}

/**
 * The first state of a new request, in the caller's transaction. `session`
 * was read under its lock (`Database.lockedSession`) and its seats are
 * counted now, so a session never holds more seat-holding requests than its
 * capacity.
 */
export async function initialState(
  tx: Tx,
  course: { managerApproval: boolean; acceptance: Acceptance },
  session: SeatRow | undefined,
): Promise<EnrolmentStatus> {
  if (session && !hasFreeSeat(await seatCount(tx, session))) return 'waitlisted';
  return stateWithSeat(course, course.managerApproval ? 'requested' : null);
}

/** Writes the audit entry and messages of a request just inserted; `read`: the rows its transaction read already. */
export async function created(ctx: LifecycleContext, tx: Tx, request: EnrolmentRow, actor: Actor, read?: ReadRows): Promise<void> {
  const now = ctx.now();
  await audit(tx, now, actor, { entity: 'enrolment', entityId: request.id, action: 'created', to: request.status });
  await notify(ctx, tx, { request, from: null, to: request.status as EnrolmentStatus, actor, read });
}

interface CourseRules {
  managerApproval: boolean;
  acceptance: Acceptance;
}

async function courseRules(tx: Tx, courseId: string): Promise<CourseRules> {
  const row = await tx.selectFrom('courses').select(['doc', 'acceptance']).where('id', '=', courseId).executeTakeFirst();
  const doc = row ? (JSON.parse(row.doc) as { managerApproval?: boolean }) : {};
  return { managerApproval: doc.managerApproval === true, acceptance: row?.acceptance === 'auto' ? 'auto' : 'staff' };
}

export interface TransitionOptions {
  /** A refusal's or cancellation's reason, shown to the agent. */
  reason?: string;
  /** Set with the manager's decision. */
  managerDecision?: ManagerDecision;
  /** Skip the automatic promotion a freed seat would trigger (bulk actions promote once at the end). */
  noPromotion?: boolean;
}

/**
 * Moves one request to `to`, as `actor`, in the caller's transaction. Refuses
 * a move the table does not allow, a seat that is not there, and a request
 * changed since it was read (its `version`): the caller then answers 409 with
 * the fresh state. A freed seat goes to the first waiting person when the
 * session says so.
 */
export async function transition(
  ctx: LifecycleContext,
  tx: Tx,
  request: EnrolmentRow,
  to: EnrolmentStatus,
  actor: Actor,
  options: TransitionOptions = {},
): Promise<EnrolmentRow> {
  const from = request.status as EnrolmentStatus;
  if (!isAllowed(from, to, actor.kind)) {
    throw new TransitionError('not_allowed', `A request cannot go from ${from} to ${to} by ${actor.kind}.`);
  }
  // Staff process confirmed requests only; an unconfirmed one may only be cancelled (spam).
  if (actor.kind === 'staff' && !request.confirmed_at && to !== 'cancelled') {
    throw new TransitionError('unconfirmed', 'The agent has not confirmed this request yet.');
  }
  if (request.session_id && holdsSeat(to) && !holdsSeat(from)) {
    const count = await lockedSeatCount(ctx, tx, request.session_id);
    if (count && !hasFreeSeat(count)) throw new TransitionError('no_seat', 'The session has no seat left.');
  }
  const now = ctx.now();
  const at = now.toISOString();
  const changes: Partial<EnrolmentRow> = {
    status: to,
    status_changed_at: at,
    updated_at: at,
    version: Number(request.version) + 1,
  };
  if (to === 'cancelled') changes.cancelled_by = actor.kind === 'staff' ? 'campus' : actor.kind;
  if (options.reason !== undefined) changes.reason = options.reason;
  if (options.managerDecision) changes.manager_decision = options.managerDecision;
  const result = await tx
    .updateTable('enrolments')
    .set(changes)
    .where('id', '=', request.id)
    .where('version', '=', request.version)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) {
    throw new TransitionError('conflict', 'The request changed since it was read.');
  }
  const updated: EnrolmentRow = { ...request, ...changes } as EnrolmentRow;
  const fields = ['status', ...(options.reason !== undefined ? ['reason'] : []), ...(options.managerDecision ? ['manager_decision'] : [])];
  await audit(tx, now, actor, { entity: 'enrolment', entityId: request.id, action: 'transition', from, to, fields });
  await notify(ctx, tx, { request: updated, from, to, actor, reason: options.reason });
  if (request.session_id && holdsSeat(from) && !holdsSeat(to) && !options.noPromotion) {
    // Not the request itself: staff who put it on the waiting list meant it.
    await promoteIfAuto(ctx, tx, request.session_id, request.id);
  }
  return updated;
}

/** The first waiting person of a session, by when they were waitlisted. */
export async function firstWaiting(tx: Tx, sessionId: string, except?: string | readonly string[]): Promise<EnrolmentRow | undefined> {
  let query = tx.selectFrom('enrolments').selectAll().where('session_id', '=', sessionId).where('status', '=', 'waitlisted');
  const skipped = typeof except === 'string' ? [except] : (except ?? []);
  if (skipped.length) query = query.where('id', 'not in', skipped);
  return query
    .orderBy('status_changed_at')
    .orderBy('created_at')
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
}

/**
 * Gives free seats to waiting people, in order, while there are seats;
 * returns those promoted. Used by the automatic option and by staff.
 */
export async function promote(
  ctx: LifecycleContext,
  tx: Tx,
  sessionId: string,
  actor: Actor,
  options: { limit?: number; except?: string | readonly string[] } = {},
): Promise<EnrolmentRow[]> {
  const limit = options.limit ?? Infinity;
  const session = await ctx.database.lockedSession(tx, sessionId);
  const promoted: EnrolmentRow[] = [];
  while (session && promoted.length < limit) {
    if (!hasFreeSeat(await seatCount(tx, session))) break;
    const next = await firstWaiting(tx, sessionId, options.except);
    if (!next) break;
    const rules = await courseRules(tx, next.course_id);
    promoted.push(await transition(ctx, tx, next, stateWithSeat(rules, next.manager_decision, !!next.confirmed_at), actor, { noPromotion: true }));
  }
  return promoted;
}

async function promoteIfAuto(ctx: LifecycleContext, tx: Tx, sessionId: string, except: string): Promise<void> {
  const session = await tx.selectFrom('sessions').select('auto_promote').where('id', '=', sessionId).executeTakeFirst();
  if (session && Number(session.auto_promote) === 1) await promote(ctx, tx, sessionId, SYSTEM, { except });
}

/**
 * The agent confirms their request (the step the receipt asks for): from
 * then on the manager is written to, staff may process it, and a course that
 * accepts at once accepts it. Confirming twice changes nothing.
 */
export async function confirmRequest(ctx: LifecycleContext, tx: Tx, request: EnrolmentRow): Promise<EnrolmentRow> {
  if (request.confirmed_at || request.status === 'cancelled' || request.status === 'refused') return request;
  const now = ctx.now();
  const at = now.toISOString();
  const result = await tx
    .updateTable('enrolments')
    .set({ confirmed_at: at, updated_at: at, version: Number(request.version) + 1 })
    .where('id', '=', request.id)
    .where('version', '=', request.version)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) throw new TransitionError('conflict', 'The request changed since it was read.');
  let confirmed: EnrolmentRow = { ...request, confirmed_at: at, updated_at: at, version: Number(request.version) + 1 };
  await audit(tx, now, { kind: 'agent' }, { entity: 'enrolment', entityId: request.id, action: 'confirmed', fields: ['confirmed_at'] });
  for (const listener of ctx.confirmationListeners ?? []) await listener(tx, confirmed);
  const rules = await courseRules(tx, request.course_id);
  if (confirmed.status === 'submitted' && stateWithSeat(rules, confirmed.manager_decision, true) === 'accepted') {
    confirmed = await transition(ctx, tx, confirmed, 'accepted', SYSTEM);
  }
  return confirmed;
}

/** Requests not confirmed within the window: cancelled by the service, their seat given to the next person. */
export async function expireUnconfirmed(ctx: LifecycleContext, now: Date): Promise<number> {
  const before = new Date(now.getTime() - CONFIRMATION_WINDOW_MS).toISOString();
  const stale = await ctx.database.db
    .selectFrom('enrolments')
    .select('id')
    .where('confirmed_at', 'is', null)
    .where('status', 'not in', ['cancelled', 'refused'])
    .where('created_at', '<=', before)
    .where('erased_at', 'is', null)
    .execute();
  let expired = 0;
  for (const { id } of stale) {
    await ctx.database.transaction(async (tx) => {
      const request = await tx.selectFrom('enrolments').selectAll().where('id', '=', id).executeTakeFirst();
      if (!request || request.confirmed_at || request.status === 'cancelled' || request.status === 'refused') return;
      await transition(ctx, tx, request, 'cancelled', SYSTEM, { reason: 'unconfirmed' });
      expired++;
    });
  }
  return expired;
}

/** The reason recorded when the manager declines (each reader words it in its language). */
export const MANAGER_DECLINED = 'manager_declined';

/**
 * The manager's decision on a request waiting for it: approval moves it on by
 * the course's rules; a refusal refuses it. `verified`: the manager signed in
 * with the address the agent gave (else the decision came by link alone).
 */
export async function decideAsManager(
  ctx: LifecycleContext,
  tx: Tx,
  request: EnrolmentRow,
  decision: 'given' | 'declined',
  options: { actor?: Actor; verified?: boolean } = {},
): Promise<EnrolmentRow> {
  const actor = options.actor ?? { kind: 'manager' };
  if (request.status !== 'pending_manager') throw new TransitionError('not_allowed', 'The request does not wait for a decision.');
  const recorded = actor.kind === 'staff' ? 'recorded_by_staff' : decision;
  let updated: EnrolmentRow;
  if (decision === 'given') {
    const rules = await courseRules(tx, request.course_id);
    updated = await transition(ctx, tx, request, stateWithSeat(rules, 'given', !!request.confirmed_at), actor, { managerDecision: recorded as ManagerDecision });
  } else {
    updated = await transition(ctx, tx, request, 'refused', actor, { managerDecision: recorded === 'recorded_by_staff' ? 'recorded_by_staff' : 'declined', reason: MANAGER_DECLINED });
  }
  if (options.verified !== undefined) {
    await tx.updateTable('enrolments').set({ manager_verified: options.verified ? 1 : 0 }).where('id', '=', request.id).execute();
    updated = { ...updated, manager_verified: options.verified ? 1 : 0 };
  }
  return updated;
}
