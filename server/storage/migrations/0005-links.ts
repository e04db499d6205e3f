/**
 * Signed links: single-purpose tokens (stored hashed, with their scope,
 * expiry and revocation), the sessions a link opens (a cookie, never the
 * token again), and the subscriptions to a course's next session.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('tokens')
    .addColumn('id', 'text', (c) => c.primaryKey())
    // SHA-256 of the token: the database never holds a usable link.
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    // agent_request, agent_all, manager_decision, subscription_confirm, unsubscribe
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('enrolment_id', 'text')
    .addColumn('email_norm', 'text')
    .addColumn('subscription_id', 'text')
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .addColumn('revoked_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('tokens_enrolment').on('tokens').column('enrolment_id').execute();
  await db.schema.createIndex('tokens_email').on('tokens').column('email_norm').execute();

  await db.schema
    .createTable('link_sessions')
    .addColumn('id_hash', 'text', (c) => c.primaryKey())
    .addColumn('token_id', 'text', (c) => c.notNull())
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('csrf', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('subscriptions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('course_id', 'text', (c) => c.notNull())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('email_norm', 'text', (c) => c.notNull())
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('confirmed_at', 'text')
    .addColumn('unsubscribed_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('erased_at', 'text')
    .execute();
  await db.schema
    .createIndex('subscriptions_one_per_course')
    .on('subscriptions')
    .columns(['email_norm', 'course_id'])
    .unique()
    .where(sql.ref('unsubscribed_at'), 'is', null)
    .execute();

  // The manager's decision: by link only, or verified by signing in with the manager's address.
  await db.schema.alterTable('enrolments').addColumn('manager_verified', 'integer').execute();
}
