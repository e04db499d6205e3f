/**
 * The demonstration mode of the office (`npm start`, `npm run api -- --demo`):
 * the development provider on 127.0.0.1, and the grants of its demo accounts.
 * Loaded only in that mode; the service refuses it when NODE_ENV=production.
 */
import type { ServiceConfig } from '../../server/config.js';
import { addStaff } from '../../server/office/staff.js';
import { audit } from '../../server/lifecycle.js';
import type { Database } from '../../server/storage/database.js';
import { DEMO_ACCOUNTS, startDevProvider, type DevProvider } from './oidc-provider.js';

/** The provider's usual port, so that a restart keeps its issuer (any free port when taken). */
export const DEMO_OIDC_PORT = 8790;

export const DEMO_GRANTS = [
  { email: DEMO_ACCOUNTS[0].email, role: 'campus' as const },
  { email: DEMO_ACCOUNTS[1].email, role: 'organisation' as const, organisationId: 'atn-quebec' },
];

export class DemoRefused extends Error {}

/** Starts the development provider and gives the service its settings (unless OIDC_PROVIDERS names real ones). */
export async function startDemo(config: ServiceConfig, env: NodeJS.ProcessEnv = process.env): Promise<{ config: ServiceConfig; provider?: DevProvider }> {
  if (config.production || env.NODE_ENV === 'production') {
    throw new DemoRefused('Le mode démonstration (--demo, fournisseur d’identité de développement) est refusé quand NODE_ENV=production.');
  }
  if (config.oidcProviders.length) return { config };
  const port = Number(env.DEMO_OIDC_PORT ?? DEMO_OIDC_PORT);
  let provider: DevProvider;
  try {
    provider = await startDevProvider({ port });
  } catch {
    provider = await startDevProvider({ port: 0 });
  }
  return { config: { ...config, oidcProviders: [provider.setting] }, provider };
}

/**
 * Grants the demo accounts their roles, once. A demo grant bound to another
 * development provider (another port, another run) is unbound, so that it
 * binds again to this one at the next sign-in.
 */
export async function grantDemoAccounts(database: Database, issuer: string, now = new Date()): Promise<void> {
  const actor = { kind: 'system' as const, id: 'demo' };
  for (const grant of DEMO_GRANTS) {
    const live = await database.db.selectFrom('office_staff').selectAll().where('email', '=', grant.email).where('removed_at', 'is', null).executeTakeFirst();
    if (!live) {
      const org = grant.role === 'organisation' ? await database.db.selectFrom('organisations').select('id').where('id', '=', grant.organisationId!).executeTakeFirst() : true;
      if (org) await addStaff(database, grant, actor, now);
      continue;
    }
    if (live.issuer && live.issuer !== issuer && /^http:\/\/127\.0\.0\.1:\d+$/.test(live.issuer)) {
      await database.transaction(async (tx) => {
        await tx.updateTable('office_staff').set({ issuer: null, subject: null, bound_at: null }).where('id', '=', live.id).execute();
        await audit(tx, now, actor, { entity: 'staff', entityId: live.id, action: 'unbound', fields: ['issuer', 'subject'] });
      });
    }
  }
}
