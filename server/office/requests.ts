/**
 * Enrolment requests in the office: the list (filters, search, sort, pages,
 * counts per state), one request with its history, and what staff do to it.
 * Every status change goes through `transition()`; every other change (the
 * session of a course-level request, the manager's decision on a waiting
 * request, attendance) is written with the request's version checked and
 * audited. An organisation member reaches only its own courses' requests:
 * any other id answers 404.
 */
import { Hono } from 'hono';
import { sql, type Selectable } from 'kysely';
import { isOffered } from '../../src/api/sessions.js';
import type { MailSettings } from '../mail/outbox.js';
import type { LiveCatalogue } from '../live-catalogue.js';
import {
  audit,
  ENROLMENT_STATUSES,
  holdsSeat,
  isAllowed,
  promote,
  seatCount,
  hasFreeSeat,
  stateWithSeat,
  transition,
  TransitionError,
  SYSTEM,
  type EnrolmentRow,
  type EnrolmentStatus,
  type LifecycleContext,
} from '../lifecycle.js';
import { problem } from '../http.js';
import type { Database, Runner, Tx } from '../storage/database.js';
import { courseFromRow, sessionFromRow } from '../storage/rows.js';
import type { SessionsTable } from '../storage/schema.js';
import type { StoredCourse } from '../storage/types.js';
import { enrolmentDedupeKey } from '../util.js';
import type { OfficeEnv } from './auth.js';
import {
  actorOf,
  conflict,
  containsPattern,
  dayStart,
  Fields,
  historyOf,
  invalid,
  isUniqueViolation,
  notFound,
  ok,
  pageOf,
  query,
  readObject,
  transitionProblem,
} from './common.js';
import type { StaffMember } from './staff.js';
import { ACTIONS, ATTENDANCE, halfDays, type RequestAction } from './vocabulary.js';

export interface OfficeContext {
  database: Database;
  lifecycle: LifecycleContext;
  catalogue: LiveCatalogue;
  /** The outbox's settings: what staff change reaches the people concerned by e-mail. */
  mail: MailSettings;
  /** In production the office never shows a link's token (see messages.ts). */
  production: boolean;
  /** Whether an SMTP server sends the outbox (without one, messages wait in it). */
  mailSends: boolean;
  now(): Date;
}

const REASON_MAX = 1000;
const TWIN = 'Cette personne a déjà une demande pour cette session.';

/** An organisation member's scope: the provider of the course, or nothing for the campus. */
export const scopeOf = (member: StaffMember): string | undefined => (member.role === 'campus' ? undefined : (member.organisationId ?? '\u0000'));

/** One request, if this member may see it. */
export async function visibleRequest(db: Runner, member: StaffMember, id: string): Promise<EnrolmentRow | undefined> {
  const scope = scopeOf(member);
  return db
    .selectFrom('enrolments')
    .innerJoin('courses', 'courses.id', 'enrolments.course_id')
    .selectAll('enrolments')
    .where('enrolments.id', '=', id)
    .$if(scope !== undefined, (q) => q.where('courses.provider_id', '=', scope!))
    .executeTakeFirst();
}

const courseTitle = (ctx: OfficeContext, id: string) => ctx.catalogue.current.course(id)?.title ?? id;

function summary(ctx: OfficeContext, r: EnrolmentRow & { session_start?: string | null; provider_id?: string }) {
  return {
    id: r.id,
    reference: r.reference,
    status: r.status,
    managerDecision: r.manager_decision,
    /** The manager decided after signing in with the address the agent gave (true), or by the link alone (false). */
    managerVerified: r.manager_verified === null ? null : Number(r.manager_verified) === 1,
    givenName: r.given_name,
    familyName: r.family_name,
    email: r.email,
    organisation: r.organisation,
    courseId: r.course_id,
    courseTitle: courseTitle(ctx, r.course_id),
    providerId: r.provider_id,
    sessionId: r.session_id,
    sessionStart: r.session_start ?? null,
    sessionTimezone: r.session_id ? (ctx.catalogue.current.session(r.session_id)?.timezone ?? null) : null,
    createdAt: r.created_at,
    statusChangedAt: r.status_changed_at,
    version: Number(r.version),
    confirmed: r.confirmed_at !== null,
    erased: r.erased_at !== null,
  };
}

const SORTS = {
  received: [['enrolments.created_at', 'desc']],
  received_asc: [['enrolments.created_at', 'asc']],
  name: [
    ['enrolments.family_name', 'asc'],
    ['enrolments.given_name', 'asc'],
  ],
  status: [
    ['enrolments.status', 'asc'],
    ['enrolments.created_at', 'asc'],
  ],
  session: [
    ['sessions.start_at', 'asc'],
    ['enrolments.created_at', 'asc'],
  ],
} as const;

const nextDay = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/** The list's filters from the query string; unknown values are ignored, never echoed. */
function listFilters(params: URLSearchParams) {
  const statuses = params.getAll('status').filter((s): s is EnrolmentStatus => (ENROLMENT_STATUSES as readonly string[]).includes(s));
  const sort = (params.get('sort') ?? 'received') as keyof typeof SORTS;
  return {
    course: params.get('course') || undefined,
    session: params.get('session') || undefined,
    statuses,
    managerDecision: params.get('managerDecision') || undefined,
    organisation: params.get('organisation') || undefined,
    from: dayStart(params.get('from')),
    to: dayStart(params.get('to')),
    q: (params.get('q') ?? '').trim().slice(0, 200),
    confirmed: params.get('confirmed') === 'yes' ? true : params.get('confirmed') === 'no' ? false : undefined,
    sort: sort in SORTS ? sort : 'received',
  };
}

export async function listRequests(ctx: OfficeContext, member: StaffMember, params: URLSearchParams) {
  const f = listFilters(params);
  const { page, pageSize } = pageOf(params);
  const scope = scopeOf(member);
  const base = (withStatus: boolean) =>
    ctx.database.db
      .selectFrom('enrolments')
      .innerJoin('courses', 'courses.id', 'enrolments.course_id')
      .leftJoin('sessions', 'sessions.id', 'enrolments.session_id')
      .$if(scope !== undefined, (q) => q.where('courses.provider_id', '=', scope!))
      .$if(!!f.organisation, (q) => q.where('courses.provider_id', '=', f.organisation!))
      .$if(!!f.course, (q) => q.where('enrolments.course_id', '=', f.course!))
      .$if(f.session === 'none', (q) => q.where('enrolments.session_id', 'is', null))
      .$if(!!f.session && f.session !== 'none', (q) => q.where('enrolments.session_id', '=', f.session!))
      .$if(withStatus && f.statuses.length > 0, (q) => q.where('enrolments.status', 'in', f.statuses))
      .$if(f.managerDecision === 'none', (q) => q.where('enrolments.manager_decision', 'is', null))
      .$if(!!f.managerDecision && f.managerDecision !== 'none', (q) => q.where('enrolments.manager_decision', '=', f.managerDecision!))
      .$if(f.confirmed === true, (q) => q.where('enrolments.confirmed_at', 'is not', null))
      .$if(f.confirmed === false, (q) => q.where('enrolments.confirmed_at', 'is', null))
      .$if(!!f.from, (q) => q.where('enrolments.created_at', '>=', f.from!))
      .$if(!!f.to, (q) => q.where('enrolments.created_at', '<', nextDay(f.to!)))
      .$if(!!f.q, (q) =>
        q.where((eb) =>
          eb.or([
            eb(sql<string>`lower(enrolments.given_name || ' ' || enrolments.family_name)`, 'like', sql<string>`${containsPattern(f.q)} escape '\\'`),
            eb(sql<string>`lower(enrolments.family_name || ' ' || enrolments.given_name)`, 'like', sql<string>`${containsPattern(f.q)} escape '\\'`),
            eb('enrolments.email_norm', 'like', sql<string>`${containsPattern(f.q)} escape '\\'`),
            eb('enrolments.reference', '=', f.q.toUpperCase()),
          ]),
        ),
      );
  const countRows = await base(false)
    .select(['enrolments.status', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('enrolments.status')
    .execute();
  const counts: Record<string, number> = Object.fromEntries(ENROLMENT_STATUSES.map((s) => [s, 0]));
  for (const r of countRows) counts[r.status] = Number(r.n);
  const total = f.statuses.length ? f.statuses.reduce((n, s) => n + (counts[s] ?? 0), 0) : Object.values(counts).reduce((a, b) => a + b, 0);
  let rows = base(true).selectAll('enrolments').select(['sessions.start_at as session_start', 'courses.provider_id']);
  for (const [column, direction] of SORTS[f.sort]) rows = rows.orderBy(column, direction);
  const items = await rows
    .orderBy('enrolments.id')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  return { items: items.map((r) => summary(ctx, r)), total, page, pageSize, counts };
}

/** The moves staff can make on a request now (the seat is checked when acting); an unconfirmed request may only be cancelled. */
export function allowedActions(row: EnrolmentRow): RequestAction[] {
  return (Object.keys(ACTIONS) as RequestAction[]).filter((a) => isAllowed(row.status, ACTIONS[a], 'staff') && (!!row.confirmed_at || a === 'cancel'));
}

function sessionView(row: Selectable<SessionsTable>) {
  const s = sessionFromRow(row);
  return {
    id: s.id,
    status: s.status,
    slots: s.slots,
    timezone: s.timezone,
    mode: s.mode,
    online: s.online,
    location: s.location ?? null,
    capacity: s.capacity ?? null,
    version: Number(row.version),
  };
}

/** One request as the office shows it: the person, the course and session, the history, what can be done. */
export async function requestDetail(ctx: OfficeContext, member: StaffMember, id: string) {
  const { db } = ctx.database;
  const row = await visibleRequest(db, member, id);
  if (!row) return undefined;
  const courseRow = await db.selectFrom('courses').selectAll().where('id', '=', row.course_id).executeTakeFirstOrThrow();
  const course = courseFromRow(courseRow);
  const sessionRow = row.session_id ? await db.selectFrom('sessions').selectAll().where('id', '=', row.session_id).executeTakeFirst() : undefined;
  const history = (await historyOf(db, 'enrolment', [row.id])).get(row.id) ?? [];
  const session = sessionRow ? sessionView(sessionRow) : null;
  const now = ctx.now().getTime();
  // Sessions a course-level request can be placed in: the course's, still to come and not cancelled.
  const sessions = row.session_id
    ? []
    : (await db.selectFrom('sessions').selectAll().where('course_id', '=', row.course_id).orderBy('start_at').execute())
        .filter((s) => s.status !== 'cancelled' && Date.parse(s.start_at) > now)
        .map(sessionView);
  const days = session ? halfDays(session.slots, session.timezone) : [];
  return {
    ...summary(ctx, { ...row, session_start: sessionRow?.start_at ?? null, provider_id: courseRow.provider_id }),
    jobTitle: row.job_title,
    managerEmail: row.manager_email,
    accommodation: row.accommodation,
    comment: row.comment,
    locale: row.locale,
    reason: row.reason,
    cancelledBy: row.cancelled_by,
    confirmedAt: row.confirmed_at,
    attendance: row.attendance ? (JSON.parse(row.attendance) as Record<string, string>) : {},
    course: { id: course.id, title: course.title, providerId: course.providerId, managerApproval: course.managerApproval, acceptance: course.acceptance ?? 'staff' },
    session,
    halfDays: days.map((d) => ({ ...d, open: Date.parse(d.start) <= now })),
    placeable: sessions,
    actions: allowedActions(row),
    canRecordManagerDecision: !!row.confirmed_at && course.managerApproval && ['pending_manager', 'submitted', 'waitlisted'].includes(row.status) && row.manager_decision !== 'recorded_by_staff' && row.manager_decision !== 'given',
    canRecordAttendance: row.status === 'accepted' && days.some((d) => Date.parse(d.start) <= now),
    history,
  };
}

/**
 * The request as the staff member saw it: a version other than the stored one
 * is a conflict before anything else (the update checks it again, for a race).
 */
function asSeen(row: EnrolmentRow, version: number): EnrolmentRow {
  if (Number(row.version) !== version) throw new TransitionError('conflict', 'The request changed since it was read.');
  return { ...row, version };
}

async function courseRules(tx: Tx, courseId: string): Promise<StoredCourse> {
  return courseFromRow(await tx.selectFrom('courses').selectAll().where('id', '=', courseId).executeTakeFirstOrThrow());
}

/** A change that is not a status change: written only over the version seen, and audited. */
async function updateSeen(tx: Tx, row: EnrolmentRow, version: number, set: Partial<EnrolmentRow>, at: Date): Promise<EnrolmentRow> {
  const changes = { ...set, updated_at: at.toISOString(), version: version + 1 };
  const result = await tx.updateTable('enrolments').set(changes).where('id', '=', row.id).where('version', '=', version).executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) throw new TransitionError('conflict', 'The request changed since it was read.');
  return { ...row, ...changes } as EnrolmentRow;
}

export interface BulkResult {
  id: string;
  outcome: 'done' | 'conflict' | 'not_allowed' | 'no_seat' | 'not_found' | 'unconfirmed';
  status?: string;
}

export function requestRoutes(ctx: OfficeContext): Hono<OfficeEnv> {
  const routes = new Hono<OfficeEnv>();
  const fresh = (member: StaffMember, id: string) => () => requestDetail(ctx, member, id);
  // Seats are counted live: the public answers follow without a catalogue refresh.
  const done = async (member: StaffMember, id: string) => ok(await requestDetail(ctx, member, id));

  routes.get('/requests', async (c) => ok(await listRequests(ctx, c.get('member'), query(c))));

  routes.get('/requests/:id', async (c) => {
    const detail = await requestDetail(ctx, c.get('member'), c.req.param('id'));
    return detail ? ok(detail) : notFound();
  });

  /** accept, waitlist, refuse (with a reason shown to the agent) or cancel. */
  routes.post('/requests/:id/actions', async (c) => {
    const member = c.get('member');
    const id = c.req.param('id');
    const body = await readObject(c);
    if (body instanceof Response) return body;
    const f = new Fields(body);
    const action = f.oneOf('action', Object.keys(ACTIONS) as RequestAction[]);
    const version = f.version();
    const reason = f.text('reason', { required: action === 'refuse', max: REASON_MAX, multiline: true });
    if (f.errors.length) return invalid(f.errors);
    try {
      const result = await ctx.database.transaction(async (tx) => {
        const row = await visibleRequest(tx, member, id);
        if (!row) return undefined;
        return transition(ctx.lifecycle, tx, asSeen(row, version!), ACTIONS[action!], actorOf(member), reason !== undefined ? { reason } : {});
      });
      if (!result) return notFound();
      return done(member, id);
    } catch (error) {
      if (error instanceof TransitionError) return transitionProblem(error, fresh(member, id));
      throw error;
    }
  });

  /** The same action on a selection; each request answers for itself, seats freed are promoted once at the end. */
  routes.post('/requests/bulk', async (c) => {
    const member = c.get('member');
    const body = await readObject(c);
    if (body instanceof Response) return body;
    const f = new Fields(body);
    const action = f.oneOf('action', Object.keys(ACTIONS) as RequestAction[]);
    const reason = f.text('reason', { required: action === 'refuse', max: REASON_MAX, multiline: true });
    const items = Array.isArray(body.items) ? body.items : undefined;
    const selection = (items ?? []).filter(
      (i): i is { id: string; version: number } =>
        !!i && typeof i === 'object' && typeof (i as { id?: unknown }).id === 'string' && Number.isInteger((i as { version?: unknown }).version),
    );
    if (!items || !items.length || items.length > 200 || selection.length !== items.length) {
      f.fail('items', 'invalid', 'Une sélection de 1 à 200 demandes, chacune avec son id et sa version, est attendue.');
    }
    if (f.errors.length) return invalid(f.errors);
    const results = await ctx.database.transaction(async (tx) => {
      const out: BulkResult[] = [];
      const freed = new Set<string>();
      for (const item of selection) {
        const row = await visibleRequest(tx, member, item.id);
        if (!row) {
          out.push({ id: item.id, outcome: 'not_found' });
          continue;
        }
        try {
          const moved = await transition(ctx.lifecycle, tx, asSeen(row, item.version), ACTIONS[action!], actorOf(member), {
            ...(reason !== undefined ? { reason } : {}),
            noPromotion: true,
          });
          if (row.session_id && holdsSeat(row.status) && !holdsSeat(moved.status)) freed.add(row.session_id);
          out.push({ id: item.id, outcome: 'done', status: moved.status });
        } catch (error) {
          if (!(error instanceof TransitionError)) throw error;
          out.push({ id: item.id, outcome: error.code === 'not_found' ? 'not_found' : error.code });
        }
      }
      const selected = selection.map((i) => i.id);
      for (const sessionId of freed) {
        const session = await tx.selectFrom('sessions').select('auto_promote').where('id', '=', sessionId).executeTakeFirst();
        // Not those of the selection: staff who put them on the waiting list meant it.
        if (session && Number(session.auto_promote) === 1) await promote(ctx.lifecycle, tx, sessionId, SYSTEM, { except: selected });
      }
      return out;
    });
    return ok({ results });
  });

  /** The manager's decision, recorded by staff (given by mail or phone, or declined). */
  routes.post('/requests/:id/manager-decision', async (c) => {
    const member = c.get('member');
    const id = c.req.param('id');
    const body = await readObject(c);
    if (body instanceof Response) return body;
    const f = new Fields(body);
    const decision = f.oneOf('decision', ['given', 'declined'] as const);
    const version = f.version();
    const reason = f.text('reason', { max: REASON_MAX, multiline: true });
    if (f.errors.length) return invalid(f.errors);
    try {
      const result = await ctx.database.transaction(async (tx) => {
        const row = await visibleRequest(tx, member, id);
        if (!row) return undefined;
        const course = await courseRules(tx, row.course_id);
        if (!course.managerApproval || !['pending_manager', 'submitted', 'waitlisted'].includes(row.status)) {
          throw new TransitionError('not_allowed', 'No manager decision to record.');
        }
        const seen = asSeen(row, version!);
        const actor = actorOf(member);
        if (decision === 'declined') {
          return transition(ctx.lifecycle, tx, seen, 'refused', actor, { managerDecision: 'declined', ...(reason ? { reason } : {}) });
        }
        if (row.status === 'pending_manager') {
          const to = stateWithSeat({ managerApproval: true, acceptance: course.acceptance ?? 'staff' }, 'recorded_by_staff', !!row.confirmed_at);
          return transition(ctx.lifecycle, tx, seen, to, actor, { managerDecision: 'recorded_by_staff' });
        }
        // Waiting, or already received: the decision is kept for when a seat comes.
        const updated = await updateSeen(tx, seen, version!, { manager_decision: 'recorded_by_staff' }, ctx.now());
        await audit(tx, ctx.now(), actor, { entity: 'enrolment', entityId: id, action: 'manager_decision', fields: ['manager_decision'] });
        return updated;
      });
      if (!result) return notFound();
      return done(member, id);
    } catch (error) {
      if (error instanceof TransitionError) return transitionProblem(error, fresh(member, id));
      throw error;
    }
  });

  /** A request made for the course (no session) placed into one of its sessions; on the waiting list when full. */
  routes.post('/requests/:id/place', async (c) => {
    const member = c.get('member');
    const id = c.req.param('id');
    const body = await readObject(c);
    if (body instanceof Response) return body;
    const f = new Fields(body);
    const sessionId = f.text('sessionId', { required: true, max: 200 });
    const version = f.version();
    if (f.errors.length) return invalid(f.errors);
    try {
      const result = await ctx.database.transaction(async (tx) => {
        const row = await visibleRequest(tx, member, id);
        if (!row) return { kind: 'not_found' as const };
        if (row.session_id || row.status === 'refused' || row.status === 'cancelled') throw new TransitionError('not_allowed', 'Not a course-level request.');
        if (!row.confirmed_at) throw new TransitionError('unconfirmed', 'The agent has not confirmed this request yet.');
        const session = await ctx.database.lockedSession(tx, sessionId!);
        if (!session || session.course_id !== row.course_id || session.status === 'cancelled') return { kind: 'bad_session' as const };
        const full = !hasFreeSeat(await seatCount(tx, session));
        const dedupe = enrolmentDedupeKey({ email: row.email_norm, courseId: row.course_id, sessionId: session.id });
        const twin = await tx.selectFrom('enrolments').select('id').where('dedupe_key', '=', dedupe).where('status', '<>', 'cancelled').executeTakeFirst();
        if (twin) return { kind: 'twin' as const };
        let placed = await updateSeen(tx, asSeen(row, version!), version!, { session_id: session.id, dedupe_key: row.erased_at ? row.dedupe_key : dedupe }, ctx.now());
        await audit(tx, ctx.now(), actorOf(member), { entity: 'enrolment', entityId: id, action: 'placed', fields: ['session_id'] });
        if (full && holdsSeat(placed.status)) placed = await transition(ctx.lifecycle, tx, placed, 'waitlisted', actorOf(member));
        return { kind: 'placed' as const, row: placed };
      });
      if (result.kind === 'not_found') return notFound();
      if (result.kind === 'bad_session') return invalid([{ field: 'sessionId', code: 'not_found', message: 'Choisissez une session de cette formation, ni passée ni annulée.' }]);
      if (result.kind === 'twin') return conflict(await requestDetail(ctx, member, id), TWIN);
      return done(member, id);
    } catch (error) {
      if (isUniqueViolation(error)) return conflict(await requestDetail(ctx, member, id), TWIN);
      if (error instanceof TransitionError) return transitionProblem(error, fresh(member, id));
      throw error;
    }
  });

  /** Attendance per half-day, once the half-day has started, for an accepted request. */
  routes.put('/requests/:id/attendance', async (c) => {
    const member = c.get('member');
    const id = c.req.param('id');
    const body = await readObject(c);
    if (body instanceof Response) return body;
    const f = new Fields(body);
    const version = f.version();
    if (f.errors.length) return invalid(f.errors);
    try {
      const result = await ctx.database.transaction(async (tx) => {
        const row = await visibleRequest(tx, member, id);
        if (!row) return undefined;
        return recordAttendance(ctx, tx, member, row, version!, body.attendance);
      });
      if (result === undefined) return notFound();
      if (result instanceof Response) return result;
      return done(member, id);
    } catch (error) {
      if (error instanceof TransitionError) return transitionProblem(error, fresh(member, id));
      throw error;
    }
  });

  return routes;
}

/** Checks and writes one request's attendance marks; a problem answer when they do not fit its session. */
export async function recordAttendance(
  ctx: OfficeContext,
  tx: Tx,
  member: StaffMember,
  row: EnrolmentRow,
  version: number,
  marks: unknown,
): Promise<EnrolmentRow | Response> {
  if (row.status !== 'accepted' || !row.session_id) {
    return problem(422, { type: 'not-allowed', detail: 'La présence se saisit pour une demande acceptée dans une session.' });
  }
  const session = sessionFromRow(await tx.selectFrom('sessions').selectAll().where('id', '=', row.session_id).executeTakeFirstOrThrow());
  const now = ctx.now().getTime();
  const open = new Map(halfDays(session.slots, session.timezone).map((d) => [d.key, Date.parse(d.start) <= now]));
  if (!marks || typeof marks !== 'object' || Array.isArray(marks)) {
    return invalid([{ field: 'attendance', code: 'type', message: 'Un objet { demi-journée: présence } est attendu.' }]);
  }
  const current = row.attendance ? (JSON.parse(row.attendance) as Record<string, string>) : {};
  for (const [key, value] of Object.entries(marks as Record<string, unknown>)) {
    if (!open.has(key)) return invalid([{ field: `attendance.${key}`, code: 'unknown_value', message: 'Cette demi-journée n’est pas dans la session.' }]);
    if (!open.get(key)) return invalid([{ field: `attendance.${key}`, code: 'not_started', message: 'Cette demi-journée n’a pas encore commencé.' }]);
    if (value === null) delete current[key];
    else if (typeof value === 'string' && (ATTENDANCE as readonly string[]).includes(value)) current[key] = value;
    else return invalid([{ field: `attendance.${key}`, code: 'unknown_value', message: 'Présent·e, absent·e ou excusé·e.' }]);
  }
  const updated = await updateSeen(tx, asSeen(row, version), version, { attendance: JSON.stringify(current) }, ctx.now());
  await audit(tx, ctx.now(), actorOf(member), { entity: 'enrolment', entityId: row.id, action: 'attendance', fields: ['attendance'] });
  return updated;
}

/** Whether a session still takes requests (for the office's lists). */
export const sessionOffered = (row: Selectable<SessionsTable>, now: number) => isOffered(sessionFromRow(row), now);
