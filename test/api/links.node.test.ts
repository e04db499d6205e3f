/**
 * Signed links and the pages they open: tokens never in an API answer; the
 * first GET swaps the token for a cookie and redirects without it; GET never
 * changes anything; POST decides once and checks its CSRF token and origin;
 * expired, revoked and tampered links get a clear page. The agent's space
 * (confirm, cancel, accommodation needs, "Retrouver mes demandes" doing the
 * same work whatever the address), the manager's decision, and alerts
 * (double opt-in, one message per new session, one-click unsubscribe).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { revokeTokens } from '../../server/links.js';
import { enrolment, get, json, makeApp, ORIGIN, post, trainerApplication } from './fixture.js';

type App = Awaited<ReturnType<typeof makeApp>>;

/** A browser of sorts: keeps cookies, sends forms from the service's own origin. */
function browser(app: App['app']) {
  const jar = new Map<string, string>();
  const cookieHeader = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  const remember = (response: Response) => {
    const set = response.headers.get('Set-Cookie');
    if (set) {
      const [pair] = set.split(';');
      const [name, value] = pair.split('=');
      jar.set(name, value);
    }
    return response;
  };
  const url = (path: string) => (path.startsWith('http') ? path : ORIGIN + path);
  return {
    jar,
    get: async (path: string, headers: Record<string, string> = {}) => remember(await app.fetch(new Request(url(path), { headers: { Cookie: cookieHeader(), ...headers } }))),
    post: async (path: string, fields: Record<string, string>, headers: Record<string, string> = {}) =>
      remember(
        await app.fetch(
          new Request(url(path), {
            method: 'POST',
            headers: { Cookie: cookieHeader(), 'Content-Type': 'application/x-www-form-urlencoded', Origin: ORIGIN, ...headers },
            body: new URLSearchParams(fields).toString(),
          }),
        ),
      ),
  };
}

const csrfOf = (page: string) => page.match(/name="csrf" value="([^"]+)"/)?.[1] ?? '';

async function outboxTexts(made: App) {
  return made.service.database.db.selectFrom('outbox').select(['kind', 'recipient', 'text', 'headers']).orderBy('created_at').orderBy('id').execute();
}
const linksIn = (text: string, path: string) => [...text.matchAll(new RegExp(`https?://[^\\s]+${path}[A-Za-z0-9_-]{43}[^\\s]*`, 'g'))].map((m) => m[0]);
const tokenOf = (link: string) => link.match(/([A-Za-z0-9_-]{43})(?:\?|$)/)![1];

async function receiptLink(made: App, email: string) {
  const rows = (await outboxTexts(made)).filter((r) => r.recipient === email && r.kind === 'receipt');
  return linksIn(rows[rows.length - 1].text, '/mes-demandes/lien/')[0];
}

describe('tokens', () => {
  it('are never in an API answer (a scan of every answer of a whole flow)', async () => {
    const made = await makeApp();
    const answers: string[] = [];
    const keep = async (response: Response) => answers.push(JSON.stringify([...response.headers]) + (await response.clone().text()));
    await keep(await post(made.app, '/api/v1/enrolments', enrolment({ courseId: 'piloter-donnee', sessionId: 'data-1', managerEmail: 'chef@example.gouv.fr' })));
    await keep(await post(made.app, '/api/v1/enrolments', enrolment({ email: 'autre@example.gouv.fr' })));
    await keep(await post(made.app, '/api/v1/trainer-applications', trainerApplication()));
    await keep(await post(made.app, '/api/v1/subscriptions', { courseId: 'design-accessibilite', email: 'alerte@example.gouv.fr' }));
    const space = browser(made.app);
    const link = await receiptLink(made, 'camille.martin@example.gouv.fr');
    await keep(await space.get(link));
    const page = await (await space.get('/mes-demandes/')).text();
    await space.post(`/mes-demandes/${page.match(/CNP-\d{4}-[A-Z0-9]{6}/)![0]}/confirmer`, { csrf: csrfOf(page) });
    for (const path of ['/api/v1/courses', '/api/v1/courses/piloter-donnee', '/api/v1/courses/piloter-donnee/sessions', '/api/v1/organisations']) await keep(await get(made.app, path));
    const tokens = (await outboxTexts(made)).flatMap((r) => linksIn(r.text, '/(?:mes-demandes|decision|alertes)/(?:lien|desinscription)/').map(tokenOf));
    assert.ok(tokens.length >= 4, `${tokens.length} tokens in messages`);
    for (const answer of answers) for (const token of tokens) assert.ok(!answer.includes(token), 'no token in an API answer');
    // And the database keeps only their hashes.
    const stored = JSON.stringify(await made.service.database.db.selectFrom('tokens').selectAll().execute());
    for (const token of tokens) assert.ok(!stored.includes(token));
  });

  it('are swapped for a __Host- cookie by the first GET, which redirects to a URL without them; the pages send no-referrer and may not be framed', async () => {
    const made = await makeApp();
    await post(made.app, '/api/v1/enrolments', enrolment());
    const link = await receiptLink(made, 'camille.martin@example.gouv.fr');
    const first = await made.app.fetch(new Request(link));
    assert.equal(first.status, 303);
    assert.equal(first.headers.get('Location'), '/mes-demandes/');
    assert.match(first.headers.get('Set-Cookie') ?? '', /^__Host-campus-demandes=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; Secure; SameSite=Lax; Max-Age=\d+$/);
    assert.equal(first.headers.get('Referrer-Policy'), 'no-referrer');
    const space = browser(made.app);
    await space.get(link);
    const page = await space.get('/mes-demandes/');
    assert.equal(page.status, 200);
    assert.match(page.headers.get('Content-Security-Policy') ?? '', /frame-ancestors 'none'/);
    assert.match(page.headers.get('Content-Security-Policy') ?? '', /default-src 'none'/);
    assert.equal(page.headers.get('Referrer-Policy'), 'no-referrer');
    assert.equal(page.headers.get('X-Frame-Options'), 'DENY');
    assert.ok(!(await page.text()).includes(tokenOf(link)));
    // Without the cookie, the page says to open the link again.
    assert.equal((await made.app.fetch(new Request(`${ORIGIN}/mes-demandes/`))).status, 401);
  });

  it('expired, revoked or tampered: a clear page, no session', async () => {
    let now = Date.now();
    const made = await makeApp({ now: () => new Date(now) });
    await post(made.app, '/api/v1/enrolments', enrolment());
    const link = await receiptLink(made, 'camille.martin@example.gouv.fr');
    const tampered = link.replace(/.(\?|$)/, (_, end) => `${link.at(-1) === 'A' ? 'B' : 'A'}${end}`);
    const bad = await made.app.fetch(new Request(tampered));
    assert.equal(bad.status, 404);
    assert.match(await bad.text(), /Ce lien n’est pas valide/);
    assert.equal(bad.headers.get('Set-Cookie'), null);
    await made.service.database.transaction(async (tx) => revokeTokens(tx, { enrolmentId: (await tx.selectFrom('enrolments').select('id').executeTakeFirstOrThrow()).id }, new Date(now)));
    const revoked = await made.app.fetch(new Request(link));
    assert.equal(revoked.status, 410);
    assert.match(await revoked.text(), /n’est plus valable/);
    await post(made.app, '/api/v1/enrolments', enrolment({ email: 'tard@example.gouv.fr' }));
    const later = await receiptLink(made, 'tard@example.gouv.fr');
    now += 401 * 24 * 3600 * 1000;
    const expired = await made.app.fetch(new Request(later));
    assert.equal(expired.status, 410);
    assert.match(await expired.text(), /a expiré/);
  });
});

describe('the agent’s space', () => {
  it('never changes anything on GET; confirms, updates accommodation needs and cancels on POST, each with its CSRF token from the service’s origin', async () => {
    const made = await makeApp();
    const { service, app } = made;
    await service.database.db.updateTable('sessions').set({ capacity: 1, seats_reserved: 0 }).where('id', '=', 'ia-open').execute();
    const mine = await json(post(app, '/api/v1/enrolments', enrolment()));
    const waiting = await json(post(app, '/api/v1/enrolments', enrolment({ email: 'attente@example.gouv.fr' })));
    assert.equal(waiting.status, 'waitlisted');
    const snapshot = async () => JSON.stringify(await service.database.db.selectFrom('enrolments').selectAll().orderBy('reference').execute());
    const space = browser(app);
    const before = await snapshot();
    await space.get(await receiptLink(made, 'camille.martin@example.gouv.fr'));
    const page = await (await space.get('/mes-demandes/')).text();
    await space.get(`/mes-demandes/${mine.reference}/calendrier.ics`);
    await space.get(`/mes-demandes/${mine.reference}/confirmer`);
    await space.get(`/mes-demandes/${mine.reference}/annuler`);
    assert.equal(await snapshot(), before, 'GET changed nothing');
    assert.match(page, /Vous n’avez pas encore confirmé cette demande/);
    assert.ok(!page.includes(waiting.reference), 'another person’s request is not in this space');
    const csrf = csrfOf(page);

    // CSRF: without the token, with another, from another origin, from a cross-site form.
    for (const [fields, headers] of [
      [{}, {}],
      [{ csrf: 'x'.repeat(32) }, {}],
      [{ csrf }, { Origin: 'https://evil.example' }],
      [{ csrf }, { 'Sec-Fetch-Site': 'cross-site' }],
    ] as [Record<string, string>, Record<string, string>][]) {
      assert.equal((await space.post(`/mes-demandes/${mine.reference}/confirmer`, fields, headers)).status, 403);
    }
    assert.equal(await snapshot(), before, 'a refused POST changed nothing');

    const confirmed = await space.post(`/mes-demandes/${mine.reference}/confirmer`, { csrf });
    assert.equal(confirmed.status, 303);
    assert.ok((await service.database.db.selectFrom('enrolments').select('confirmed_at').where('reference', '=', mine.reference).executeTakeFirstOrThrow()).confirmed_at);
    assert.equal((await space.post(`/mes-demandes/${mine.reference}/amenagements`, { csrf, accommodation: 'Rampe d’accès\nsalle au rez-de-chaussée' })).status, 303);
    assert.equal((await space.post(`/mes-demandes/${mine.reference}/amenagements`, { csrf, accommodation: 'A\u202EB' })).status, 422);
    const saved = await service.database.db.selectFrom('enrolments').select('accommodation').where('reference', '=', mine.reference).executeTakeFirstOrThrow();
    assert.equal(saved.accommodation, 'Rampe d’accès\nsalle au rez-de-chaussée');
    assert.match(await (await space.get('/mes-demandes/?ok=saved')).text(), /Vos besoins d’aménagement sont enregistrés/);

    // Cancel: the seat is freed, the next person promoted and told.
    assert.equal((await space.post(`/mes-demandes/${mine.reference}/annuler`, { csrf })).status, 303);
    const rows = Object.fromEntries((await service.database.db.selectFrom('enrolments').select(['reference', 'status', 'cancelled_by']).execute()).map((r) => [r.reference, r]));
    assert.deepEqual([rows[mine.reference].status, rows[mine.reference].cancelled_by], ['cancelled', 'agent']);
    assert.equal(rows[waiting.reference].status, 'submitted');
    const kinds = (await outboxTexts(made)).filter((r) => r.recipient === 'attente@example.gouv.fr').map((r) => r.kind);
    assert.ok(kinds.includes('promoted'));
    // A cancelled request offers nothing more.
    const after = await (await space.get('/mes-demandes/')).text();
    assert.ok(!after.includes('/annuler"'));
  });

  it('« Retrouver mes demandes »: the same page and the same queries for a known and an unknown address; one link to all requests of a known one', async () => {
    let queries = 0;
    const made = await makeApp({ onQuery: () => void queries++ });
    await post(made.app, '/api/v1/enrolments', enrolment());
    await post(made.app, '/api/v1/enrolments', enrolment({ courseId: 'design-accessibilite', sessionId: undefined }));
    const ask = async (email: string) => {
      const counted = queries;
      const response = await browser(made.app).post('/mes-demandes/retrouver', { email });
      return { status: response.status, page: (await response.text()).replace(/[0-9a-f-]{36}/g, ''), queries: queries - counted };
    };
    const known = await ask('camille.martin@example.gouv.fr');
    const unknown = await ask('personne.inconnue@example.gouv.fr');
    assert.equal(known.status, 200);
    assert.equal(unknown.page, known.page, 'the same page');
    assert.equal(unknown.queries, known.queries, 'the same work');
    assert.match(known.page, /Si des demandes existent pour cette adresse, un lien vient d’y être envoyé/);
    assert.equal((await made.service.database.db.selectFrom('link_requests').selectAll().execute()).length, 2, 'one queued job each');
    assert.equal((await browser(made.app).post('/mes-demandes/retrouver', { email: 'pas une adresse' })).status, 422);

    await made.service.jobs.tick();
    const links = (await outboxTexts(made)).filter((r) => r.kind === 'requests_link');
    assert.deepEqual(links.map((l) => l.recipient), ['camille.martin@example.gouv.fr'], 'a link to a known address only');
    assert.equal((await made.service.database.db.selectFrom('link_requests').selectAll().execute()).length, 0, 'nothing kept');
    const space = browser(made.app);
    await space.get(linksIn(links[0].text, '/mes-demandes/lien/')[0]);
    const page = await (await space.get('/mes-demandes/')).text();
    assert.equal((page.match(/class="fr-h4"/g) ?? []).length, 2, 'both requests');
  });
});

describe('the manager’s decision', () => {
  async function pending() {
    let now = Date.now();
    const made = await makeApp({ now: () => new Date(now) });
    const receipt = await json(post(made.app, '/api/v1/enrolments', enrolment({ courseId: 'piloter-donnee', sessionId: 'data-1', managerEmail: 'cheffe@example.gouv.fr', comment: 'Secret', accommodation: 'Privé' })));
    const agent = browser(made.app);
    await agent.get(await receiptLink(made, 'camille.martin@example.gouv.fr'));
    const page = await (await agent.get('/mes-demandes/')).text();
    await agent.post(`/mes-demandes/${receipt.reference}/confirmer`, { csrf: csrfOf(page) });
    const message = (await outboxTexts(made)).find((r) => r.kind === 'manager_request')!;
    return { made, receipt, approve: linksIn(message.text, '/decision/lien/').find((l) => l.endsWith('accord'))!, decline: linksIn(message.text, '/decision/lien/').find((l) => l.endsWith('refus'))!, advance: (ms: number) => void (now += ms) };
  }

  it('shows who asks for what (nothing typed freely), decides on POST once, and the agent is told', async () => {
    const { made, receipt, approve } = await pending();
    const manager = browser(made.app);
    const swap = await manager.get(approve);
    assert.equal(swap.headers.get('Location'), '/decision/?reponse=accord');
    const page = await (await manager.get('/decision/?reponse=accord')).text();
    assert.match(page, /Camille Martin \(Préfecture du Bas-Rhin\) souhaite suivre cette formation/);
    assert.ok(!page.includes('Secret') && !page.includes('Privé'));
    assert.equal((await made.service.database.db.selectFrom('enrolments').select('status').executeTakeFirstOrThrow()).status, 'pending_manager', 'GET decided nothing');
    assert.equal((await manager.post('/decision/', { decision: 'accord' })).status, 403, 'CSRF');
    const decided = await manager.post('/decision/', { csrf: csrfOf(page), decision: 'accord' });
    assert.equal(decided.status, 200);
    assert.match(await decided.text(), /votre accord est enregistré/);
    const row = await made.service.database.db.selectFrom('enrolments').select(['status', 'manager_decision', 'manager_verified']).where('reference', '=', receipt.reference).executeTakeFirstOrThrow();
    assert.deepEqual(row, { status: 'submitted', manager_decision: 'given', manager_verified: 0 });
    assert.ok((await outboxTexts(made)).some((r) => r.kind === 'manager_given' && r.recipient === 'camille.martin@example.gouv.fr'));
    // A second use, from the same page or the link again.
    const again = await manager.post('/decision/', { csrf: csrfOf(page), decision: 'refus' });
    assert.equal(again.status, 410);
    assert.match(await again.text(), /Ce lien a déjà servi/);
    assert.equal((await made.app.fetch(new Request(approve))).status, 410);
  });

  it('a refusal refuses the request and tells the agent why; a link older than 14 days has expired', async () => {
    const first = await pending();
    const manager = browser(first.made.app);
    await manager.get(first.decline);
    const page = await (await manager.get('/decision/?reponse=refus')).text();
    assert.match(page, /Vous avez choisi « Je refuse »/);
    await manager.post('/decision/', { csrf: csrfOf(page), decision: 'refus' });
    assert.equal((await first.made.service.database.db.selectFrom('enrolments').select('status').executeTakeFirstOrThrow()).status, 'refused');
    const told = (await outboxTexts(first.made)).find((r) => r.kind === 'refused')!;
    assert.match(told.text, /Votre responsable n’a pas donné son accord/);

    const late = await pending();
    late.advance(15 * 24 * 3600 * 1000);
    const expired = await late.made.app.fetch(new Request(late.approve));
    assert.equal(expired.status, 410);
    assert.match(await expired.text(), /a expiré/);
  });
});

describe('alerts of a new session', () => {
  it('double opt-in, one message per new session with a one-click unsubscribe (RFC 8058)', async () => {
    let now = Date.now();
    const made = await makeApp({ now: () => new Date(now) });
    const { app, service } = made;
    const answer = await post(app, '/api/v1/subscriptions', { courseId: 'design-accessibilite', email: 'Alerte@Example.gouv.fr', locale: 'fr' });
    assert.equal(answer.status, 202);
    assert.deepEqual(await answer.json(), { status: 'pending_confirmation' });
    assert.deepEqual(await (await post(app, '/api/v1/subscriptions', { courseId: 'inconnue', email: 'a@example.gouv.fr' })).json().then((p) => p.errors.map((e: { field: string }) => e.field)), ['courseId']);
    assert.equal((await post(app, '/api/v1/subscriptions', { courseId: 'design-accessibilite', email: 'x', extra: 1 })).status, 422);

    // A session opens before confirmation: nothing is sent.
    const sessionDoc = JSON.parse((await service.database.db.selectFrom('sessions').select('doc').where('id', '=', 'ia-open').executeTakeFirstOrThrow()).doc);
    const openSession = async (id: string) => {
      now += 60_000;
      await service.database.db
        .insertInto('sessions')
        .values({ id, course_id: 'design-accessibilite', status: 'open', capacity: 12, seats_reserved: 0, auto_promote: 1, version: 1, start_at: sessionDoc.slots[0].start, origin: 'office', office_edited_at: new Date(now).toISOString(), doc: JSON.stringify(sessionDoc), updated_at: new Date(now).toISOString() })
        .execute();
      now += 11 * 60_000;
      await service.jobs.tick();
    };
    await openSession('design-1');
    assert.deepEqual((await outboxTexts(made)).map((r) => r.kind), ['alert_confirm']);

    const confirmLink = linksIn((await outboxTexts(made))[0].text, '/alertes/lien/')[0];
    const person = browser(app);
    await person.get(confirmLink);
    const page = await (await person.get('/alertes/')).text();
    assert.match(page, /Confirmez que vous souhaitez être prévenu·e/);
    assert.equal((await person.post('/alertes/', { csrf: csrfOf(page) })).status, 303);

    await openSession('design-2');
    const opened = (await outboxTexts(made)).filter((r) => r.kind === 'session_opened');
    assert.equal(opened.length, 1, 'one message for the session opened after confirmation');
    const headers = JSON.parse(opened[0].headers!);
    assert.match(headers['List-Unsubscribe'], /^<http:\/\/api\.test\/alertes\/desinscription\/[A-Za-z0-9_-]{43}>$/);
    assert.equal(headers['List-Unsubscribe-Post'], 'List-Unsubscribe=One-Click');
    now += 11 * 60_000;
    await service.jobs.tick();
    assert.equal((await outboxTexts(made)).filter((r) => r.kind === 'session_opened').length, 1, 'once');

    // One click: the mail client POSTs the RFC 8058 body, no cookie.
    const unsubscribe = headers['List-Unsubscribe'].slice(1, -1);
    assert.equal((await app.fetch(new Request(unsubscribe))).status, 200, 'GET shows a page, changes nothing');
    assert.equal((await service.database.db.selectFrom('subscriptions').select('unsubscribed_at').executeTakeFirstOrThrow()).unsubscribed_at, null);
    const click = await app.fetch(new Request(unsubscribe, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' }));
    assert.equal(click.status, 200);
    assert.ok((await service.database.db.selectFrom('subscriptions').select('unsubscribed_at').executeTakeFirstOrThrow()).unsubscribed_at);
    await openSession('design-3');
    assert.equal((await outboxTexts(made)).filter((r) => r.kind === 'session_opened').length, 1, 'nothing after unsubscribing');
  });
});
