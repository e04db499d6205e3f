/**
 * Sessions in the office: the list, one session with its seats, waiting list
 * in order and participants, and what staff do: create, edit (dates, place or
 * online, capacity, registration window, status, automatic promotion), cancel
 * (with a message for the people enrolled), promote the next waiting person,
 * export the participants (CSV) and the attendance sheet, record attendance.
 * Every change bumps the catalogue's version in its transaction, so every
 * instance's public answers show it within seconds (this one at once).
 */
import { randomBytes } from 'node:crypto';
import { Hono } from 'hono';
import type { Selectable } from 'kysely';
import { csvLine } from '../csv.js';
import { problem } from '../http.js';
import { audit, firstWaiting, promote, seatCount, SEAT_HOLDING, transition, TransitionError, SYSTEM, type EnrolmentRow } from '../lifecycle.js';
import { enqueueSessionChanged } from '../mail/outbox.js';
import { bumpCatalogue } from '../seed.js';
import type { Runner, Tx } from '../storage/database.js';
import { courseFromRow, sessionFromRow } from '../storage/rows.js';
import type { SessionsTable } from '../storage/schema.js';
import type { StoredSession } from '../storage/types.js';
import type { OfficeEnv } from './auth.js';
import { actorOf, conflict, Fields, historyOf, invalid, notFound, ok, query, readObject, type FieldProblem } from './common.js';
import { recordAttendance, scopeOf, type OfficeContext } from './requests.js';
import type { StaffMember } from './staff.js';
import { halfDays, MANAGER_DECISION_LABELS, STATUS_LABELS, zonedIso } from './vocabulary.js';

type SessionRow = Selectable<SessionsTable>;

/** One session, if this member may see it (its course is theirs), with its course. */
export async function visibleSession(db: Runner, member: StaffMember, id: string): Promise<{ row: SessionRow; providerId: string } | undefined> {
  const scope = scopeOf(member);
  const found = await db
    .selectFrom('sessions')
    .innerJoin('courses', 'courses.id', 'sessions.course_id')
    .selectAll('sessions')
    .select('courses.provider_id')
    .where('sessions.id', '=', id)
    .$if(scope !== undefined, (q) => q.where('courses.provider_id', '=', scope!))
    .executeTakeFirst();
  if (!found) return undefined;
  const { provider_id, ...row } = found;
  return { row: row as SessionRow, providerId: provider_id };
}

/** The session's fields an enrolled agent plans around: a change to one of them is sent to them. */
const AGENT_FACTS = new Set(['slots', 'timezone', 'location', 'online', 'mode']);

const EDITABLE_STATUSES = ['open', 'waitlist', 'closed'] as const;
const MESSAGE_MAX = 1000;

const person = (r: EnrolmentRow) => ({
  id: r.id,
  reference: r.reference,
  status: r.status,
  managerDecision: r.manager_decision,
  givenName: r.given_name,
  familyName: r.family_name,
  email: r.email,
  organisation: r.organisation,
  jobTitle: r.job_title,
  createdAt: r.created_at,
  statusChangedAt: r.status_changed_at,
  attendance: r.attendance ? (JSON.parse(r.attendance) as Record<string, string>) : {},
  version: Number(r.version),
});

/** The waiting list in the order promotion follows (`firstWaiting`). */
async function waitingList(db: Runner, sessionId: string): Promise<EnrolmentRow[]> {
  return db
    .selectFrom('enrolments')
    .selectAll()
    .where('session_id', '=', sessionId)
    .where('status', '=', 'waitlisted')
    .orderBy('status_changed_at')
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

export async function sessionDetail(ctx: OfficeContext, member: StaffMember, id: string) {
  const { db } = ctx.database;
  const found = await visibleSession(db, member, id);
  if (!found) return undefined;
  const { row } = found;
  const session = sessionFromRow(row);
  const course = courseFromRow(await db.selectFrom('courses').selectAll().where('id', '=', row.course_id).executeTakeFirstOrThrow());
  const requests = await db.selectFrom('enrolments').selectAll().where('session_id', '=', id).orderBy('family_name').orderBy('given_name').execute();
  const held = requests.filter((r) => (SEAT_HOLDING as readonly string[]).includes(r.status)).length;
  const waiting = await waitingList(db, id);
  const counts: Record<string, number> = {};
  for (const r of requests) counts[r.status] = (counts[r.status] ?? 0) + 1;
  const now = ctx.now().getTime();
  return {
    id: session.id,
    courseId: course.id,
    courseTitle: course.title,
    providerId: course.providerId,
    status: session.status,
    slots: session.slots,
    timezone: session.timezone,
    mode: session.mode,
    online: session.online,
    location: session.location ?? null,
    capacity: session.capacity ?? null,
    seatsReserved: session.seatsReserved ?? 0,
    seatsHeld: held,
    seatsTaken: held + (session.seatsReserved ?? 0),
    seatsLeft: session.capacity === undefined ? null : Math.max(0, session.capacity - held - (session.seatsReserved ?? 0)),
    registrationOpens: session.registrationOpens ?? null,
    registrationCloses: session.registrationCloses ?? null,
    autoPromote: session.autoPromote !== false,
    origin: row.origin,
    officeEditedAt: row.office_edited_at,
    version: Number(row.version),
    counts,
    participants: requests.filter((r) => (SEAT_HOLDING as readonly string[]).includes(r.status)).map(person),
    waiting: waiting.map(person),
    others: requests.filter((r) => r.status === 'refused' || r.status === 'cancelled').map(person),
    halfDays: halfDays(session.slots, session.timezone).map((d) => ({ ...d, open: Date.parse(d.start) <= now })),
    history: (await historyOf(db, 'session', [id])).get(id) ?? [],
  };
}

/** A date-time from the form: local to the session's zone (`2030-05-12T09:30`), or ISO 8601 with an offset. */
function instant(value: unknown, timeZone: string): string | undefined {
  if (typeof value !== 'string') return undefined;
  const v = value.trim();
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(v)) return zonedIso(v, timeZone);
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(v) && !Number.isNaN(Date.parse(v)) ? v : undefined;
}

const validZone = (zone: string) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return zone.includes('/') || zone === 'UTC';
  } catch {
    return false;
  }
};

const sameCity = (a: string, b: string): boolean => a.localeCompare(b, 'fr', { sensitivity: 'base' }) === 0;

interface SessionInput {
  slots?: { start: string; end: string }[];
  timezone?: string;
  mode?: string;
  online?: boolean;
  location?: StoredSession['location'] | null;
  capacity?: number | null;
  registrationOpens?: string | null;
  registrationCloses?: string | null;
  status?: (typeof EDITABLE_STATUSES)[number];
  autoPromote?: boolean;
}

/** Reads a session's fields from a form; only those present (an edit changes only what it sends). */
function readSession(ctx: OfficeContext, body: Record<string, unknown>, before?: StoredSession): { input: SessionInput; errors: FieldProblem[] } {
  const f = new Fields(body);
  const input: SessionInput = {};
  const asked = typeof body.timezone === 'string' ? body.timezone.trim() : (before?.timezone ?? 'Europe/Paris');
  // Times are read in the zone asked for, or in Paris's while that zone is refused.
  const zone = validZone(asked) ? asked : 'Europe/Paris';
  if (body.timezone !== undefined) {
    if (zone !== asked) f.fail('timezone', 'unknown_value', 'Fuseau horaire inconnu (par exemple Europe/Paris, America/Montreal).');
    else input.timezone = zone;
  }
  if (body.slots !== undefined || !before) {
    const raw = body.slots;
    if (!Array.isArray(raw) || raw.length < 1 || raw.length > 60) f.fail('slots', 'required', 'Une à soixante plages horaires sont attendues.');
    else {
      const slots: { start: string; end: string }[] = [];
      raw.forEach((slot, i) => {
        const s = (slot && typeof slot === 'object' ? slot : {}) as Record<string, unknown>;
        const start = instant(s.start, zone);
        const end = instant(s.end, zone);
        if (!start) f.fail(`slots.${i}.start`, 'invalid', 'Date et heure de début invalides.');
        else if (!end) f.fail(`slots.${i}.end`, 'invalid', 'Date et heure de fin invalides.');
        else if (Date.parse(end) <= Date.parse(start)) f.fail(`slots.${i}.end`, 'before_start', 'La fin doit venir après le début.');
        else slots.push({ start, end });
      });
      slots.sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
      input.slots = slots;
    }
  }
  if (body.mode !== undefined || !before) {
    const modes = ctx.catalogue.current.vocabularies.modes.map((m) => m.id);
    const mode = modes.length ? f.oneOf('mode', modes) : f.text('mode', { required: true, max: 50 });
    if (mode) input.mode = mode;
  }
  const online = f.bool('online');
  if (online !== undefined) input.online = online;
  if (body.location !== undefined) {
    if (body.location === null) input.location = null;
    else if (typeof body.location !== 'object' || Array.isArray(body.location)) f.fail('location', 'type', 'Un lieu est attendu.');
    else {
      const l = new Fields(body.location as Record<string, unknown>);
      const name = l.text('name', { required: true, max: 200 });
      const address = l.text('address', { max: 300 });
      const city = l.text('city', { required: true, max: 100 });
      const country = l.text('country', { max: 2 });
      const given = l.text('region', { max: 6 })?.toUpperCase();
      if (given && !/^[A-Z]{2}-[A-Z0-9]{1,3}$/.test(given)) l.fail('region', 'format', 'Une région se note en ISO 3166-2, par exemple FR-IDF.');
      // A place sent without its region (an older office page) keeps the region it had, if still in the same city.
      const kept = (body.location as Record<string, unknown>).region === undefined && before?.location && city && sameCity(before.location.city, city) ? before.location.region : undefined;
      const region = given || kept;
      for (const e of l.errors) f.fail(`location.${e.field}`, e.code, e.message);
      if (name && city) {
        input.location = { name, city, ...(address ? { address } : {}), ...(region ? { region } : {}), ...(country ? { country: country.toUpperCase() } : {}) };
      }
    }
  }
  if (body.capacity !== undefined) {
    if (body.capacity === null) input.capacity = null;
    else {
      const capacity = f.int('capacity', { min: 1, max: 100_000 });
      if (capacity !== undefined) input.capacity = capacity;
    }
  }
  for (const key of ['registrationOpens', 'registrationCloses'] as const) {
    if (body[key] === undefined) continue;
    if (body[key] === null || body[key] === '') input[key] = null;
    else {
      const at = instant(body[key], zone);
      if (!at) f.fail(key, 'invalid', 'Date et heure invalides.');
      else input[key] = at;
    }
  }
  const status = f.oneOf('status', EDITABLE_STATUSES, false);
  if (status) input.status = status;
  const auto = f.bool('autoPromote');
  if (auto !== undefined) input.autoPromote = auto;

  // The whole, as it will be: a place unless online, a window that closes after it opens and before the start.
  const merged = { ...before, ...input } as StoredSession & { location?: StoredSession['location'] | null };
  const isOnline = merged.online ?? false;
  if (!isOnline && !merged.location) f.fail('location', 'required', 'Indiquez le lieu, ou cochez « en ligne ».');
  const opens = merged.registrationOpens ? Date.parse(merged.registrationOpens) : undefined;
  const closes = merged.registrationCloses ? Date.parse(merged.registrationCloses) : undefined;
  if (opens !== undefined && closes !== undefined && closes <= opens) f.fail('registrationCloses', 'before_opens', 'La clôture des inscriptions doit venir après leur ouverture.');
  const first = merged.slots?.[0] ? Date.parse(merged.slots[0].start) : undefined;
  if (closes !== undefined && first !== undefined && closes > first) f.fail('registrationCloses', 'after_start', 'Les inscriptions doivent se clore avant le début de la session.');
  return { input, errors: f.errors };
}

/** The stored session's document after an edit. */
function applyInput(before: StoredSession, input: SessionInput): StoredSession {
  const next: StoredSession = { ...before };
  if (input.slots) next.slots = input.slots;
  if (input.timezone) next.timezone = input.timezone;
  if (input.mode) next.mode = input.mode;
  if (input.online !== undefined) next.online = input.online;
  if (input.location === null) delete next.location;
  else if (input.location) next.location = input.location;
  if (input.capacity === null) delete next.capacity;
  else if (input.capacity !== undefined) next.capacity = input.capacity;
  for (const key of ['registrationOpens', 'registrationCloses'] as const) {
    if (input[key] === null) delete next[key];
    else if (input[key]) next[key] = input[key]!;
  }
  if (input.status) next.status = input.status;
  if (input.autoPromote !== undefined) next.autoPromote = input.autoPromote;
  return next;
}

function rowChanges(next: StoredSession): Partial<SessionRow> {
  const { id: _id, courseId: _c, status, capacity, seatsReserved: _r, autoPromote, ...doc } = next;
  return {
    status,
    capacity: capacity ?? null,
    auto_promote: autoPromote === false ? 0 : 1,
    start_at: new Date(next.slots[0].start).toISOString(),
    doc: JSON.stringify(doc),
  };
}

/** Field names an edit changed, for the audit log. */
function changedFields(before: StoredSession, next: StoredSession): string[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(next)]);
  return [...keys].filter((k) => JSON.stringify((before as never)[k]) !== JSON.stringify((next as never)[k])).sort();
}

export function sessionRoutes(ctx: OfficeContext): Hono<OfficeEnv> {
  const routes = new Hono<OfficeEnv>();
  const refresh = () => ctx.catalogue.refresh().catch(() => undefined);

  routes.get('/sessions', async (c) => {
    const member = c.get('member');
    const params = query(c);
    const scope = scopeOf(member);
    const course = params.get('course');
    const period = params.get('period') ?? 'upcoming';
    const now = ctx.now().toISOString();
    const rows = await ctx.database.db
      .selectFrom('sessions')
      .innerJoin('courses', 'courses.id', 'sessions.course_id')
      .selectAll('sessions')
      .select('courses.provider_id')
      .$if(scope !== undefined, (q) => q.where('courses.provider_id', '=', scope!))
      .$if(!!course, (q) => q.where('sessions.course_id', '=', course!))
      .$if(period === 'upcoming', (q) => q.where('sessions.start_at', '>=', now))
      .$if(period === 'past', (q) => q.where('sessions.start_at', '<', now))
      .orderBy('sessions.start_at', period === 'past' ? 'desc' : 'asc')
      .limit(500)
      .execute();
    const ids = rows.map((r) => r.id);
    const counts = ids.length
      ? await ctx.database.db
          .selectFrom('enrolments')
          .select(['session_id', 'status', (eb) => eb.fn.countAll<number>().as('n')])
          .where('session_id', 'in', ids)
          .groupBy(['session_id', 'status'])
          .execute()
      : [];
    const bySession = new Map<string, Record<string, number>>();
    for (const r of counts) {
      const m = bySession.get(r.session_id!) ?? {};
      m[r.status] = Number(r.n);
      bySession.set(r.session_id!, m);
    }
    const items = rows.map((r) => {
      const s = sessionFromRow(r);
      const n = bySession.get(r.id) ?? {};
      const held = SEAT_HOLDING.reduce((sum, status) => sum + (n[status] ?? 0), 0);
      return {
        id: s.id,
        courseId: s.courseId,
        courseTitle: ctx.catalogue.current.course(s.courseId)?.title ?? s.courseId,
        providerId: r.provider_id,
        status: s.status,
        start: s.slots[0].start,
        end: s.slots[s.slots.length - 1].end,
        timezone: s.timezone,
        online: s.online,
        city: s.location?.city ?? null,
        capacity: s.capacity ?? null,
        seatsTaken: held + (s.seatsReserved ?? 0),
        waiting: n.waitlisted ?? 0,
        counts: n,
      };
    });
    return ok({ items });
  });

  routes.get('/sessions/:id', async (c) => {
    const detail = await sessionDetail(ctx, c.get('member'), c.req.param('id'));
    return detail ? ok(detail) : notFound();
  });

  routes.post('/sessions', async (c) => {
    const member = c.get('member');
    const body = await readObject(c);
    if (body instanceof Response) return body;
    const courseId = typeof body.courseId === 'string' ? body.courseId : '';
    const scope = scopeOf(member);
    const courseRow = await ctx.database.db
      .selectFrom('courses')
      .selectAll()
      .where('id', '=', courseId)
      .$if(scope !== undefined, (q) => q.where('provider_id', '=', scope!))
      .executeTakeFirst();
    const { input, errors } = readSession(ctx, body);
    if (!courseRow) errors.unshift({ field: 'courseId', code: 'not_found', message: 'Choisissez une de vos formations.' });
    else if (courseFromRow(courseRow).enrolment.mode === 'external') {
      errors.unshift({ field: 'courseId', code: 'external', message: 'Les inscriptions à cette formation se font sur le site de l’organisme.' });
    }
    if (errors.length) return invalid(errors);
    const at = ctx.now();
    const day = input.slots![0].start.slice(0, 10);
    const session: StoredSession = applyInput(
      { id: `${courseId}-${day}-${randomBytes(3).toString('hex')}`, courseId, mode: input.mode!, slots: input.slots!, timezone: input.timezone ?? 'Europe/Paris', online: false, status: 'open', seatsReserved: 0, autoPromote: true },
      input,
    );
    await ctx.database.transaction(async (tx) => {
      await tx
        .insertInto('sessions')
        .values({
          id: session.id,
          course_id: courseId,
          seats_reserved: 0,
          version: 1,
          origin: 'office',
          office_edited_at: at.toISOString(),
          updated_at: at.toISOString(),
          ...(rowChanges(session) as Required<Pick<SessionRow, 'status' | 'capacity' | 'auto_promote' | 'start_at' | 'doc'>>),
        })
        .execute();
      await audit(tx, at, actorOf(member), { entity: 'session', entityId: session.id, action: 'created', to: session.status, fields: changedFields({} as StoredSession, session) });
      await bumpCatalogue(tx, at.toISOString());
    });
    await refresh();
    return ok(await sessionDetail(ctx, member, session.id), 201);
  });

  routes.patch('/sessions/:id', async (c) => {
    const member = c.get('member');
    const id = c.req.param('id');
    const body = await readObject(c);
    if (body instanceof Response) return body;
    const version = new Fields(body).version();
    const found = await visibleSession(ctx.database.db, member, id);
    if (!found) return notFound();
    const before = sessionFromRow(found.row);
    if (before.status === 'cancelled') return problem(422, { type: 'not-allowed', detail: 'Une session annulée ne se modifie plus.' });
    const { input, errors } = readSession(ctx, body, before);
    if (version === undefined) errors.push({ field: 'version', code: 'required', message: 'Ce champ est obligatoire.' });
    if (errors.length) return invalid(errors);
    const at = ctx.now();
    const outcome = await ctx.database.transaction(async (tx) => {
      const row = await ctx.database.lockedSession(tx, id);
      if (!row || Number(row.version) !== version) return { kind: 'conflict' as const };
      const current = sessionFromRow(row);
      const next = applyInput(current, input);
      const count = await seatCount(tx, row);
      if (next.capacity !== undefined && next.capacity < count.taken) {
        return { kind: 'below' as const, taken: count.taken };
      }
      const fields = changedFields(current, next);
      if (!fields.length) return { kind: 'unchanged' as const };
      await tx
        .updateTable('sessions')
        .set({ ...rowChanges(next), version: Number(row.version) + 1, office_edited_at: at.toISOString(), updated_at: at.toISOString() })
        .where('id', '=', id)
        .execute();
      await audit(tx, at, actorOf(member), { entity: 'session', entityId: id, action: 'updated', from: current.status, to: next.status, fields });
      await bumpCatalogue(tx, at.toISOString());
      // What the agents planned around moved: each confirmed one gets the new facts (and calendar update).
      if (fields.some((f) => AGENT_FACTS.has(f))) await enqueueSessionChanged(ctx.lifecycle, tx, ctx.mail, id);
      // More room, or the automatic option just turned on: waiting people take the free seats, in order.
      if (next.autoPromote !== false) await promote(ctx.lifecycle, tx, id, SYSTEM);
      return { kind: 'updated' as const };
    });
    if (outcome.kind === 'conflict') return conflict(await sessionDetail(ctx, member, id), 'Quelqu’un a modifié cette session entre-temps : voici son état actuel.');
    if (outcome.kind === 'below') {
      return invalid(
        [{ field: 'capacity', code: 'below_taken', message: `${outcome.taken} places sont déjà prises : la capacité ne peut pas descendre en dessous.` }],
        `La capacité ne peut pas descendre sous les ${outcome.taken} places déjà prises. Annulez ou déplacez d’abord des demandes.`,
      );
    }
    await refresh();
    return ok(await sessionDetail(ctx, member, id));
  });

  /** Cancels the session and every request in it, with the message the people enrolled will receive. */
  routes.post('/sessions/:id/cancel', async (c) => {
    const member = c.get('member');
    const id = c.req.param('id');
    const body = await readObject(c);
    if (body instanceof Response) return body;
    const f = new Fields(body);
    const version = f.version();
    const message = f.text('message', { required: true, max: MESSAGE_MAX, multiline: true });
    if (f.errors.length) return invalid(f.errors);
    const found = await visibleSession(ctx.database.db, member, id);
    if (!found) return notFound();
    const at = ctx.now();
    const outcome = await ctx.database.transaction(async (tx) => {
      const row = await ctx.database.lockedSession(tx, id);
      if (!row || Number(row.version) !== version) return 'conflict';
      if (row.status === 'cancelled') return 'already';
      await tx
        .updateTable('sessions')
        .set({ status: 'cancelled', version: Number(row.version) + 1, office_edited_at: at.toISOString(), updated_at: at.toISOString() })
        .where('id', '=', id)
        .execute();
      await audit(tx, at, actorOf(member), { entity: 'session', entityId: id, action: 'cancelled', from: row.status, to: 'cancelled', fields: ['status'] });
      const live = await tx.selectFrom('enrolments').selectAll().where('session_id', '=', id).where('status', 'not in', ['refused', 'cancelled']).execute();
      for (const request of live) {
        await transition(ctx.lifecycle, tx, request, 'cancelled', actorOf(member), { reason: message!, noPromotion: true });
      }
      await bumpCatalogue(tx, at.toISOString());
      return 'cancelled';
    });
    if (outcome === 'conflict') return conflict(await sessionDetail(ctx, member, id), 'Quelqu’un a modifié cette session entre-temps : voici son état actuel.');
    if (outcome === 'already') return problem(422, { type: 'not-allowed', detail: 'Cette session est déjà annulée.' });
    await refresh();
    return ok(await sessionDetail(ctx, member, id));
  });

  /** Gives the next free seat to the first waiting person (or `count` people, in order). */
  routes.post('/sessions/:id/promote', async (c) => {
    const member = c.get('member');
    const id = c.req.param('id');
    const body = await readObject(c);
    if (body instanceof Response) return body;
    const f = new Fields(body);
    const count = f.int('count', { min: 1, max: 100 }) ?? 1;
    if (f.errors.length) return invalid(f.errors);
    if (!(await visibleSession(ctx.database.db, member, id))) return notFound();
    const promoted = await ctx.database.transaction(async (tx) => {
      const list = await promote(ctx.lifecycle, tx, id, actorOf(member), { limit: count });
      const waiting = list.length ? undefined : await firstWaiting(tx, id);
      return { list, waiting };
    });
    if (!promoted.list.length) {
      return problem(409, {
        type: promoted.waiting ? 'no-seat' : 'nobody-waiting',
        detail: promoted.waiting ? 'Aucune place libre : augmentez la capacité ou libérez une place.' : 'Personne n’attend sur la liste d’attente.',
      });
    }
    return ok({ promoted: promoted.list.map((r) => ({ id: r.id, status: r.status })), session: await sessionDetail(ctx, member, id) });
  });

  /** Attendance for several participants at once: each with the version seen. */
  routes.put('/sessions/:id/attendance', async (c) => {
    const member = c.get('member');
    const id = c.req.param('id');
    const body = await readObject(c);
    if (body instanceof Response) return body;
    const entries = Array.isArray(body.entries) ? body.entries : undefined;
    if (!entries || !entries.length || entries.length > 500) return invalid([{ field: 'entries', code: 'required', message: 'Une liste de présences est attendue.' }]);
    if (!(await visibleSession(ctx.database.db, member, id))) return notFound();
    const results = await ctx.database.transaction(async (tx) => {
      const out: { id: string; outcome: string; version?: number }[] = [];
      for (const entry of entries as { id?: unknown; version?: unknown; attendance?: unknown }[]) {
        const requestId = typeof entry?.id === 'string' ? entry.id : '';
        const row = await tx.selectFrom('enrolments').selectAll().where('id', '=', requestId).where('session_id', '=', id).executeTakeFirst();
        if (!row || !Number.isInteger(entry.version)) {
          out.push({ id: requestId, outcome: 'not_found' });
          continue;
        }
        try {
          const result = await recordAttendance(ctx, tx, member, row, entry.version as number, entry.attendance);
          out.push(result instanceof Response ? { id: requestId, outcome: 'invalid' } : { id: requestId, outcome: 'done', version: Number(result.version) });
        } catch (error) {
          if (!(error instanceof TransitionError)) throw error;
          out.push({ id: requestId, outcome: 'conflict' });
        }
      }
      return out;
    });
    return ok({ results, session: await sessionDetail(ctx, member, id) });
  });

  routes.get('/sessions/:id/participants.csv', async (c) => {
    const member = c.get('member');
    const id = c.req.param('id');
    const found = await visibleSession(ctx.database.db, member, id);
    if (!found) return notFound();
    const rows = await ctx.database.db
      .selectFrom('enrolments')
      .selectAll()
      .where('session_id', '=', id)
      .where('status', 'not in', ['refused', 'cancelled'])
      .orderBy('family_name')
      .orderBy('given_name')
      .execute();
    const lines = [
      '\uFEFF',
      csvLine(['Référence', 'Nom', 'Prénom', 'Courriel', 'Administration', 'Fonction', 'Statut', 'Accord du responsable', 'Besoins d’aménagement', 'Reçue le']),
    ];
    for (const r of rows) {
      lines.push(
        csvLine([
          r.reference,
          r.family_name,
          r.given_name,
          r.email,
          r.organisation,
          r.job_title ?? '',
          STATUS_LABELS[r.status] ?? r.status,
          r.manager_decision ? (MANAGER_DECISION_LABELS[r.manager_decision] ?? r.manager_decision) : '',
          r.accommodation ?? '',
          r.created_at.slice(0, 10),
        ]),
      );
    }
    await ctx.database.transaction((tx: Tx) =>
      audit(tx, ctx.now(), actorOf(member), { entity: 'session', entityId: id, action: 'exported', fields: ['participants.csv'] }),
    );
    return new Response(lines.join(''), {
      headers: {
        'Content-Type': 'text/csv; charset=utf-8; header=present',
        'Content-Disposition': `attachment; filename="participants-${id.replace(/[^A-Za-z0-9_-]/g, '_')}.csv"`,
        'Cache-Control': 'no-store',
      },
    });
  });

  /** The attendance sheet's data (the office prints it): accepted participants, one box per half-day. */
  routes.get('/sessions/:id/attendance-sheet', async (c) => {
    const member = c.get('member');
    const id = c.req.param('id');
    const detail = await sessionDetail(ctx, member, id);
    if (!detail) return notFound();
    const organiser = ctx.catalogue.current.organisations.find((o) => o.id === detail.providerId);
    await ctx.database.transaction((tx: Tx) =>
      audit(tx, ctx.now(), actorOf(member), { entity: 'session', entityId: id, action: 'exported', fields: ['attendance-sheet'] }),
    );
    return ok({
      session: {
        id: detail.id,
        courseTitle: detail.courseTitle,
        organiser: organiser?.name ?? detail.providerId,
        slots: detail.slots,
        timezone: detail.timezone,
        online: detail.online,
        location: detail.location,
        status: detail.status,
      },
      halfDays: detail.halfDays,
      participants: detail.participants
        .filter((p) => p.status === 'accepted')
        .map((p) => ({ id: p.id, familyName: p.familyName, givenName: p.givenName, organisation: p.organisation })),
    });
  });

  return routes;
}
