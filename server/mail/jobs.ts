/**
 * The clock-driven messages, each a job of the `jobs` table (one instance
 * runs it) with a dedupe key per message (a second run writes nothing):
 * the expiry of unconfirmed requests, reminders 7 days and 1 day before the
 * first day, the organisations' daily digest, and the attestation of
 * attendance once a session is over.
 */
import type { JobDefinition } from '../jobs.js';
import { expireUnconfirmed, SEAT_HOLDING, type LifecycleContext } from '../lifecycle.js';
import type { Tx } from '../storage/database.js';
import { mailLocale, render } from './format.js';
import { enqueue, enqueueReminder, loadRequestFacts, type MailSettings } from './outbox.js';
import { alertConfirmMessage, digestMessage, requestMessage, sessionOpenedMessage, type SessionFacts } from './templates.js';
import { isOffered } from '../../src/api/sessions.js';
import { issueToken, linkUrl } from '../links.js';

const HOUR = 3600_000;
const DAY = 24 * HOUR;

export const expiryJob = (ctx: LifecycleContext): JobDefinition => ({
  name: 'expire-unconfirmed',
  everyMs: 10 * 60_000,
  async run({ now }) {
    await expireUnconfirmed(ctx, now);
  },
});

/** Confirmed requests holding a seat in sessions that start within `within` from now. */
async function startingSoon(tx: Tx, now: Date, within: number) {
  return tx
    .selectFrom('enrolments')
    .innerJoin('sessions', 'sessions.id', 'enrolments.session_id')
    .selectAll('enrolments')
    .select('sessions.start_at')
    .where('enrolments.status', 'in', SEAT_HOLDING)
    .where('enrolments.confirmed_at', 'is not', null)
    .where('enrolments.erased_at', 'is', null)
    .where('sessions.status', 'not in', ['cancelled', 'closed'])
    .where('sessions.start_at', '>', now.toISOString())
    .where('sessions.start_at', '<=', new Date(now.getTime() + within).toISOString())
    .execute();
}

export const remindersJob = (settings: MailSettings): JobDefinition => ({
  name: 'reminders',
  everyMs: HOUR,
  async run({ database, now }) {
    await database.transaction(async (tx) => {
      for (const row of await startingSoon(tx, now, 7 * DAY)) {
        const { start_at: start, ...request } = row;
        // The day before: only the last reminder; a week ahead: the first one.
        const which = Date.parse(start) - now.getTime() <= DAY ? 'reminder_1d' : 'reminder_7d';
        await enqueueReminder(tx, settings, request, which, now);
      }
    });
  },
});

/** The organisations' digest of confirmed requests since their last one, to their notification addresses. */
export const digestJob = (settings: MailSettings): JobDefinition => ({
  name: 'organiser-digest',
  everyMs: DAY,
  async run({ database, now }) {
    await database.transaction(async (tx) => {
      const organisations = await tx.selectFrom('organisations').select(['id', 'doc', 'notification_emails']).where('notification_emails', 'is not', null).execute();
      for (const org of organisations) {
        const addresses = (JSON.parse(org.notification_emails ?? '[]') as string[]).filter((a) => typeof a === 'string' && a.includes('@'));
        if (!addresses.length) continue;
        const last = await tx
          .selectFrom('outbox')
          .select((eb) => eb.fn.max('created_at').as('at'))
          .where('kind', '=', 'organiser_digest')
          .where('dedupe_key', 'like', `digest:${org.id}:%`)
          .executeTakeFirst();
        const since = (last?.at as string | null) ?? new Date(now.getTime() - DAY).toISOString();
        const requests = await tx
          .selectFrom('enrolments')
          .innerJoin('courses', 'courses.id', 'enrolments.course_id')
          .selectAll('enrolments')
          .where('courses.provider_id', '=', org.id)
          .where('enrolments.confirmed_at', '>', since)
          .where('enrolments.confirmed_at', '<=', now.toISOString())
          .where('enrolments.erased_at', 'is', null)
          .orderBy('enrolments.confirmed_at')
          .execute();
        if (!requests.length) continue;
        const name = (JSON.parse(org.doc) as { name?: string }).name ?? org.id;
        const facts = [];
        for (const r of requests) facts.push((await loadRequestFacts(tx, settings, r, now, false)).facts);
        const day = now.toISOString().slice(0, 10);
        for (const address of addresses) {
          await enqueue(tx, settings, { dedupeKey: `digest:${org.id}:${day}:${address}`, kind: 'organiser_digest', to: { address }, locale: 'fr', parts: digestMessage(name, facts, 'fr') }, now);
        }
      }
    });
  },
});

/** A half-day's attendance, as the office records it: `{ "2027-03-04": { "am": "present", "pm": "absent" } }`. */
export type Attendance = Record<string, Partial<Record<'am' | 'pm', 'present' | 'absent' | 'excused'>>>;

export function halfDaysPresent(attendance: string | null): string[] {
  if (!attendance) return [];
  const parsed = JSON.parse(attendance) as Attendance;
  return Object.entries(parsed)
    .flatMap(([day, halves]) => (['am', 'pm'] as const).filter((h) => halves?.[h] === 'present').map((h) => `${day}-${h}`))
    .sort();
}

/** After a session: the attestation of attendance for the half-days attended, as a printable HTML page. */
export const attestationJob = (settings: MailSettings): JobDefinition => ({
  name: 'attestations',
  everyMs: 6 * HOUR,
  async run({ database, now }) {
    await database.transaction(async (tx) => {
      const rows = await tx
        .selectFrom('enrolments')
        .innerJoin('sessions', 'sessions.id', 'enrolments.session_id')
        .selectAll('enrolments')
        .select('sessions.doc as session_doc')
        .where('enrolments.attendance', 'is not', null)
        .where('enrolments.erased_at', 'is', null)
        .where('enrolments.status', '=', 'accepted')
        .execute();
      for (const { session_doc, ...request } of rows) {
        const slots = (JSON.parse(session_doc) as { slots: { end: string }[] }).slots;
        if (!slots.length || Date.parse(slots[slots.length - 1].end) > now.getTime()) continue;
        const present = halfDaysPresent(request.attendance);
        if (!present.length) continue;
        const loaded = await loadRequestFacts(tx, settings, request, now, false);
        const locale = mailLocale(request.locale);
        const parts = requestMessage('attestation', loaded.facts, locale);
        const halfDayLabel = locale === 'en' ? 'Half-days attended' : 'Demi-journées de présence';
        parts.facts = [...(parts.facts ?? []), [halfDayLabel, present.map((h) => h.replace(/-am$/, locale === 'en' ? ' (morning)' : ' (matin)').replace(/-pm$/, locale === 'en' ? ' (afternoon)' : ' (après-midi)'))]];
        const page = render({ ...parts, subject: parts.subject, greeting: `${request.given_name} ${request.family_name} – ${request.organisation}`, paragraphs: [locale === 'en' ? 'The Campus du numérique public certifies that the person named above attended the course below.' : 'Le Campus du numérique public atteste que la personne nommée ci-dessus a suivi la formation ci-dessous.'], actions: [] }, locale).html;
        await enqueue(
          tx,
          settings,
          {
            dedupeKey: `attestation:${request.id}`,
            kind: 'attestation',
            to: { name: `${request.given_name} ${request.family_name}`, address: request.email },
            locale,
            enrolmentId: request.id,
            parts,
            attachments: [{ filename: `attestation-${request.reference}.html`, contentType: 'text/html; charset=utf-8', content: page }],
          },
          now,
        );
      }
    });
  },
});

/**
 * A session that takes requests, for a course someone confirmed an alert for
 * (and changed since): one message per subscriber and session, with a
 * one-click unsubscribe (RFC 8058).
 */
export const sessionOpenedJob = (settings: MailSettings): JobDefinition => ({
  name: 'session-opened',
  everyMs: 10 * 60_000,
  async run({ database, now }) {
    await database.transaction(async (tx) => {
      const subscriptions = await tx
        .selectFrom('subscriptions')
        .selectAll()
        .where('confirmed_at', 'is not', null)
        .where('unsubscribed_at', 'is', null)
        .where('erased_at', 'is', null)
        .execute();
      for (const sub of subscriptions) {
        const sessions = await tx
          .selectFrom('sessions')
          .select(['id', 'doc', 'status'])
          .where('course_id', '=', sub.course_id)
          .where('updated_at', '>', sub.confirmed_at!)
          .execute();
        const course = await tx.selectFrom('courses').select('doc').where('id', '=', sub.course_id).executeTakeFirst();
        const title = course ? (JSON.parse(course.doc) as { title: string }).title : sub.course_id;
        for (const row of sessions) {
          const session = { ...(JSON.parse(row.doc) as SessionFacts & { registrationOpens?: string; registrationCloses?: string }), status: row.status };
          if (!isOffered(session, now.getTime())) continue;
          const dedupeKey = `session-opened:${sub.id}:${row.id}`;
          const already = await tx.selectFrom('outbox').select('id').where('dedupe_key', '=', dedupeKey).executeTakeFirst();
          if (already) continue;
          const token = await issueToken(tx, 'unsubscribe', { subscriptionId: sub.id }, now);
          const unsubscribe = linkUrl(settings.publicUrl(), 'unsubscribe', token);
          const locale = mailLocale(sub.locale);
          await enqueue(
            tx,
            settings,
            {
              dedupeKey,
              kind: 'session_opened',
              to: { address: sub.email },
              locale,
              parts: sessionOpenedMessage(title, session, { unsubscribe }, locale),
              headers: { 'List-Unsubscribe': `<${unsubscribe}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
            },
            now,
          );
        }
      }
    });
  },
});

/** The double opt-in: the link that confirms an alert. */
export async function enqueueAlertConfirmation(tx: Tx, settings: MailSettings, sub: { id: string; course_id: string; email: string; locale: string }, now: Date) {
  const course = await tx.selectFrom('courses').select('doc').where('id', '=', sub.course_id).executeTakeFirst();
  const title = course ? (JSON.parse(course.doc) as { title: string }).title : sub.course_id;
  const token = await issueToken(tx, 'subscription_confirm', { subscriptionId: sub.id }, now);
  const locale = mailLocale(sub.locale);
  return enqueue(
    tx,
    settings,
    {
      dedupeKey: `alert-confirm:${sub.id}:${now.toISOString().slice(0, 13)}`,
      kind: 'alert_confirm',
      to: { address: sub.email },
      locale,
      parts: alertConfirmMessage(title, linkUrl(settings.publicUrl(), 'subscription_confirm', token), locale),
      unsolicited: true,
    },
    now,
  );
}
