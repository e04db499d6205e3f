/**
 * Who may use the office. Access is granted, never assumed: a grant names an
 * e-mail address and a role (`campus`, or `organisation` with its
 * organisation), is bound to the identity (issuer, `sub`) that first signs in
 * with that address, and refuses any other identity afterwards. The command
 * line (`npm run staff`) and the office's "Équipe" page use these functions;
 * every change is audited.
 */
import { randomUUID } from 'node:crypto';
import type { Selectable } from 'kysely';
import * as z from 'zod/mini';
import { audit, type Actor } from '../lifecycle.js';
import type { Database, Runner, Tx } from '../storage/database.js';
import type { OfficeStaffTable } from '../storage/schema.js';
import { normaliseEmail } from '../util.js';

export const ROLES = ['campus', 'organisation'] as const;
export type Role = (typeof ROLES)[number];

export type StaffRow = Selectable<OfficeStaffTable>;

/** A signed-in staff member, as every office route sees them. */
export interface StaffMember {
  id: string;
  email: string;
  role: Role;
  /** The organisation an `organisation` member acts for. */
  organisationId: string | null;
  name: string;
}

export const memberOf = (row: StaffRow): StaffMember => ({
  id: row.id,
  email: row.email,
  role: row.role === 'campus' ? 'campus' : 'organisation',
  organisationId: row.role === 'campus' ? null : row.organisation_id,
  name: row.display_name ?? row.email,
});

export class StaffError extends Error {
  constructor(
    readonly code: 'invalid_email' | 'invalid_role' | 'unknown_organisation' | 'exists' | 'not_found' | 'self',
    message: string,
  ) {
    super(message);
  }
}

const Email = z.email();

export interface GrantInput {
  email: string;
  role: string;
  organisationId?: string | null;
}

/** Grants office access to an address; refused if it already has a live grant. */
export async function addStaff(database: Database, input: GrantInput, actor: Actor, now: Date): Promise<StaffRow> {
  const email = normaliseEmail(input.email);
  if (!Email.safeParse(email).success || email.length > 254) throw new StaffError('invalid_email', `Adresse électronique invalide : ${input.email}`);
  if (!(ROLES as readonly string[]).includes(input.role)) throw new StaffError('invalid_role', 'Le rôle est « campus » ou « organisation ».');
  const organisationId = input.role === 'organisation' ? (input.organisationId ?? '').trim() : null;
  return database.transaction(async (tx) => {
    if (input.role === 'organisation') {
      const org = organisationId ? await tx.selectFrom('organisations').select('id').where('id', '=', organisationId).executeTakeFirst() : undefined;
      if (!org) {
        const any = await tx.selectFrom('organisations').select('id').limit(1).executeTakeFirst();
        const hint = any ? 'Le rôle « organisation » en demande une existante (--organisation ID).' : 'Aucune organisation en base : importez d’abord le catalogue (npm run seed).';
        throw new StaffError('unknown_organisation', `Organisation inconnue : ${organisationId || '(aucune)'}. ${hint}`);
      }
    }
    const live = await tx.selectFrom('office_staff').select('id').where('email', '=', email).where('removed_at', 'is', null).executeTakeFirst();
    if (live) throw new StaffError('exists', `${email} a déjà un accès.`);
    const row: StaffRow = {
      id: randomUUID(),
      email,
      role: input.role,
      organisation_id: organisationId,
      issuer: null,
      subject: null,
      display_name: null,
      created_at: now.toISOString(),
      created_by: actor.id ?? actor.kind,
      bound_at: null,
      last_sign_in_at: null,
      removed_at: null,
      removed_by: null,
    };
    await tx.insertInto('office_staff').values(row).execute();
    await audit(tx, now, actor, { entity: 'staff', entityId: row.id, action: 'granted', to: row.role, fields: ['email', 'role', 'organisation_id'] });
    return row;
  });
}

export async function listStaff(db: Runner, options: { includeRemoved?: boolean } = {}): Promise<StaffRow[]> {
  let query = db.selectFrom('office_staff').selectAll();
  if (!options.includeRemoved) query = query.where('removed_at', 'is', null);
  return query.orderBy('role').orderBy('organisation_id').orderBy('email').execute();
}

/** Ends a grant at once: its sessions go with it, and the next request is refused. */
export async function removeStaff(database: Database, idOrEmail: string, actor: Actor, now: Date, guard?: (row: StaffRow, tx: Tx) => Promise<void>): Promise<StaffRow> {
  return database.transaction(async (tx) => {
    const row = await tx
      .selectFrom('office_staff')
      .selectAll()
      .where('removed_at', 'is', null)
      .where((eb) => eb.or([eb('id', '=', idOrEmail), eb('email', '=', normaliseEmail(idOrEmail))]))
      .executeTakeFirst();
    if (!row) throw new StaffError('not_found', `Aucun accès pour ${idOrEmail}.`);
    if (actor.id === row.id) throw new StaffError('self', 'On ne retire pas son propre accès.');
    await guard?.(row, tx);
    const at = now.toISOString();
    await tx.updateTable('office_staff').set({ removed_at: at, removed_by: actor.id ?? actor.kind }).where('id', '=', row.id).execute();
    await tx.deleteFrom('office_sessions').where('staff_id', '=', row.id).execute();
    await audit(tx, now, actor, { entity: 'staff', entityId: row.id, action: 'removed', from: row.role, fields: ['removed_at'] });
    return { ...row, removed_at: at };
  });
}

export type SignInOutcome = { kind: 'granted'; member: StaffMember } | { kind: 'no_access' } | { kind: 'identity_mismatch' };

/**
 * Who an identity is in the office: the grant bound to it; or, at the first
 * sign-in, the live grant of its address, which is bound to it from then on.
 * A grant already bound to another identity refuses this one.
 */
export async function staffForIdentity(
  database: Database,
  identity: { issuer: string; subject: string; email: string; name: string },
  now: Date,
): Promise<SignInOutcome> {
  return database.transaction(async (tx) => {
    const at = now.toISOString();
    const bound = await tx
      .selectFrom('office_staff')
      .selectAll()
      .where('issuer', '=', identity.issuer)
      .where('subject', '=', identity.subject)
      .where('removed_at', 'is', null)
      .executeTakeFirst();
    if (bound) {
      await tx.updateTable('office_staff').set({ last_sign_in_at: at, display_name: identity.name }).where('id', '=', bound.id).execute();
      return { kind: 'granted', member: memberOf({ ...bound, display_name: identity.name }) };
    }
    const byEmail = await tx
      .selectFrom('office_staff')
      .selectAll()
      .where('email', '=', normaliseEmail(identity.email))
      .where('removed_at', 'is', null)
      .executeTakeFirst();
    if (!byEmail) return { kind: 'no_access' };
    if (byEmail.subject !== null) {
      await audit(tx, now, { kind: 'system' }, { entity: 'staff', entityId: byEmail.id, action: 'sign_in_refused', fields: ['issuer', 'subject'] });
      return { kind: 'identity_mismatch' };
    }
    const updated = await tx
      .updateTable('office_staff')
      .set({ issuer: identity.issuer, subject: identity.subject, bound_at: at, last_sign_in_at: at, display_name: identity.name })
      .where('id', '=', byEmail.id)
      .where('subject', 'is', null)
      .executeTakeFirst();
    // A twin sign-in bound it meanwhile: the first identity wins.
    if (Number(updated.numUpdatedRows) !== 1) return { kind: 'identity_mismatch' };
    await audit(tx, now, { kind: 'staff', id: byEmail.id }, { entity: 'staff', entityId: byEmail.id, action: 'bound', fields: ['issuer', 'subject'] });
    return { kind: 'granted', member: memberOf({ ...byEmail, display_name: identity.name }) };
  });
}
