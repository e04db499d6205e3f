/**
 * Who sees what, walked over every office route the app declares: without a
 * session nothing answers; an organisation member reaches its own courses'
 * requests and sessions and nothing else (another organisation's ids answer
 * 404, lists and exports leave them out, the campus's own pages answer 403);
 * the campus sees everything. A route added without an entry here fails.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { trainerApplication, post } from './fixture.js';
import { ATN, CAMPUS, CFSSI, makeOffice, sendRequest, type TestOffice } from '../support/oidc-office.js';
import type { OfficeBrowser } from '../support/oidc-signin.js';

interface Ids {
  request: string;
  requestVersion: number;
  courseLevel: string;
  session: string;
  application: string;
  staff: string;
  message: string;
}

/** Each route: how to call it, and what an organisation member outside its scope gets. */
type Call = { path: string; body?: unknown };
const ROUTES: Record<string, { call: (ids: Ids) => Call; outsider: 404 | 403 | 'scoped' }> = {
  'GET /office/api/me': { call: () => ({ path: '/office/api/me' }), outsider: 'scoped' },
  'GET /office/api/courses': { call: () => ({ path: '/office/api/courses' }), outsider: 'scoped' },
  'GET /office/api/organisations': { call: () => ({ path: '/office/api/organisations' }), outsider: 'scoped' },
  'PUT /office/api/organisations/:id/notification-emails': {
    call: () => ({ path: '/office/api/organisations/cfssi/notification-emails', body: { emails: ['x@cfssi.test'] } }),
    outsider: 403,
  },
  'GET /office/api/staff': { call: () => ({ path: '/office/api/staff' }), outsider: 403 },
  'POST /office/api/staff': { call: () => ({ path: '/office/api/staff', body: { email: 'new@cfssi.test', organisationId: 'cfssi' } }), outsider: 403 },
  'DELETE /office/api/staff/:id': { call: (ids) => ({ path: `/office/api/staff/${ids.staff}` }), outsider: 403 },
  'POST /office/api/persons/export': { call: () => ({ path: '/office/api/persons/export', body: { email: 'camille.martin@example.gouv.fr' } }), outsider: 403 },
  'POST /office/api/persons/rectify': {
    call: () => ({ path: '/office/api/persons/rectify', body: { email: 'camille.martin@example.gouv.fr', field: 'jobTitle', value: 'Chargée' } }),
    outsider: 403,
  },
  'POST /office/api/persons/erase': {
    call: () => ({ path: '/office/api/persons/erase', body: { email: 'nobody@example.gouv.fr', confirm: 'nobody@example.gouv.fr' } }),
    outsider: 403,
  },
  'GET /office/api/audit': { call: () => ({ path: '/office/api/audit' }), outsider: 403 },
  'GET /office/api/audit.csv': { call: () => ({ path: '/office/api/audit.csv' }), outsider: 403 },
  'GET /office/api/requests': { call: () => ({ path: '/office/api/requests' }), outsider: 'scoped' },
  'GET /office/api/requests/:id': { call: (ids) => ({ path: `/office/api/requests/${ids.request}` }), outsider: 404 },
  'POST /office/api/requests/:id/actions': {
    call: (ids) => ({ path: `/office/api/requests/${ids.request}/actions`, body: { action: 'refuse', reason: 'Hors périmètre', version: ids.requestVersion } }),
    outsider: 404,
  },
  'POST /office/api/requests/bulk': {
    call: (ids) => ({ path: '/office/api/requests/bulk', body: { action: 'cancel', items: [{ id: ids.request, version: ids.requestVersion }] } }),
    outsider: 'scoped',
  },
  'POST /office/api/requests/:id/manager-decision': {
    call: (ids) => ({ path: `/office/api/requests/${ids.request}/manager-decision`, body: { decision: 'given', version: ids.requestVersion } }),
    outsider: 404,
  },
  'POST /office/api/requests/:id/place': {
    call: (ids) => ({ path: `/office/api/requests/${ids.courseLevel}/place`, body: { sessionId: ids.session, version: 1 } }),
    outsider: 404,
  },
  'PUT /office/api/requests/:id/attendance': {
    call: (ids) => ({ path: `/office/api/requests/${ids.request}/attendance`, body: { version: ids.requestVersion, attendance: {} } }),
    outsider: 404,
  },
  'GET /office/api/sessions': { call: () => ({ path: '/office/api/sessions' }), outsider: 'scoped' },
  'GET /office/api/sessions/:id': { call: (ids) => ({ path: `/office/api/sessions/${ids.session}` }), outsider: 404 },
  'POST /office/api/sessions': {
    call: () => ({
      path: '/office/api/sessions',
      body: { courseId: 'donnees-personnelles', mode: 'distanciel', online: true, slots: [{ start: '2031-01-05T09:00', end: '2031-01-05T12:00' }] },
    }),
    outsider: 'scoped',
  },
  'PATCH /office/api/sessions/:id': { call: (ids) => ({ path: `/office/api/sessions/${ids.session}`, body: { version: 1, capacity: 30 } }), outsider: 404 },
  'POST /office/api/sessions/:id/cancel': { call: (ids) => ({ path: `/office/api/sessions/${ids.session}/cancel`, body: { version: 99, message: 'Annulée' } }), outsider: 404 },
  'POST /office/api/sessions/:id/promote': { call: (ids) => ({ path: `/office/api/sessions/${ids.session}/promote`, body: {} }), outsider: 404 },
  'PUT /office/api/sessions/:id/attendance': {
    call: (ids) => ({ path: `/office/api/sessions/${ids.session}/attendance`, body: { entries: [{ id: ids.request, version: 1, attendance: {} }] } }),
    outsider: 404,
  },
  'GET /office/api/sessions/:id/participants.csv': { call: (ids) => ({ path: `/office/api/sessions/${ids.session}/participants.csv` }), outsider: 404 },
  'GET /office/api/sessions/:id/attendance-sheet': { call: (ids) => ({ path: `/office/api/sessions/${ids.session}/attendance-sheet` }), outsider: 404 },
  'GET /office/api/applications': { call: () => ({ path: '/office/api/applications' }), outsider: 403 },
  'GET /office/api/applications.csv': { call: () => ({ path: '/office/api/applications.csv' }), outsider: 403 },
  'GET /office/api/applications/:id': { call: (ids) => ({ path: `/office/api/applications/${ids.application}` }), outsider: 403 },
  'PATCH /office/api/applications/:id': {
    call: (ids) => ({ path: `/office/api/applications/${ids.application}`, body: { version: 1, reviewState: 'contacted' } }),
    outsider: 403,
  },
  'GET /office/api/messages': { call: () => ({ path: '/office/api/messages' }), outsider: 403 },
  'GET /office/api/messages/:id': { call: (ids) => ({ path: `/office/api/messages/${ids.message}` }), outsider: 403 },
  'POST /office/api/messages/:id/retry': { call: (ids) => ({ path: `/office/api/messages/${ids.message}/retry`, body: {} }), outsider: 403 },
  'POST /office/api/auth/logout': { call: () => ({ path: '/office/api/auth/logout', body: {} }), outsider: 'scoped' },
};
/** Sign-in itself answers without a session. */
const PUBLIC = ['GET /office/api/auth/providers', 'GET /office/api/auth/login/:provider', 'GET /office/api/auth/callback/:provider', 'GET /office/api/auth/signed-out'];

function declaredRoutes(office: TestOffice): string[] {
  const seen = new Set<string>();
  for (const r of office.app.routes) {
    if (r.method === 'ALL' || !r.path.startsWith('/office/api/')) continue;
    seen.add(`${r.method} ${r.path}`);
  }
  return [...seen].sort();
}

async function call(browser: OfficeBrowser | undefined, office: TestOffice, route: string, ids: Ids): Promise<Response> {
  const method = route.split(' ')[0];
  const { path, body } = ROUTES[route].call(ids);
  if (!browser) {
    return office.app.fetch(
      new Request(office.origin + path, {
        method,
        headers: { Origin: office.origin, 'Content-Type': 'application/json' },
        ...(method === 'GET' ? {} : { body: JSON.stringify(body ?? {}) }),
      }),
    );
  }
  if (method === 'GET') return browser.get(path);
  if (method === 'POST') return browser.post(path, body);
  return browser.send(method as 'PUT' | 'PATCH' | 'DELETE', path, body);
}

/** A CFSSI request in a CFSSI session, a course-level one, an application, a staff grant. */
async function setUp(office: TestOffice): Promise<Ids> {
  await office.service.database.db.updateTable('sessions').set({ status: 'open', capacity: 10, seats_reserved: 0 }).where('id', '=', 'dp-1').execute();
  await office.service.catalogue.refresh();
  const inSession = await sendRequest(office, { courseId: 'donnees-personnelles', sessionId: 'dp-1', email: 'camille.martin@example.gouv.fr' });
  const courseLevel = await sendRequest(office, { courseId: 'donnees-personnelles', sessionId: undefined, email: 'alix@example.gouv.fr' });
  assert.equal((await post(office.app, '/api/v1/trainer-applications', trainerApplication())).status, 201);
  const application = await office.service.database.db.selectFrom('trainer_applications').select('id').executeTakeFirstOrThrow();
  const staff = await office.service.database.db.selectFrom('office_staff').select('id').where('email', '=', CFSSI).executeTakeFirstOrThrow();
  const message = await office.service.database.db.selectFrom('outbox').select('id').where('application_id', '=', application.id).executeTakeFirstOrThrow();
  return { request: inSession.id, requestVersion: 2, courseLevel: courseLevel.id, session: 'dp-1', application: application.id, staff: staff.id, message: message.id };
}

describe('every office route', () => {
  it('is in this walk, and none but sign-in answers without a session', async () => {
    const office = await makeOffice();
    const ids = await setUp(office);
    const declared = declaredRoutes(office);
    assert.deepEqual(declared, [...Object.keys(ROUTES), ...PUBLIC].sort(), 'every declared route has its access rule here');
    for (const route of Object.keys(ROUTES)) {
      const response = await call(undefined, office, route, ids);
      assert.equal(response.status, 401, `${route} without a session`);
    }
    // An unknown path under the API needs a session too.
    assert.equal((await office.app.fetch(new Request(`${office.origin}/office/api/nothing-here`))).status, 401);
  });

  it('keeps an organisation member to its own courses, by id, in lists and in exports', async () => {
    const office = await makeOffice();
    const ids = await setUp(office);
    const outsider = await office.as(ATN);
    const owner = await office.as(CFSSI);
    for (const route of Object.keys(ROUTES)) {
      if (route === 'POST /office/api/auth/logout') continue;
      const rule = ROUTES[route];
      const response = await call(outsider, office, route, ids);
      if (rule.outsider === 'scoped') {
        assert.ok(response.status < 400 || response.status === 422, `${route}: ${response.status}`);
      } else {
        assert.equal(response.status, rule.outsider, `${route} for another organisation`);
      }
    }
    // Nothing was changed by those calls.
    const untouched = await office.service.database.db.selectFrom('enrolments').select(['status', 'version', 'session_id']).where('id', 'in', [ids.request, ids.courseLevel]).execute();
    assert.deepEqual(untouched.map((r) => [r.status, Number(r.version)]).sort(), [
      ['submitted', 2],
      ['submitted', 2],
    ]);
    // The lists leave the other organisation's records out.
    const list = await (await outsider.get('/office/api/requests')).json();
    assert.equal(list.total, 0);
    const sessions = await (await outsider.get('/office/api/sessions?period=all')).json();
    assert.deepEqual(
      sessions.items.map((s: { id: string }) => s.id),
      ['qc-1'],
    );
    const courses = await (await outsider.get('/office/api/courses')).json();
    assert.deepEqual(
      courses.items.map((c: { id: string }) => c.id),
      ['atelier-quebec'],
    );
    const orgs = await (await outsider.get('/office/api/organisations')).json();
    assert.deepEqual(
      orgs.items.map((o: { id: string }) => o.id),
      ['atn-quebec'],
    );
    const bulk = await (await outsider.post('/office/api/requests/bulk', { action: 'cancel', items: [{ id: ids.request, version: 1 }] })).json();
    assert.deepEqual(bulk.results, [{ id: ids.request, outcome: 'not_found' }]);
    const create = await outsider.post('/office/api/sessions', ROUTES['POST /office/api/sessions'].call(ids).body);
    assert.equal(create.status, 422, 'no session for another organisation’s course');

    // The owner reaches the same records through the same calls: the refusals above were about scope.
    for (const route of Object.keys(ROUTES)) {
      if (route === 'POST /office/api/auth/logout' || route === 'DELETE /office/api/staff/:id') continue;
      const rule = ROUTES[route];
      const response = await call(owner, office, route, ids);
      if (rule.outsider === 403) assert.equal(response.status, 403, `${route} is the campus’s alone`);
      else assert.ok(![401, 403, 404].includes(response.status), `${route} for its own organisation: ${response.status}`);
    }
    const own = await (await owner.get('/office/api/requests')).json();
    assert.ok(own.total >= 2);
  });

  it('lets the campus reach everything, including what co-branding does not share', async () => {
    const office = await makeOffice();
    const ids = await setUp(office);
    const campus = await office.as(CAMPUS);
    for (const route of Object.keys(ROUTES)) {
      if (route === 'POST /office/api/auth/logout') continue;
      const response = await call(campus, office, route, ids);
      assert.ok(response.status < 400 || [409, 422].includes(response.status), `${route} for the campus: ${response.status}`);
    }
    // ATN Québec is a partner of the INSP's course, not its provider: it sees none of its requests.
    const insp = await sendRequest(office, { courseId: 'piloter-donnee', sessionId: 'data-1', managerEmail: 'chef@example.gouv.fr', email: 'zoe@example.gouv.fr' });
    const atn = await office.as(ATN);
    assert.equal((await atn.get(`/office/api/requests/${insp.id}`)).status, 404);
    assert.equal((await atn.get('/office/api/sessions/data-1/participants.csv')).status, 404);
  });
});
