/**
 * Signing in to the office: the OpenID Connect flow with the development
 * provider, grants bound to (issuer, sub), the session cookie, timeouts,
 * sign-out, CSRF and Origin checks, and the office without providers.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { removeStaff } from '../../server/office/staff.js';
import { makeApp, ORIGIN, tempDir } from './fixture.js';
import { ATN, CAMPUS, devProvider, makeOffice, SECURE_ORIGIN } from '../support/oidc-office.js';
import { OfficeBrowser, signIn } from '../support/oidc-signin.js';

describe('the office without identity providers', () => {
  it('answers 503 with what to configure, pages and API alike', async () => {
    const { app } = await makeApp();
    const page = await app.fetch(new Request(`${ORIGIN}/office/`));
    assert.equal(page.status, 503);
    assert.match(page.headers.get('Content-Type') ?? '', /text\/html/);
    assert.match(await page.text(), /OIDC_PROVIDERS/);
    const api = await app.fetch(new Request(`${ORIGIN}/office/api/me`));
    assert.equal(api.status, 503);
    assert.match((await api.json()).detail, /OIDC_PROVIDERS/);
    const bare = await app.fetch(new Request(`${ORIGIN}/office`));
    assert.equal(bare.status, 308);
    assert.equal(bare.headers.get('Location'), '/office/');
  });

  it('refuses a production office without an https PUBLIC_URL', async () => {
    const dev = await devProvider();
    const { app } = await makeApp({ config: { oidcProviders: [dev.setting], production: true } });
    const api = await app.fetch(new Request(`${ORIGIN}/office/api/auth/providers`));
    assert.equal(api.status, 503);
    assert.match((await api.json()).detail, /https/);
  });
});

describe('the demonstration mode', () => {
  it('is refused when NODE_ENV=production', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('../../server/cli/api.ts', import.meta.url)), '--demo', '--port', '0', '--data', tempDir()], {
      env: { ...process.env, NODE_ENV: 'production', DATABASE_URL: '' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    assert.equal(run.status, 2);
    assert.match(run.stderr, /--demo est refusé quand NODE_ENV=production/);
    assert.doesNotMatch(run.stdout, /Service du campus/);
  });
});

describe('signing in', () => {
  it('lists the providers for the sign-in page, and nothing else answers without a session', async () => {
    const office = await makeOffice();
    const providers = await office.app.fetch(new Request(`${ORIGIN}/office/api/auth/providers`));
    assert.equal(providers.status, 200);
    assert.deepEqual((await providers.json()).items, [{ id: 'demo', label: 'Compte de démonstration' }]);
    const me = await office.app.fetch(new Request(`${ORIGIN}/office/api/me`));
    assert.equal(me.status, 401);
    assert.equal(me.headers.get('Cache-Control'), 'no-store');
  });

  it('goes through the provider with PKCE, state and nonce, and opens a session bound to the identity', async () => {
    const office = await makeOffice();
    const browser = new OfficeBrowser(office.app, office.origin);
    const start = await browser.get('/office/api/auth/login/demo?returnTo=%23%2Fdemandes');
    const authorize = new URL(start.headers.get('Location')!);
    assert.equal(authorize.searchParams.get('code_challenge_method'), 'S256');
    assert.ok(authorize.searchParams.get('code_challenge'));
    assert.ok(authorize.searchParams.get('state'));
    assert.ok(authorize.searchParams.get('nonce'));
    assert.equal(authorize.searchParams.get('scope'), 'openid email given_name usual_name');
    assert.equal(authorize.searchParams.get('redirect_uri'), `${ORIGIN}/office/api/auth/callback/demo`);
    const loginCookie = start.headers.getSetCookie().find((c) => c.startsWith('campus-office-login='));
    assert.match(loginCookie ?? '', /HttpOnly/);
    assert.match(loginCookie ?? '', /SameSite=Lax/);

    const landing = await signIn(new OfficeBrowser(office.app, office.origin), CAMPUS, 'campus', 'demo', '#/demandes');
    assert.equal(landing, '/office/#/demandes');
    const signed = new OfficeBrowser(office.app, office.origin);
    await signIn(signed, CAMPUS);
    const me = await signed.me();
    assert.equal(me.member.role, 'campus');
    assert.equal(me.member.email, CAMPUS);
    assert.equal(me.member.name, 'Camille Gestion');
    assert.ok(me.csrfToken.length >= 32);
    const staff = await office.service.database.db.selectFrom('office_staff').selectAll().where('email', '=', CAMPUS).executeTakeFirstOrThrow();
    assert.equal(staff.subject, 'demo-gestion');
    assert.equal(staff.issuer, (await devProvider()).issuer);
    const stored = await office.service.database.db.selectFrom('office_sessions').select('id').execute();
    assert.ok(stored.length >= 1);
    assert.ok(!stored.some((s) => s.id === signed.sessionCookie()), 'the table holds a hash of the token, not the token');
  });

  it('sets a __Host- cookie, Secure, HttpOnly, SameSite=Lax on an https office; plain on http', async () => {
    const secure = await makeOffice({ publicUrl: SECURE_ORIGIN });
    const browser = new OfficeBrowser(secure.app, SECURE_ORIGIN);
    const start = await browser.get('/office/api/auth/login/demo');
    assert.match(start.headers.getSetCookie()[0], /^__Host-campus-office-login=[^;]+; Path=\/; HttpOnly; SameSite=Lax; Secure; Max-Age=600$/);
    const landing = await signIn(browser, CAMPUS);
    assert.equal(landing, '/office/#/');
    assert.ok(browser.jar.cookies.has('__Host-campus-office'));
    assert.ok(!browser.jar.cookies.has('__Host-campus-office-login'), 'the sign-in cookie is cleared');

    const plain = await makeOffice();
    const other = new OfficeBrowser(plain.app, ORIGIN);
    const back = await other.get('/office/api/auth/login/demo');
    assert.doesNotMatch(back.headers.getSetCookie()[0], /Secure|__Host-/);
  });

  it('gives a new session id at every sign-in, and ends the one the browser had', async () => {
    const office = await makeOffice();
    const browser = new OfficeBrowser(office.app, office.origin);
    await signIn(browser, CAMPUS);
    const first = browser.sessionCookie();
    const oldBrowser = new OfficeBrowser(office.app, office.origin);
    oldBrowser.jar.cookies.set('campus-office', first!);
    await signIn(browser, CAMPUS);
    const second = browser.sessionCookie();
    assert.ok(first && second && first !== second);
    assert.equal((await oldBrowser.get('/office/api/me')).status, 401, 'the earlier session is over');
    assert.equal((await browser.get('/office/api/me')).status, 200);
  });

  it('lets no unknown identity in', async () => {
    const office = await makeOffice();
    const browser = new OfficeBrowser(office.app, office.origin);
    assert.equal(await signIn(browser, 'visiteur@exemple.test'), '/office/?connexion=no_access');
    assert.equal(browser.sessionCookie(), undefined);
    assert.equal((await browser.get('/office/api/me')).status, 401);
  });

  it('refuses the same e-mail with another sub once the grant is bound', async () => {
    const office = await makeOffice();
    await office.as(CAMPUS);
    const impostor = new OfficeBrowser(office.app, office.origin);
    assert.equal(await signIn(impostor, 'imposteur'), '/office/?connexion=identity_mismatch');
    assert.equal(impostor.sessionCookie(), undefined);
    const refused = await office.service.database.db.selectFrom('audit_log').selectAll().where('action', '=', 'sign_in_refused').execute();
    assert.equal(refused.length, 1);
  });

  it('refuses an impostor who signs in first, then lets the bound identity in', async () => {
    const office = await makeOffice();
    // The grant binds to whoever signs in first with the address: here the impostor.
    const first = new OfficeBrowser(office.app, office.origin);
    assert.equal(await signIn(first, 'imposteur'), '/office/#/');
    const real = new OfficeBrowser(office.app, office.origin);
    assert.equal(await signIn(real, CAMPUS), '/office/?connexion=identity_mismatch');
  });

  it('refuses a callback that this browser did not start, or with a forged state', async () => {
    const office = await makeOffice();
    const starter = new OfficeBrowser(office.app, office.origin);
    const start = await starter.get('/office/api/auth/login/demo');
    const state = new URL(start.headers.get('Location')!).searchParams.get('state');
    const stranger = new OfficeBrowser(office.app, office.origin);
    const forged = await stranger.get(`/office/api/auth/callback/demo?code=x&state=${state}`);
    assert.equal(forged.headers.get('Location'), '/office/?connexion=expired');
    // The state is used once: the browser that started it cannot replay it now either.
    const replay = await starter.get(`/office/api/auth/callback/demo?code=x&state=${state}`);
    assert.equal(replay.headers.get('Location'), '/office/?connexion=expired');
    const unknown = await starter.get('/office/api/auth/callback/demo?code=x&state=nope');
    assert.equal(unknown.headers.get('Location'), '/office/?connexion=expired');
    assert.equal((await starter.get('/office/api/auth/login/nope')).status, 404);
  });

  it('limits the sign-ins one client address may start per minute', async () => {
    // A fixed clock: the 31 starts fall in one window whatever the time.
    const office = await makeOffice({ config: { trustedProxyHops: 1 }, now: () => new Date('2026-06-01T08:00:10Z') });
    const start = (address: string) =>
      office.app.fetch(new Request(`${ORIGIN}/office/api/auth/login/demo`, { headers: { 'X-Forwarded-For': address } }));
    for (let i = 0; i < 30; i++) assert.equal((await start('203.0.113.7')).status, 302);
    const refused = await start('203.0.113.7');
    assert.equal(refused.status, 429);
    assert.equal(refused.headers.get('Retry-After'), '60');
    assert.equal((await start('203.0.113.8')).status, 302, 'another address is not held back');
    const stored = await office.service.database.db.selectFrom('office_logins').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    assert.equal(Number(stored.n), 31, 'a refused start stores nothing');
  });

  it('keeps only a safe return path inside the office', async () => {
    const office = await makeOffice();
    for (const returnTo of ['https://evil.test/', '//evil.test', '/office/../x', '#/ok"<x>']) {
      const browser = new OfficeBrowser(office.app, office.origin);
      assert.equal(await signIn(browser, CAMPUS, 'campus', 'demo', returnTo), '/office/#/');
    }
  });
});

describe('a session', () => {
  it('ends after the idle timeout and after its absolute lifetime', async () => {
    let now = Date.parse('2026-06-01T08:00:00Z');
    const office = await makeOffice({ now: () => new Date(now), config: { officeIdleMinutes: 30, officeSessionHours: 2 } });
    const browser = await office.as(CAMPUS);
    now += 29 * 60_000;
    assert.equal((await browser.get('/office/api/me')).status, 200, 'active within the idle timeout');
    now += 29 * 60_000;
    assert.equal((await browser.get('/office/api/me')).status, 200, 'each request extends it');
    now += 31 * 60_000;
    assert.equal((await browser.get('/office/api/me')).status, 401, 'idle too long');

    const again = await office.as(CAMPUS);
    for (let i = 0; i < 5; i++) {
      now += 25 * 60_000;
      assert.equal((await again.get('/office/api/me')).status, i < 4 ? 200 : 401, `after ${(i + 1) * 25} minutes`);
    }
  });

  it('is refused on the next request once the grant is removed', async () => {
    const office = await makeOffice();
    const partner = await office.as(ATN);
    assert.equal((await partner.get('/office/api/requests')).status, 200);
    const staff = await office.service.database.db.selectFrom('office_staff').select('id').where('email', '=', ATN).executeTakeFirstOrThrow();
    await removeStaff(office.service.database, staff.id, { kind: 'staff', id: 'cli:test' }, new Date());
    assert.equal((await partner.get('/office/api/requests')).status, 401);
    assert.equal(await signIn(new OfficeBrowser(office.app, office.origin), ATN), '/office/?connexion=no_access');
  });

  it('signs out here and at the provider (id_token_hint, post-logout redirect)', async () => {
    const office = await makeOffice();
    const browser = await office.as(CAMPUS);
    const out = await browser.post('/office/api/auth/logout');
    assert.equal(out.status, 200);
    const { redirect } = await out.json();
    const url = new URL(redirect);
    const dev = await devProvider();
    assert.equal(url.origin, dev.issuer);
    assert.ok(url.searchParams.get('id_token_hint'));
    assert.equal(url.searchParams.get('post_logout_redirect_uri'), `${ORIGIN}/office/api/auth/signed-out`);
    assert.equal(browser.sessionCookie(), undefined, 'the cookie is cleared');
    assert.equal((await browser.get('/office/api/me')).status, 401);
    // The provider accepts that sign-out request.
    const atProvider = await fetch(url, { redirect: 'manual' });
    assert.equal(atProvider.status, 200);
    const back = await browser.get('/office/api/auth/signed-out');
    assert.equal(back.headers.get('Location'), '/office/?connexion=signed_out');
  });
});

describe('state changes', () => {
  it('need the session’s CSRF token and the office’s own Origin', async () => {
    const office = await makeOffice();
    const browser = await office.as(CAMPUS);
    const body = { emails: ['a@b.fr'] };
    const path = '/office/api/organisations/insp/notification-emails';
    const noToken = await browser.fetch(path, { method: 'PUT', json: body, headers: { 'X-CSRF-Token': 'x'.repeat(43) } });
    assert.equal(noToken.status, 403);
    assert.match((await noToken.json()).type, /bad-csrf-token/);
    const foreign = await browser.fetch(path, { method: 'PUT', json: body, headers: { Origin: 'https://evil.test' } });
    assert.equal(foreign.status, 403);
    assert.match((await foreign.json()).type, /bad-origin/);
    const noOrigin = await browser.app.fetch(
      new Request(ORIGIN + path, {
        method: 'PUT',
        headers: { Cookie: browser.jar.header(), 'X-CSRF-Token': browser.csrf, 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      }),
    );
    assert.equal(noOrigin.status, 403);
    const other = await office.as(CAMPUS);
    const stolen = await browser.fetch(path, { method: 'PUT', json: body, headers: { 'X-CSRF-Token': other.csrf } });
    assert.equal(stolen.status, 403, 'another session’s token does not do');
    const stored = await office.service.database.db.selectFrom('organisations').select('notification_emails').where('id', '=', 'insp').executeTakeFirstOrThrow();
    assert.equal(stored.notification_emails, null, 'nothing was changed');
    assert.equal((await browser.fetch(path, { method: 'PUT', json: body })).status, 200);
    const logout = await browser.fetch('/office/api/auth/logout', { method: 'POST', headers: { 'X-CSRF-Token': 'nope'.repeat(11) } });
    assert.equal(logout.status, 403, 'signing out is a state change too');
  });
});
