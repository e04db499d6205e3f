/**
 * The manager's decision, verified: from the decision page the manager may
 * sign in with one of the office's identity providers (the office's callback,
 * no office session opened); when the address the provider vouches for is the
 * one the agent gave, the decision is marked verified, and the office says so.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CAMPUS, CFSSI, makeOffice, sendRequest, type TestOffice } from '../support/oidc-office.js';
import { OfficeBrowser, signIn } from '../support/oidc-signin.js';

const MANAGER = 'responsable@exemple.test';
let agents = 0;
const csrfOf = (page: string) => page.match(/name="csrf" value="([^"]+)"/)?.[1] ?? '';

/** A request waiting for its manager, and the manager's browser on the decision page. */
async function waitingForManager(office: TestOffice) {
  const request = await sendRequest(office, { courseId: 'piloter-donnee', sessionId: 'data-1', managerEmail: 'Responsable@Exemple.test', email: `agent${++agents}@example.gouv.fr` });
  const message = await office.service.database.db.selectFrom('outbox').select('text').where('kind', '=', 'manager_request').where('enrolment_id', '=', request.id).executeTakeFirstOrThrow();
  const link = new URL(/https?:\/\/\S+\/decision\/lien\/[A-Za-z0-9_-]{43}\?reponse=accord/.exec(message.text)![0]);
  const manager = new OfficeBrowser(office.app, office.origin);
  assert.equal((await manager.get(link.pathname + link.search)).status, 303);
  return { request, manager };
}

async function decide(office: TestOffice, manager: OfficeBrowser, requestId: string) {
  const page = await (await manager.get('/decision/')).text();
  const decided = await manager.fetch('/decision/', {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ csrf: csrfOf(page), decision: 'accord' }).toString(),
  });
  assert.equal(decided.status, 200);
  return office.service.database.db.selectFrom('enrolments').select(['status', 'manager_decision', 'manager_verified']).where('id', '=', requestId).executeTakeFirstOrThrow();
}

describe('a verified manager decision', () => {
  it('is verified when the manager signs in with the address the agent gave, and the office shows it', async () => {
    const office = await makeOffice();
    const { request, manager } = await waitingForManager(office);
    const page = await (await manager.get('/decision/')).text();
    assert.match(page, /vous pouvez d’abord vous identifier/);
    assert.match(page, /href="\/office\/api\/auth\/login\/demo\?returnTo=%2Fdecision%2F"/);

    const landing = await signIn(manager, MANAGER, 'campus', 'demo', '/decision/');
    assert.equal(landing, '/decision/?identification=ok');
    assert.equal(manager.sessionCookie(), undefined, 'signing in to decide opens no office session');
    const after = await (await manager.get('/decision/?identification=ok')).text();
    assert.match(after, /Vous êtes identifié·e comme responsable@exemple\.test : votre décision sera marquée vérifiée/);

    assert.deepEqual(await decide(office, manager, request.id), { status: 'submitted', manager_decision: 'given', manager_verified: 1 });
    const campus = await office.as(CAMPUS);
    const detail = await (await campus.get(`/office/api/requests/${request.id}`)).json();
    assert.equal(detail.managerVerified, true);
  });

  it('is recorded by link only when someone else signs in, or nobody does', async () => {
    const office = await makeOffice();
    const first = await waitingForManager(office);
    assert.equal(await signIn(first.manager, CFSSI, 'campus', 'demo', '/decision/'), '/decision/?identification=ok');
    assert.match(await (await first.manager.get('/decision/')).text(), /n’est pas celle qu’a indiquée l’agent/);
    assert.equal((await decide(office, first.manager, first.request.id)).manager_verified, 0);

    const second = await waitingForManager(office);
    assert.equal((await decide(office, second.manager, second.request.id)).manager_verified, 0);
    const campus = await office.as(CAMPUS);
    assert.equal((await (await campus.get(`/office/api/requests/${second.request.id}`)).json()).managerVerified, false);
  });

  it('comes back to the decision page when the sign-in is cancelled, and without a decision session verifies nothing', async () => {
    const office = await makeOffice();
    const { manager } = await waitingForManager(office);
    const start = await manager.get('/office/api/auth/login/demo?returnTo=%2Fdecision%2F');
    assert.equal(start.status, 302);
    const state = new URL(start.headers.get('Location')!).searchParams.get('state');
    const back = await manager.get(`/office/api/auth/callback/demo?state=${state}&error=access_denied`);
    assert.equal(back.headers.get('Location'), '/decision/?identification=annulee');
    assert.match(await (await manager.get('/decision/?identification=annulee')).text(), /L’identification n’a pas abouti/);

    const stranger = new OfficeBrowser(office.app, office.origin);
    assert.equal(await signIn(stranger, MANAGER, 'campus', 'demo', '/decision/'), '/decision/?identification=expiree');
    const sessions = await office.service.database.db.selectFrom('link_sessions').select('verified_email').execute();
    assert.ok(sessions.every((s) => s.verified_email === null), 'no session got an address');
  });
});
