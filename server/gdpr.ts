/**
 * A person's rights over their data (GDPR articles 15 to 17) and its
 * retention: export everything kept about an address, rectify a field, erase
 * it all; and the daily job that erases what has passed the retention its
 * privacy notice states. The command line (`npm run gdpr`) and the office use
 * these functions; every change is audited with ids and field names only.
 *
 * Erasure replaces personal fields by a tombstone and keeps what seat counts
 * and statistics need (status, course, session, dates).
 */
import * as z from 'zod/mini';
import { PrivacyNotice, type RetentionPeriods } from '../src/api/schemas.js';
import { textProblem } from '../src/api/validate.js';
import type { JobDefinition } from './jobs.js';
import { audit, type Actor } from './lifecycle.js';
import type { Database, Tx } from './storage/database.js';
import type { EnrolmentsTable, TrainerApplicationsTable } from './storage/schema.js';
import { enrolmentDedupeKey, normaliseEmail } from './util.js';
import type { Selectable } from 'kysely';

type EnrolmentRow = Selectable<EnrolmentsTable>;
type ApplicationRow = Selectable<TrainerApplicationsTable>;

/** What an erased text field holds. */
export const ERASED = '[effacé]';
const erasedEmail = (id: string) => `efface-${id}@erased.invalid`;

export interface PersonExport {
  email: string;
  exportedAt: string;
  enrolments: Record<string, unknown>[];
  trainerApplications: Record<string, unknown>[];
  /** Alerts of a new session asked for with this address. */
  subscriptions: Record<string, unknown>[];
  /** The messages sent (or to send) to this address: when, what about, their subject and state. */
  messages: Record<string, unknown>[];
  /** What happened to those records: when, what, by which kind of actor (ids, never values). */
  history: { at: string; entity: string; entityId: string; action: string; from: string | null; to: string | null; actor: string; fields: string[] }[];
}

const enrolmentsOf = (db: Database['db'] | Tx, email: string) =>
  db.selectFrom('enrolments').selectAll().where('email_norm', '=', normaliseEmail(email)).where('erased_at', 'is', null).orderBy('created_at').execute();
const applicationsOf = (db: Database['db'] | Tx, email: string) =>
  db.selectFrom('trainer_applications').selectAll().where('email_norm', '=', normaliseEmail(email)).where('erased_at', 'is', null).orderBy('created_at').execute();

/** Right of access: every record of that person, as JSON. */
export async function exportPerson(database: Database, email: string, actor: Actor, now: Date): Promise<PersonExport> {
  return database.transaction(async (tx) => {
    const enrolments = await enrolmentsOf(tx, email);
    const applications = await applicationsOf(tx, email);
    const ids = [...enrolments.map((e) => e.id), ...applications.map((a) => a.id)];
    const history = ids.length
      ? await tx.selectFrom('audit_log').selectAll().where('entity_id', 'in', ids).orderBy('at').orderBy('id').execute()
      : [];
    const norm = normaliseEmail(email);
    const subscriptions = await tx.selectFrom('subscriptions').select(['id', 'course_id', 'email', 'locale', 'confirmed_at', 'unsubscribed_at', 'created_at']).where('email_norm', '=', norm).where('erased_at', 'is', null).execute();
    const messages = await tx
      .selectFrom('outbox')
      .select(['created_at', 'kind', 'subject', 'status', 'sent_at', 'enrolment_id', 'application_id'])
      .where('recipient', '=', norm)
      .where('erased_at', 'is', null)
      .orderBy('created_at')
      .execute();
    for (const e of enrolments) await audit(tx, now, actor, { entity: 'enrolment', entityId: e.id, action: 'exported' });
    for (const a of applications) await audit(tx, now, actor, { entity: 'trainer_application', entityId: a.id, action: 'exported' });
    return {
      email: normaliseEmail(email),
      exportedAt: now.toISOString(),
      enrolments: enrolments.map(({ dedupe_key: _d, email_norm: _n, ...row }) => ({ ...row, attendance: row.attendance ? JSON.parse(row.attendance) : null })),
      trainerApplications: applications.map(({ content_hash: _h, email_norm: _n, doc, ...row }) => ({ ...row, application: JSON.parse(doc) })),
      subscriptions,
      messages,
      history: history.map((h) => ({
        at: h.at,
        entity: h.entity,
        entityId: h.entity_id,
        action: h.action,
        from: h.from_state,
        to: h.to_state,
        actor: h.actor_kind,
        fields: h.fields ? (JSON.parse(h.fields) as string[]) : [],
      })),
    };
  });
}

/** Fields a person may have corrected, by their contract name: the request's column, the application's key. */
export const RECTIFIABLE = {
  givenName: { column: 'given_name', required: true, max: 100 },
  familyName: { column: 'family_name', required: true, max: 100 },
  email: { column: 'email', required: true, max: 254 },
  organisation: { column: 'organisation', required: true, max: 200 },
  jobTitle: { column: 'job_title', required: false, max: 200 },
  managerEmail: { column: 'manager_email', required: false, max: 254 },
  accommodation: { column: 'accommodation', required: false, max: 500 },
  comment: { column: 'comment', required: false, max: 1000 },
} as const;
export type RectifiableField = keyof typeof RECTIFIABLE;

/** The rectifiable fields a trainer application has. */
const APPLICATION_FIELDS: readonly RectifiableField[] = ['givenName', 'familyName', 'email', 'organisation', 'jobTitle'];

export class RectifyError extends Error {}

const Email = z.email();

/** Checks a corrected value as the forms check what they send. */
function checkValue(field: RectifiableField, value: string): string | null {
  const rule = RECTIFIABLE[field];
  const trimmed = value.trim();
  if (!trimmed) {
    if (rule.required) throw new RectifyError(`${field} ne peut pas être vide.`);
    return null;
  }
  if (trimmed.length > rule.max) throw new RectifyError(`${field} dépasse ${rule.max} caractères.`);
  const multiline = field === 'accommodation' || field === 'comment';
  if (textProblem(trimmed, multiline)) throw new RectifyError(`${field} contient des caractères interdits.`);
  if ((field === 'email' || field === 'managerEmail') && !Email.safeParse(trimmed).success) throw new RectifyError(`${field} n'est pas une adresse électronique valide.`);
  return trimmed;
}

/** Right to rectification: one field of every record of that person. Returns how many records changed. */
export async function rectify(database: Database, email: string, field: string, value: string, actor: Actor, now: Date): Promise<number> {
  if (!(field in RECTIFIABLE)) throw new RectifyError(`Champ inconnu : ${field}. Champs possibles : ${Object.keys(RECTIFIABLE).join(', ')}.`);
  const key = field as RectifiableField;
  const corrected = checkValue(key, value);
  const at = now.toISOString();
  return database.transaction(async (tx) => {
    let changed = 0;
    for (const row of await enrolmentsOf(tx, email)) {
      const set: Partial<EnrolmentRow> = { [RECTIFIABLE[key].column]: corrected, updated_at: at, version: Number(row.version) + 1 };
      if (key === 'email') {
        set.email_norm = normaliseEmail(corrected!);
        set.dedupe_key = enrolmentDedupeKey({ email: corrected!, courseId: row.course_id, sessionId: row.session_id ?? undefined });
      }
      await tx.updateTable('enrolments').set(set).where('id', '=', row.id).execute();
      await audit(tx, now, actor, { entity: 'enrolment', entityId: row.id, action: 'rectified', fields: [RECTIFIABLE[key].column] });
      changed++;
    }
    for (const row of await applicationsOf(tx, email)) {
      if (!APPLICATION_FIELDS.includes(key)) continue;
      const doc = JSON.parse(row.doc) as Record<string, unknown>;
      if (corrected === null) delete doc[key];
      else doc[key] = corrected;
      const set: Partial<ApplicationRow> = { doc: JSON.stringify(doc), updated_at: at, version: Number(row.version) + 1 };
      if (key === 'email') set.email_norm = normaliseEmail(corrected!);
      await tx.updateTable('trainer_applications').set(set).where('id', '=', row.id).execute();
      await audit(tx, now, actor, { entity: 'trainer_application', entityId: row.id, action: 'rectified', fields: [key] });
      changed++;
    }
    return changed;
  });
}

const ENROLMENT_PERSONAL = ['given_name', 'family_name', 'email', 'organisation', 'job_title', 'manager_email', 'accommodation', 'comment', 'locale', 'attendance'] as const;

/** Erases the content of messages: those of a record, or all sent to an address. */
async function eraseMessages(tx: Tx, where: { enrolmentId?: string; applicationId?: string; recipient?: string }, at: string): Promise<void> {
  let query = tx
    .updateTable('outbox')
    .set({ recipient: 'efface@erased.invalid', recipient_name: null, subject: ERASED, text: ERASED, html: ERASED, calendar: null, attachments: null, headers: null, erased_at: at })
    .where('erased_at', 'is', null);
  if (where.enrolmentId) query = query.where('enrolment_id', '=', where.enrolmentId);
  else if (where.applicationId) query = query.where('application_id', '=', where.applicationId);
  else query = query.where('recipient', '=', where.recipient ?? '');
  // A message still to send is not sent any more: its recipient is gone.
  await query.execute();
  await tx.updateTable('outbox').set({ status: 'suppressed' }).where('erased_at', '=', at).where('status', '=', 'pending').execute();
}

/** Erases one request's personal fields, keeping its status, course, session and dates. */
export async function eraseEnrolment(tx: Tx, id: string, actor: Actor, now: Date): Promise<void> {
  const at = now.toISOString();
  await tx
    .updateTable('enrolments')
    .set({
      given_name: ERASED,
      family_name: ERASED,
      email: erasedEmail(id),
      email_norm: erasedEmail(id),
      dedupe_key: `erased:${id}`,
      organisation: ERASED,
      job_title: null,
      manager_email: null,
      accommodation: null,
      comment: null,
      locale: null,
      attendance: null,
      idempotency_key: null,
      erased_at: at,
      updated_at: at,
    })
    .where('id', '=', id)
    .execute();
  await eraseMessages(tx, { enrolmentId: id }, at);
  await tx.updateTable('tokens').set({ revoked_at: at }).where('enrolment_id', '=', id).where('revoked_at', 'is', null).execute();
  await audit(tx, now, actor, { entity: 'enrolment', entityId: id, action: 'erased', fields: [...ENROLMENT_PERSONAL, 'messages'] });
}

/** Erases one trainer application's content, keeping its review state and dates. */
export async function eraseApplication(tx: Tx, id: string, actor: Actor, now: Date): Promise<void> {
  const at = now.toISOString();
  await tx
    .updateTable('trainer_applications')
    .set({
      doc: JSON.stringify({ erased: true }),
      email_norm: erasedEmail(id),
      content_hash: `erased:${id}`,
      notes: null,
      idempotency_key: null,
      erased_at: at,
      updated_at: at,
    })
    .where('id', '=', id)
    .execute();
  await eraseMessages(tx, { applicationId: id }, at);
  await audit(tx, now, actor, { entity: 'trainer_application', entityId: id, action: 'erased', fields: ['doc', 'notes', 'messages'] });
}

/** Right to erasure: every record of that person. */
export async function erasePerson(database: Database, email: string, actor: Actor, now: Date): Promise<{ enrolments: number; trainerApplications: number }> {
  return database.transaction(async (tx) => {
    const enrolments = await enrolmentsOf(tx, email);
    const applications = await applicationsOf(tx, email);
    for (const e of enrolments) await eraseEnrolment(tx, e.id, actor, now);
    for (const a of applications) await eraseApplication(tx, a.id, actor, now);
    const norm = normaliseEmail(email);
    const at = now.toISOString();
    // Everything else that holds the address: messages to it (a manager's too), links, alerts, counters.
    await eraseMessages(tx, { recipient: norm }, at);
    await tx.updateTable('tokens').set({ revoked_at: at, email_norm: null }).where('email_norm', '=', norm).execute();
    const subscriptions = await tx.selectFrom('subscriptions').select('id').where('email_norm', '=', norm).where('erased_at', 'is', null).execute();
    for (const sub of subscriptions) {
      await tx
        .updateTable('subscriptions')
        .set({ email: `efface-${sub.id}@erased.invalid`, email_norm: `efface-${sub.id}@erased.invalid`, unsubscribed_at: at, erased_at: at })
        .where('id', '=', sub.id)
        .execute();
      await audit(tx, now, actor, { entity: 'subscription', entityId: sub.id, action: 'erased', fields: ['email'] });
    }
    await tx.deleteFrom('link_requests').where('email', '=', email.trim()).execute();
    await tx.deleteFrom('rate_limits').where('bucket', '=', `email:${norm}`).execute();
    return { enrolments: enrolments.length, trainerApplications: applications.length };
  });
}

// ------------------------------------------------------------ retention

const addMonths = (iso: string, months: number) => {
  const d = new Date(iso);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d;
};

/** The notices' structured retention periods, by notice id. */
async function retentionByNotice(db: Database['db']): Promise<Map<string, RetentionPeriods>> {
  const rows = await db.selectFrom('reference_items').select('doc').where('kind', '=', 'privacy_notice').execute();
  const out = new Map<string, RetentionPeriods>();
  for (const row of rows) {
    const parsed = PrivacyNotice.safeParse(JSON.parse(row.doc));
    if (parsed.success && parsed.data.retentionPeriods) out.set(parsed.data.id, parsed.data.retentionPeriods);
  }
  return out;
}

/** How long the content of a message is kept. */
export const MESSAGE_MONTHS = 12;

async function eraseOldMessages(tx: Tx, before: string, at: string): Promise<void> {
  await tx
    .updateTable('outbox')
    .set({ recipient: 'efface@erased.invalid', recipient_name: null, subject: ERASED, text: ERASED, html: ERASED, calendar: null, attachments: null, headers: null, erased_at: at })
    .where('erased_at', 'is', null)
    .where('status', 'in', ['sent', 'failed', 'suppressed'])
    .where('created_at', '<', before)
    .execute();
}

/** Requests with no follow-up: erased `unansweredMonths` after they were made. */
const UNANSWERED = new Set(['refused', 'cancelled', 'waitlisted']);

/**
 * Erases what has passed the retention its privacy notice states: a request
 * `afterSessionMonths` after its session's end (or, with no session or no
 * follow-up, `unansweredMonths` after it was made); a trainer application
 * `unansweredMonths` after it was made, or `afterLastActivityMonths` after its
 * last change once accepted. A notice without periods erases nothing.
 */
export async function purgeExpired(database: Database, now: Date): Promise<{ enrolments: number; trainerApplications: number }> {
  const periods = await retentionByNotice(database.db);
  // The trainers' notice, found as the catalogue finds it.
  const trainerNoticeId = [...periods.keys()].find((id) => /formateur|trainer/i.test(id));
  const { db } = database;
  const enrolments = await db
    .selectFrom('enrolments')
    .innerJoin('courses', 'courses.id', 'enrolments.course_id')
    .leftJoin('sessions', 'sessions.id', 'enrolments.session_id')
    .select(['enrolments.id', 'enrolments.status', 'enrolments.created_at', 'courses.doc as course', 'sessions.doc as session'])
    .where('enrolments.erased_at', 'is', null)
    .execute();
  const expired: string[] = [];
  for (const e of enrolments) {
    const notice = (JSON.parse(e.course) as { privacyNoticeId?: string }).privacyNoticeId;
    const p = notice ? periods.get(notice) : undefined;
    if (!p) continue;
    const slots = e.session ? (JSON.parse(e.session) as { slots?: { end: string }[] }).slots : undefined;
    const end = slots?.length ? slots[slots.length - 1].end : undefined;
    const due =
      end && !UNANSWERED.has(e.status)
        ? p.afterSessionMonths !== undefined && addMonths(end, p.afterSessionMonths)
        : p.unansweredMonths !== undefined && addMonths(e.created_at, p.unansweredMonths);
    if (due && due <= now) expired.push(e.id);
  }
  const trainer = trainerNoticeId ? periods.get(trainerNoticeId) : undefined;
  const applications = trainer
    ? await db.selectFrom('trainer_applications').select(['id', 'review_state', 'created_at', 'updated_at']).where('erased_at', 'is', null).execute()
    : [];
  const expiredApplications = applications
    .filter((a) => {
      const due =
        a.review_state === 'accepted'
          ? trainer!.afterLastActivityMonths !== undefined && addMonths(a.updated_at, trainer!.afterLastActivityMonths)
          : trainer!.unansweredMonths !== undefined && addMonths(a.created_at, trainer!.unansweredMonths);
      return due && due <= now;
    })
    .map((a) => a.id);
  const system: Actor = { kind: 'system' };
  // In batches: a first run on an old database must not hold the lock for long.
  for (let i = 0; i < expired.length; i += 200) {
    await database.transaction(async (tx) => {
      for (const id of expired.slice(i, i + 200)) await eraseEnrolment(tx, id, system, now);
    });
  }
  for (let i = 0; i < expiredApplications.length; i += 200) {
    await database.transaction(async (tx) => {
      for (const id of expiredApplications.slice(i, i + 200)) await eraseApplication(tx, id, system, now);
    });
  }
  await db.deleteFrom('rate_limits').where('window_start', '<', new Date(now.getTime() - 2 * 3600_000).toISOString()).execute();
  // A message's copy is kept 12 months (proof of what was said), its record beyond without its content.
  const old = addMonths(now.toISOString(), -MESSAGE_MONTHS).toISOString();
  await database.transaction((tx) => eraseOldMessages(tx, old, now.toISOString()));
  return { enrolments: expired.length, trainerApplications: expiredApplications.length };
}

/** The retention purge, daily, once across instances. */
export const retentionJob: JobDefinition = {
  name: 'retention-purge',
  everyMs: 24 * 3600 * 1000,
  leaseMs: 30 * 60_000,
  async run({ database, now }) {
    await purgeExpired(database, now);
  },
};
