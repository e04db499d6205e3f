/**
 * E-mails: the transactional outbox (each message written in the transaction
 * of the change it reports, sent later by one instance), the confirmation of
 * a request by its agent, the organisations' notification addresses and a
 * session's private joining link (neither is ever in the public API).
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('outbox')
    .addColumn('id', 'text', (c) => c.primaryKey())
    // One message per event: a retry, a crash or a second instance never writes it twice.
    .addColumn('dedupe_key', 'text', (c) => c.notNull().unique())
    // The same Message-ID on every attempt: a duplicate delivery is recognisable.
    .addColumn('message_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('recipient', 'text', (c) => c.notNull())
    .addColumn('recipient_name', 'text')
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('enrolment_id', 'text')
    .addColumn('application_id', 'text')
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('html', 'text', (c) => c.notNull())
    .addColumn('calendar', 'text')
    .addColumn('calendar_method', 'text')
    .addColumn('attachments', 'text')
    .addColumn('headers', 'text')
    // To an address that did not ask (yet): counted against the per-recipient limit.
    .addColumn('unsolicited', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'text', (c) => c.notNull())
    .addColumn('last_error', 'text')
    .addColumn('sent_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('erased_at', 'text')
    .execute();
  await db.schema.createIndex('outbox_due').on('outbox').columns(['status', 'next_attempt_at']).execute();
  await db.schema.createIndex('outbox_recipient').on('outbox').columns(['recipient', 'created_at']).execute();
  await db.schema.createIndex('outbox_enrolment').on('outbox').column('enrolment_id').execute();

  await db.schema.alterTable('enrolments').addColumn('confirmed_at', 'text').execute();
  await db.schema.alterTable('sessions').addColumn('join_url', 'text').execute();
  await db.schema.alterTable('organisations').addColumn('notification_emails', 'text').execute();
}
