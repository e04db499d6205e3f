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
import { digestMessage, requestMessage } from './templates.js';

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
