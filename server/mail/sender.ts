/**
 * Sends the outbox by SMTP (nodemailer), as a job of the `jobs` table: one
 * instance at a time. Delivery is at least once: a message is marked sent
 * after the server's `250`, so a crash between the two sends it again, with
 * the same Message-ID. A failure is retried with a growing delay; after the
 * last attempt the message is `failed`, and the office shows it.
 */
import nodemailer, { type Transporter } from 'nodemailer';
import type { JobDefinition } from '../jobs.js';
import { holdsSeat } from '../lifecycle.js';
import type { Database } from '../storage/database.js';
import type { OutboxTable } from '../storage/schema.js';
import type { Selectable } from 'kysely';
import type { MailSettings } from './outbox.js';

export const MAX_ATTEMPTS = 8;
/** 1, 2, 4… minutes, up to two hours between attempts. */
export const backoffMs = (attempts: number) => Math.min(2 ** Math.max(0, attempts - 1) * 60_000, 2 * 3600_000);

type OutboxRow = Selectable<OutboxTable>;

export function smtpTransport(smtpUrl: string): Transporter {
  return nodemailer.createTransport(smtpUrl);
}

/** The headers every message is sent with, and those its kind adds (stored with it). */
export function mailHeaders(stored: string | null): Record<string, string> {
  return {
    'Auto-Submitted': 'auto-generated',
    'X-Auto-Response-Suppress': 'All',
    ...(stored ? (JSON.parse(stored) as Record<string, string>) : {}),
  };
}

/** The message as nodemailer sends it: addresses as objects, never strings a value could break. */
export function toMail(row: OutboxRow, settings: MailSettings) {
  const headers = mailHeaders(row.headers);
  return {
    messageId: row.message_id,
    date: new Date(row.created_at),
    from: { name: settings.from.name, address: settings.from.address },
    to: { name: row.recipient_name ?? '', address: row.recipient },
    subject: row.subject,
    text: row.text,
    html: row.html,
    headers,
    ...(row.calendar ? { icalEvent: { method: row.calendar_method ?? 'REQUEST', filename: 'invitation.ics', content: row.calendar } } : {}),
    ...(row.attachments ? { attachments: JSON.parse(row.attachments) as { filename: string; contentType: string; content: string }[] } : {}),
  };
}

/** A reminder for a request that no longer holds a seat is not sent. */
async function stillWanted(database: Database, row: OutboxRow): Promise<boolean> {
  if (!row.kind.startsWith('reminder') || !row.enrolment_id) return true;
  const request = await database.db.selectFrom('enrolments').select(['status', 'erased_at']).where('id', '=', row.enrolment_id).executeTakeFirst();
  return !!request && !request.erased_at && holdsSeat(request.status);
}

/** Sends what is due; returns how many were sent. */
export async function sendDue(database: Database, settings: MailSettings, transport: Transporter, now: Date, batch = 50): Promise<number> {
  const due = await database.db
    .selectFrom('outbox')
    .selectAll()
    .where('status', '=', 'pending')
    .where('next_attempt_at', '<=', now.toISOString())
    .orderBy('created_at')
    .orderBy('id')
    .limit(batch)
    .execute();
  let sent = 0;
  for (const row of due) {
    if (!(await stillWanted(database, row))) {
      await database.db.updateTable('outbox').set({ status: 'suppressed' }).where('id', '=', row.id).execute();
      continue;
    }
    try {
      await transport.sendMail(toMail(row, settings));
      await database.db
        .updateTable('outbox')
        .set({ status: 'sent', sent_at: new Date().toISOString(), attempts: Number(row.attempts) + 1, last_error: null })
        .where('id', '=', row.id)
        .execute();
      sent++;
    } catch (error) {
      const attempts = Number(row.attempts) + 1;
      // A code, never the server's reply: it may quote the recipient.
      const code = (error as { code?: unknown; responseCode?: unknown }).responseCode ?? (error as { code?: unknown }).code;
      await database.db
        .updateTable('outbox')
        .set({
          attempts,
          status: attempts >= MAX_ATTEMPTS ? 'failed' : 'pending',
          next_attempt_at: new Date(now.getTime() + backoffMs(attempts)).toISOString(),
          last_error: typeof code === 'string' || typeof code === 'number' ? String(code) : 'error',
        })
        .where('id', '=', row.id)
        .execute();
    }
  }
  return sent;
}

/** The sending job; without SMTP (development) messages stay in the outbox, shown by the office. */
export function senderJob(settings: MailSettings, transport: Transporter | undefined): JobDefinition {
  return {
    name: 'send-mail',
    everyMs: 5_000,
    leaseMs: 5 * 60_000,
    async run({ database, now }) {
      if (transport) await sendDue(database, settings, transport, now);
    },
  };
}
