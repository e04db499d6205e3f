/**
 * The staff office: staff grants (bound to an identity at first sign-in),
 * server-side sessions, sign-ins in progress, the organisations' notification
 * addresses, and an audit log that no statement can rewrite.
 */
import { sql, type Kysely } from 'kysely';
import type { Engine } from '../database.js';

export async function up(db: Kysely<unknown>, engine: Engine): Promise<void> {
  await db.schema
    .createTable('office_staff')
    .addColumn('id', 'text', (c) => c.primaryKey())
    // Normalised (trimmed, lower case): the grant is matched on it at the first sign-in.
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('organisation_id', 'text')
    // The identity the grant is bound to at its first sign-in: (issuer, sub).
    .addColumn('issuer', 'text')
    .addColumn('subject', 'text')
    .addColumn('display_name', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('bound_at', 'text')
    .addColumn('last_sign_in_at', 'text')
    .addColumn('removed_at', 'text')
    .addColumn('removed_by', 'text')
    .execute();
  // One live grant per address, and one per identity; a removed grant frees both.
  await sql`create unique index office_staff_email on office_staff (email) where removed_at is null`.execute(db);
  await sql`create unique index office_staff_identity on office_staff (issuer, subject) where removed_at is null and subject is not null`.execute(db);

  await db.schema
    .createTable('office_sessions')
    // A hash of the cookie's token: a copy of the table opens no session.
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('staff_id', 'text', (c) => c.notNull())
    .addColumn('provider_id', 'text', (c) => c.notNull())
    .addColumn('csrf_token', 'text', (c) => c.notNull())
    // For the provider's sign-out (`id_token_hint`).
    .addColumn('id_token', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('office_sessions_staff').on('office_sessions').column('staff_id').execute();
  await db.schema.createIndex('office_sessions_expiry').on('office_sessions').column('expires_at').execute();

  await db.schema
    .createTable('office_logins')
    // A hash of the `state` sent to the provider.
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('provider_id', 'text', (c) => c.notNull())
    .addColumn('code_verifier', 'text', (c) => c.notNull())
    .addColumn('nonce', 'text', (c) => c.notNull())
    // A hash of the cookie set in the browser that started the sign-in: only it may finish it.
    .addColumn('browser_hash', 'text', (c) => c.notNull())
    .addColumn('return_to', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('office_logins_created').on('office_logins').column('created_at').execute();

  await db.schema.createIndex('enrolments_created').on('enrolments').column('created_at').execute();
  await db.schema.createIndex('audit_log_at').on('audit_log').column('at').execute();

  // The notification addresses may already be there (the e-mail migration adds them too).
  const organisations = (await db.introspection.getTables()).find((t) => t.name === 'organisations');
  if (!organisations?.columns.some((c) => c.name === 'notification_emails')) {
    await db.schema.alterTable('organisations').addColumn('notification_emails', 'text').execute();
  }

  // The audit log only grows: an entry is never rewritten (nor, on PostgreSQL, deleted).
  if (engine === 'postgres') {
    await sql`create or replace function audit_log_append_only() returns trigger language plpgsql as $$
      begin raise exception 'audit_log is append-only'; end $$`.execute(db);
    await sql`create trigger audit_log_append_only before update or delete on audit_log
      for each row execute function audit_log_append_only()`.execute(db);
  } else {
    await sql`create trigger audit_log_append_only before update on audit_log
      begin select raise(abort, 'audit_log is append-only'); end`.execute(db);
  }
}
