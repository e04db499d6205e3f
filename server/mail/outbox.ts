/**
 * The transactional outbox: each message is written in the transaction of
 * the change it reports (a `transition()` listener, the confirmation, a
 * session change, a job), then sent by one instance (sender.ts). Each has a
 * unique `dedupe_key` (the same event never writes two messages) and a
 * Message-ID kept on every attempt.
 *
 * No relay for strangers: anyone can type any address into a public form, so
 * a message to an address that did not ask for it (the receipt before the
 * request is confirmed, the manager's request) is unsolicited, and at most
 * three go to one address in 24 hours; the others are kept as `suppressed`.
 */
import { randomUUID } from 'node:crypto';
import { buildIcs } from '../../src/api/ics.js';
import { holdsSeat, type LifecycleContext, type StatusChange, type TransitionListener, type EnrolmentRow, type ReadRows } from '../lifecycle.js';
import { issueToken, linkUrl } from '../links.js';
import type { Tx } from '../storage/database.js';
import type { SessionsTable } from '../storage/schema.js';
import type { Selectable } from 'kysely';
import { normaliseEmail } from '../util.js';
import { mailLocale, render, type MailLocale, type MailParts } from './format.js';
import { calendarNote, managerMessage, requestMessage, trainerMessage, type RequestFacts, type RequestMessageKind, type SessionFacts, type TrainerMessageKind } from './templates.js';

export interface MailSettings {
  /** The sender (MAIL_FROM), also the invitations' ORGANIZER. */
  from: { name: string; address: string };
  /** The service's public address: links in messages. */
  publicUrl: () => string;
  /** The domain of Message-IDs and calendar UIDs. */
  domain: string;
}

/** At most this many unsolicited messages to one address in 24 hours. */
export const UNSOLICITED_PER_DAY = 3;

export interface OutboxMessage {
  dedupeKey: string;
  kind: string;
  to: { name?: string; address: string };
  locale: MailLocale;
  enrolmentId?: string;
  applicationId?: string;
  parts: MailParts;
  calendar?: { ics: string; method: 'REQUEST' | 'CANCEL' };
  attachments?: { filename: string; contentType: string; content: string }[];
  headers?: Record<string, string>;
  unsolicited?: boolean;
}

export type EnqueueResult = 'queued' | 'duplicate' | 'suppressed';

/** Parses `MAIL_FROM` ("Name <address>" or a bare address). */
export function parseFrom(value: string | undefined): { name: string; address: string } {
  const fallback = { name: 'Campus du numérique public', address: 'ne-pas-repondre@campus.numerique.gouv.fr' };
  if (!value?.trim()) return fallback;
  const m = /^\s*(?:"?([^"<]*?)"?\s*)?<([^<>\s]+@[^<>\s]+)>\s*$/.exec(value) ?? /^\s*()([^<>\s]+@[^<>\s]+)\s*$/.exec(value);
  return m ? { name: m[1]?.trim() || fallback.name, address: m[2] } : fallback;
}

/** Writes one message in the caller's transaction. */
export async function enqueue(tx: Tx, settings: MailSettings, message: OutboxMessage, now: Date): Promise<EnqueueResult> {
  const recipient = normaliseEmail(message.to.address);
  let status = 'pending';
  if (message.unsolicited) {
    const since = new Date(now.getTime() - 24 * 3600 * 1000).toISOString();
    const recent = await tx
      .selectFrom('outbox')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('recipient', '=', recipient)
      .where('unsolicited', '=', 1)
      .where('status', '<>', 'suppressed')
      .where('created_at', '>', since)
      .executeTakeFirstOrThrow();
    if (Number(recent.n) >= UNSOLICITED_PER_DAY) status = 'suppressed';
  }
  const { text, html } = render(message.parts, message.locale);
  const id = randomUUID();
  const inserted = await tx
    .insertInto('outbox')
    .values({
      id,
      dedupe_key: message.dedupeKey,
      message_id: `<${id}@${settings.domain}>`,
      kind: message.kind,
      recipient,
      recipient_name: message.to.name ?? null,
      locale: message.locale,
      enrolment_id: message.enrolmentId ?? null,
      application_id: message.applicationId ?? null,
      subject: message.parts.subject,
      text,
      html,
      calendar: message.calendar?.ics ?? null,
      calendar_method: message.calendar?.method ?? null,
      attachments: message.attachments ? JSON.stringify(message.attachments) : null,
      headers: message.headers ? JSON.stringify(message.headers) : null,
      unsolicited: message.unsolicited ? 1 : 0,
      status,
      attempts: 0,
      next_attempt_at: now.toISOString(),
      last_error: null,
      sent_at: null,
      created_at: now.toISOString(),
      erased_at: null,
    })
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!inserted) return 'duplicate';
  return status === 'suppressed' ? 'suppressed' : 'queued';
}

// ------------------------------------------------------------ request messages

interface Loaded {
  facts: RequestFacts;
  session?: SessionFacts & { version: number; status: string };
  locale: MailLocale;
}

/** What a request's messages read of its session. */
type SessionRow = Pick<Selectable<SessionsTable>, 'doc' | 'version' | 'join_url' | 'status'>;

/** What a request's messages say, read in the transaction; a new link to the agent's space. */
async function load(tx: Tx, settings: MailSettings, request: EnrolmentRow, now: Date, withLink = true, read: ReadRows = {}): Promise<Loaded> {
  const course = read.course ?? (await tx.selectFrom('courses').select('doc').where('id', '=', request.course_id).executeTakeFirst());
  const title = course ? (JSON.parse(course.doc) as { title?: string }).title ?? request.course_id : request.course_id;
  let row: SessionRow | undefined = read.session?.id === request.session_id ? read.session : undefined;
  if (!row && request.session_id) {
    row = await tx.selectFrom('sessions').select(['doc', 'version', 'join_url', 'status']).where('id', '=', request.session_id).executeTakeFirst();
  }
  const doc = row ? (JSON.parse(row.doc) as Omit<SessionFacts, 'joinUrl'>) : undefined;
  const session = row && doc ? { ...doc, joinUrl: row.join_url, version: Number(row.version), status: row.status } : undefined;
  const spaceUrl = withLink ? linkUrl(settings.publicUrl(), 'agent_request', await issueToken(tx, 'agent_request', { enrolmentId: request.id }, now)) : undefined;
  return {
    locale: mailLocale(request.locale),
    session,
    facts: {
      reference: request.reference,
      givenName: request.given_name,
      familyName: request.family_name,
      organisation: request.organisation,
      status: request.status,
      courseTitle: title,
      session,
      reason: request.reason,
      spaceUrl,
    },
  };
}

function invitation(settings: MailSettings, request: EnrolmentRow, loaded: Loaded, method: 'REQUEST' | 'CANCEL', now: Date) {
  const session = loaded.session;
  if (!session) return undefined;
  const place = session.online && !session.location ? undefined : [session.location?.name, session.location?.address].filter(Boolean).join(', ');
  const ics = buildIcs({
    reference: request.reference,
    status: request.status,
    stamp: now,
    summary: loaded.facts.courseTitle,
    description: calendarNote(loaded.locale),
    location: place || undefined,
    url: request.status === 'accepted' && session.online && session.joinUrl ? session.joinUrl : undefined,
    days: session.slots,
    // A request-level cancellation follows the last version sent: one more.
    sequence: method === 'CANCEL' && session.status !== 'cancelled' ? session.version + 1 : session.version,
    method,
    organizer: { name: settings.from.name, email: settings.from.address },
    attendee: { name: `${request.given_name} ${request.family_name}`, email: request.email },
    uidDomain: settings.domain,
  });
  return { ics, method };
}

/** Whether an invitation was ever sent for this request (a cancellation then withdraws it). */
async function wasInvited(tx: Tx, requestId: string): Promise<boolean> {
  const row = await tx.selectFrom('outbox').select('id').where('enrolment_id', '=', requestId).where('calendar_method', '=', 'REQUEST').executeTakeFirst();
  return !!row;
}

async function waitlistRank(tx: Tx, request: EnrolmentRow): Promise<number | undefined> {
  if (!request.session_id) return undefined;
  const ahead = await tx
    .selectFrom('enrolments')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('session_id', '=', request.session_id)
    .where('status', '=', 'waitlisted')
    .where('status_changed_at', '<', request.status_changed_at)
    .executeTakeFirstOrThrow();
  return Number(ahead.n) + 1;
}

/** The message a status change calls for, if any. */
function kindOf(change: StatusChange): RequestMessageKind | undefined {
  const { from, to, actor } = change;
  if (from === null) return 'receipt';
  if (to === 'refused') return 'refused';
  if (to === 'cancelled') return 'cancelled';
  if (to === 'waitlisted') return 'waitlisted';
  if (from === 'waitlisted' && holdsSeat(to)) return to === 'accepted' ? 'accepted' : 'promoted';
  if (to === 'accepted') return 'accepted';
  if (from === 'pending_manager' && to === 'submitted' && actor.kind !== 'agent') return 'manager_given';
  return undefined;
}

/** Writes, in the transaction of each status change, the agent's message about it. */
export function mailListener(settings: MailSettings, now: () => Date): TransitionListener {
  return async (tx, change) => {
    const kind = kindOf(change);
    if (!kind) return;
    const { request } = change;
    const at = now();
    const loaded = await load(tx, settings, request, at, true, change.read);
    const extra: { cancelledBy?: string; waitlistRank?: number } = {};
    let calendar: OutboxMessage['calendar'];
    if (kind === 'cancelled') {
      extra.cancelledBy = loaded.session?.status === 'cancelled' ? 'session' : (request.cancelled_by ?? 'campus');
      if (await wasInvited(tx, request.id)) calendar = invitation(settings, request, loaded, 'CANCEL', at);
    } else if (kind === 'waitlisted') {
      extra.waitlistRank = await waitlistRank(tx, request);
    } else if (kind === 'accepted' || kind === 'promoted') {
      calendar = invitation(settings, request, loaded, 'REQUEST', at);
    }
    const parts = requestMessage(kind, loaded.facts, loaded.locale, extra);
    if (calendar && calendar.method === 'REQUEST') parts.paragraphs.push(calendarNote(loaded.locale));
    if (kind === 'cancelled' && request.reason && extra.cancelledBy !== 'system') parts.paragraphs.push(request.reason);
    await enqueue(
      tx,
      settings,
      {
        dedupeKey: kind === 'receipt' ? `receipt:${request.id}` : `${kind}:${request.id}:${request.version}`,
        kind,
        to: { name: `${request.given_name} ${request.family_name}`, address: request.email },
        locale: loaded.locale,
        enrolmentId: request.id,
        parts,
        calendar,
        // Until the agent confirms, nothing proves the address is theirs.
        unsolicited: !request.confirmed_at,
      },
      at,
    );
  };
}

/** To the manager, once the agent has confirmed: who asks for what, and the decision links. */
export async function enqueueManagerRequest(tx: Tx, settings: MailSettings, request: EnrolmentRow, now: Date): Promise<EnqueueResult | undefined> {
  if (!request.manager_email) return undefined;
  const loaded = await load(tx, settings, request, now, false);
  const token = await issueToken(tx, 'manager_decision', { enrolmentId: request.id }, now);
  const base = linkUrl(settings.publicUrl(), 'manager_decision', token);
  // The manager's language is unknown: the agent's is the best guess.
  return enqueue(
    tx,
    settings,
    {
      dedupeKey: `manager-request:${request.id}`,
      kind: 'manager_request',
      to: { address: request.manager_email },
      locale: loaded.locale,
      enrolmentId: request.id,
      parts: managerMessage(loaded.facts, loaded.locale, { approve: `${base}?reponse=accord`, decline: `${base}?reponse=refus` }),
      unsolicited: true,
    },
    now,
  );
}

/** A changed session: an updated invitation to each agent who holds a confirmed seat. */
export async function enqueueSessionChanged(ctx: LifecycleContext, tx: Tx, settings: MailSettings, sessionId: string): Promise<number> {
  const now = ctx.now();
  const requests = await tx
    .selectFrom('enrolments')
    .selectAll()
    .where('session_id', '=', sessionId)
    .where('status', 'in', ['accepted', 'submitted', 'pending_manager'])
    .where('confirmed_at', 'is not', null)
    .where('erased_at', 'is', null)
    .execute();
  let queued = 0;
  for (const request of requests) {
    const loaded = await load(tx, settings, request, now);
    const calendar = (await wasInvited(tx, request.id)) ? invitation(settings, request, loaded, 'REQUEST', now) : undefined;
    const parts = requestMessage('session_changed', loaded.facts, loaded.locale);
    if (calendar) parts.paragraphs.push(calendarNote(loaded.locale));
    const result = await enqueue(
      tx,
      settings,
      {
        dedupeKey: `session-changed:${request.id}:${loaded.session?.version ?? 0}`,
        kind: 'session_changed',
        to: { name: `${request.given_name} ${request.family_name}`, address: request.email },
        locale: loaded.locale,
        enrolmentId: request.id,
        parts,
        calendar,
      },
      now,
    );
    if (result === 'queued') queued++;
  }
  return queued;
}

/** A reminder before the first day, once per request and session version. */
export async function enqueueReminder(tx: Tx, settings: MailSettings, request: EnrolmentRow, which: 'reminder_7d' | 'reminder_1d', now: Date): Promise<EnqueueResult> {
  const loaded = await load(tx, settings, request, now);
  return enqueue(
    tx,
    settings,
    {
      dedupeKey: `${which === 'reminder_7d' ? 'reminder-7d' : 'reminder-1d'}:${request.id}:${loaded.session?.version ?? 0}`,
      kind: which,
      to: { name: `${request.given_name} ${request.family_name}`, address: request.email },
      locale: loaded.locale,
      enrolmentId: request.id,
      parts: requestMessage(which, loaded.facts, loaded.locale),
    },
    now,
  );
}

export { load as loadRequestFacts };

/** To a trainer applicant: the receipt, then the office's decision. */
export async function enqueueTrainerMessage(
  tx: Tx,
  settings: MailSettings,
  application: { id: string; reference: string; doc: string },
  kind: TrainerMessageKind,
  now: Date,
  /** The application's version the decision was made on: one message per decision. */
  round?: number,
): Promise<EnqueueResult> {
  const doc = JSON.parse(application.doc) as { givenName?: string; familyName?: string; email?: string; locale?: string };
  const locale = mailLocale(doc.locale);
  return enqueue(
    tx,
    settings,
    {
      dedupeKey: round === undefined ? `${kind}:${application.id}` : `${kind}:${application.id}:${round}`,
      kind,
      to: { name: `${doc.givenName ?? ''} ${doc.familyName ?? ''}`.trim(), address: doc.email ?? '' },
      locale,
      applicationId: application.id,
      parts: trainerMessage(kind, { givenName: doc.givenName ?? '', reference: application.reference }, locale),
      // The receipt goes to an address nobody has proved yet.
      unsolicited: kind === 'trainer_receipt',
    },
    now,
  );
}
