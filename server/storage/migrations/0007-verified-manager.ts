/**
 * A manager who signs in (the office's identity providers) before deciding:
 * the address the provider vouched for, kept with the decision page's session
 * until the decision is made.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('link_sessions').addColumn('verified_email', 'text').execute();
}
