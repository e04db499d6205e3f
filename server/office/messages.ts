/**
 * « Messages envoyés » (campus only): every e-mail the service queued — to
 * whom, about what, when, and what became of it (sent, waiting for its next
 * attempt, failed, held without an SMTP server, not sent over a recipient's
 * daily limit, or no longer of use) — with its text as sent. In production the
 * links' tokens are masked: a link is its recipient's key, not the staff's. A
 * failed message may be sent again, audited; one held back to protect its
 * recipient may not.
 */
import { Hono } from 'hono';
import { sql } from 'kysely';
import { problem } from '../http.js';
import { audit } from '../lifecycle.js';
import { maskTokens } from '../links.js';
import { mailHeaders } from '../mail/sender.js';
import type { OfficeEnv } from './auth.js';
import { actorOf, containsPattern, dayStart, notFound, ok, onlyCampus, pageOf, query } from './common.js';
import type { OfficeContext } from './requests.js';
import { MESSAGE_KIND_LABELS, MESSAGE_STATUS_LABELS, MESSAGE_STATUSES, RETRYABLE_MESSAGES } from './vocabulary.js';

export function messageRoutes(ctx: OfficeContext): Hono<OfficeEnv> {
  const routes = new Hono<OfficeEnv>();
  routes.use('/messages', onlyCampus);
  routes.use('/messages/*', onlyCampus);
  const reveal = (text: string) => (ctx.production ? maskTokens(text) : text);

  const listQuery = (params: URLSearchParams) => {
    const statuses = params.getAll('status').filter((s) => (MESSAGE_STATUSES as readonly string[]).includes(s));
    const kind = params.get('kind');
    const q = params.get('q')?.trim().slice(0, 254);
    const from = dayStart(params.get('from'));
    const to = dayStart(params.get('to'));
    return ctx.database.db
      .selectFrom('outbox')
      .leftJoin('enrolments', 'enrolments.id', 'outbox.enrolment_id')
      .leftJoin('trainer_applications', 'trainer_applications.id', 'outbox.application_id')
      .$if(statuses.length > 0, (b) => b.where('outbox.status', 'in', statuses))
      .$if(!!kind, (b) => b.where('outbox.kind', '=', kind!))
      .$if(!!q, (b) =>
        b.where((eb) =>
          eb.or([
            eb(sql<string>`lower(outbox.recipient)`, 'like', sql<string>`${containsPattern(q!)} escape '\\'`),
            eb('enrolments.reference', '=', q!.toUpperCase()),
            eb('trainer_applications.reference', '=', q!.toUpperCase()),
          ]),
        ),
      )
      .$if(!!from, (b) => b.where('outbox.created_at', '>=', from!))
      .$if(!!to, (b) => b.where('outbox.created_at', '<', `${to!}T99`));
  };

  const summary = (r: {
    id: string;
    kind: string;
    recipient: string;
    recipient_name: string | null;
    subject: string;
    status: string;
    attempts: number | string;
    last_error: string | null;
    created_at: string;
    sent_at: string | null;
    next_attempt_at: string;
    erased_at: string | null;
    enrolment_id: string | null;
    request_reference: string | null;
    application_id: string | null;
    application_reference: string | null;
  }) => ({
    id: r.id,
    kind: r.kind,
    kindLabel: MESSAGE_KIND_LABELS[r.kind] ?? r.kind,
    recipient: r.recipient,
    recipientName: r.recipient_name,
    subject: r.subject,
    status: r.status,
    statusLabel: MESSAGE_STATUS_LABELS[r.status] ?? r.status,
    attempts: Number(r.attempts),
    lastError: r.last_error,
    createdAt: r.created_at,
    sentAt: r.sent_at,
    nextAttemptAt: r.status === 'pending' ? r.next_attempt_at : null,
    erased: r.erased_at !== null,
    request: r.enrolment_id ? { id: r.enrolment_id, reference: r.request_reference } : null,
    application: r.application_id ? { id: r.application_id, reference: r.application_reference } : null,
    retryable: (RETRYABLE_MESSAGES as readonly string[]).includes(r.status) && r.erased_at === null,
  });

  const columns = [
    'outbox.id',
    'outbox.kind',
    'outbox.recipient',
    'outbox.recipient_name',
    'outbox.subject',
    'outbox.status',
    'outbox.attempts',
    'outbox.last_error',
    'outbox.created_at',
    'outbox.sent_at',
    'outbox.next_attempt_at',
    'outbox.erased_at',
    'outbox.enrolment_id',
    'enrolments.reference as request_reference',
    'outbox.application_id',
    'trainer_applications.reference as application_reference',
  ] as const;

  routes.get('/messages', async (c) => {
    const params = query(c);
    const { page, pageSize } = pageOf(params, 50);
    const total = Number((await listQuery(params).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const rows = await listQuery(params).select(columns).orderBy('outbox.created_at', 'desc').orderBy('outbox.id', 'desc').limit(pageSize).offset((page - 1) * pageSize).execute();
    // What needs attention, whatever the filters.
    const counts = Object.fromEntries(
      (await ctx.database.db.selectFrom('outbox').select(['status', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('status').execute()).map((r) => [r.status, Number(r.n)]),
    );
    return ok({ items: rows.map(summary), total, page, pageSize, counts, tokensMasked: ctx.production, sending: ctx.mailSends });
  });

  const one = (id: string) =>
    ctx.database.db
      .selectFrom('outbox')
      .leftJoin('enrolments', 'enrolments.id', 'outbox.enrolment_id')
      .leftJoin('trainer_applications', 'trainer_applications.id', 'outbox.application_id')
      .select([...columns, 'outbox.text', 'outbox.calendar_method', 'outbox.attachments', 'outbox.headers', 'outbox.locale', 'outbox.message_id'])
      .where('outbox.id', '=', id)
      .executeTakeFirst();

  const detail = async (id: string) => {
    const r = await one(id);
    if (!r) return undefined;
    const attachments = r.attachments ? (JSON.parse(r.attachments) as { filename: string; contentType: string }[]) : [];
    const headers = mailHeaders(r.headers);
    return {
      ...summary(r),
      locale: r.locale,
      messageId: r.message_id,
      text: reveal(r.text),
      calendarMethod: r.calendar_method,
      attachments: attachments.map((a) => ({ filename: a.filename, contentType: a.contentType })),
      headers: Object.entries(headers).map(([name, value]) => ({ name, value: reveal(value) })),
      tokensMasked: ctx.production,
    };
  };

  routes.get('/messages/:id', async (c) => {
    const found = await detail(c.req.param('id'));
    return found ? ok(found) : notFound();
  });

  /** Sends a failed message again: its next attempt is now, with a fresh count of attempts. */
  routes.post('/messages/:id/retry', async (c) => {
    const id = c.req.param('id');
    const at = ctx.now();
    const outcome = await ctx.database.transaction(async (tx) => {
      const row = await tx.selectFrom('outbox').select(['status', 'erased_at']).where('id', '=', id).executeTakeFirst();
      if (!row) return 'not_found' as const;
      if (row.erased_at !== null || !(RETRYABLE_MESSAGES as readonly string[]).includes(row.status)) return 'not_retryable' as const;
      const updated = await tx
        .updateTable('outbox')
        .set({ status: 'pending', attempts: 0, next_attempt_at: at.toISOString(), last_error: null })
        .where('id', '=', id)
        .where('status', '=', row.status)
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) !== 1) return 'not_retryable' as const;
      await audit(tx, at, actorOf(c.get('member')), { entity: 'message', entityId: id, action: 'retried', from: row.status, to: 'pending', fields: ['status'] });
      return 'queued' as const;
    });
    if (outcome === 'not_found') return notFound();
    if (outcome === 'not_retryable') {
      return problem(422, { type: 'not-allowed', detail: 'Seul un message dont l’envoi a échoué peut être renvoyé.' });
    }
    return ok(await detail(id));
  });

  return routes;
}
