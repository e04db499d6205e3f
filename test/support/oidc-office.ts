/**
 * An office on this test file's database, with the development provider in
 * front: the accounts every office test signs in with, and their grants.
 */
import { after } from 'node:test';
import { confirmRequest } from '../../server/lifecycle.js';
import { addStaff } from '../../server/office/staff.js';
import type { CatalogueData } from '../../server/catalogue.js';
import { enrolment, fixture, makeApp, ORIGIN, post, type TestService, type TestServiceOptions } from '../api/fixture.js';
import { DEMO_ACCOUNTS, startDevProvider, type DevAccount, type DevProvider } from './oidc-provider.js';
import { signedIn, type OfficeBrowser } from './oidc-signin.js';

export const SECURE_ORIGIN = 'https://campus.test';

/** The demo accounts, plus a partner of another organisation and an impostor with the campus account's address. */
export const TEST_ACCOUNTS: DevAccount[] = [
  ...DEMO_ACCOUNTS,
  { sub: 'cfssi-1', email: 'formation@cfssi.test', givenName: 'Sacha', usualName: 'Roux', password: 'campus' },
  { sub: 'insp-1', email: 'scolarite@insp.test', givenName: 'Lou', usualName: 'Petit', password: 'campus' },
  { login: 'imposteur', sub: 'impostor', email: 'gestion@campus.test', givenName: 'Faux', usualName: 'Compte', password: 'campus' },
];

export const CAMPUS = 'gestion@campus.test';
export const ATN = 'partenaire@atn-quebec.test';
export const CFSSI = 'formation@cfssi.test';
export const INSP = 'scolarite@insp.test';

let provider: Promise<DevProvider> | undefined;

/** This file's development provider (one per test file). */
export function devProvider(): Promise<DevProvider> {
  provider ??= startDevProvider({ accounts: TEST_ACCOUNTS, officeOrigins: [ORIGIN, SECURE_ORIGIN] });
  return provider;
}

after(async () => {
  if (provider) await (await provider).close();
});

export interface TestOffice extends TestService {
  origin: string;
  /** A browser signed in as that account. */
  as(login: string): Promise<OfficeBrowser>;
}

/** The API tests' catalogue plus a course of ATN Québec's own, with a session of three seats. */
export function officeFixture(): CatalogueData {
  const data = fixture();
  const base = data.courses.find((c) => c.id === 'matinee-ia')!;
  data.courses.push({ ...base, id: 'atelier-quebec', title: 'Atelier France–Québec', providerId: 'atn-quebec', partnerIds: ['campus'] });
  const session = data.sessions.find((s) => s.id === 'ia-open')!;
  data.sessions.push({ ...session, id: 'qc-1', courseId: 'atelier-quebec', capacity: 3, seatsLeft: 3, status: 'open', timezone: 'America/Montreal' } as never);
  return data;
}

/**
 * Sends a request through the public API, as an agent's browser would, and
 * confirms it as its agent does through the receipt's link (staff process
 * confirmed requests only), unless `confirm: false`; returns its id in the store.
 */
export async function sendRequest(
  office: TestService,
  overrides: Record<string, unknown> = {},
  options: { confirm?: boolean } = {},
): Promise<{ id: string; reference: string; status: string }> {
  const response = await post(office.app, '/api/v1/enrolments', enrolment(overrides));
  if (response.status !== 201) throw new Error(`enrolment refused: ${response.status} ${await response.text()}`);
  const receipt = (await response.json()) as { reference: string; status: string };
  const { database, storage } = office.service;
  const row = await database.db.selectFrom('enrolments').selectAll().where('reference', '=', receipt.reference).executeTakeFirstOrThrow();
  if (options.confirm !== false) await database.transaction((tx) => confirmRequest(storage.lifecycle, tx, row));
  return { id: row.id, reference: receipt.reference, status: receipt.status };
}

/** The service with its office, the grants made: the campus, ATN Québec, the CFSSI and the INSP. */
export async function makeOffice(options: TestServiceOptions = {}): Promise<TestOffice> {
  const dev = await devProvider();
  const service = await makeApp({ seed: officeFixture(), ...options, config: { oidcProviders: [dev.setting], ...options.config } });
  const actor = { kind: 'system' as const, id: 'test' };
  const now = new Date();
  await addStaff(service.service.database, { email: CAMPUS, role: 'campus' }, actor, now);
  await addStaff(service.service.database, { email: ATN, role: 'organisation', organisationId: 'atn-quebec' }, actor, now);
  await addStaff(service.service.database, { email: CFSSI, role: 'organisation', organisationId: 'cfssi' }, actor, now);
  await addStaff(service.service.database, { email: INSP, role: 'organisation', organisationId: 'insp' }, actor, now);
  const origin = options.publicUrl ?? ORIGIN;
  return { ...service, origin, as: (login) => signedIn(service.app, origin, login) };
}
