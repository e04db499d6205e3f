/**
 * The reference server's reading side: every GET endpoint, filters, search,
 * facets, the CSV export, caching, CORS, media, routing errors, OpenAPI.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { describe, it } from 'node:test';
import { Validator } from '@seriousme/openapi-schema-validator';
import {
  Course,
  CoursePage,
  Expertise,
  FACETS,
  Organisation,
  PrivacyNotice,
  Problem,
  Session,
  SESSION_FACETS,
  Vocabularies,
} from '../../src/api/schemas.js';
import { foldText, queryWords } from '../../server/catalogue.js';
import { buildOpenApi } from '../../server/openapi.js';
import { DEFAULT_SEED_DIR, loadSeedFiles } from '../../server/seed.js';
import { mediaFolder } from '../../server/service.js';
import { get, json, LOGO_SVG, makeApp, ORIGIN } from './fixture.js';

const { app } = await makeApp();

async function ids(query: string): Promise<string[]> {
  const page = await json(get(app, `/api/v1/courses?${query}`));
  return page.items.map((c: Course) => c.id);
}

async function assertProblem(response: Response, status: number) {
  assert.equal(response.status, status);
  assert.match(response.headers.get('Content-Type') ?? '', /^application\/problem\+json/);
  const body = await response.json();
  assert.equal(body.status, status);
  assert.ok(Problem.safeParse(body).success);
  assert.equal(typeof body.title, 'string');
  assert.ok(body.title.length > 0);
  return body;
}

describe('reference lists', () => {
  it('serves expertises, audiences, organisations and vocabularies', async () => {
    const expertises = await json(get(app, '/api/v1/expertises'));
    assert.equal(expertises.items.length, 6);
    for (const e of expertises.items) assert.ok(Expertise.safeParse(e).success);
    assert.equal(expertises.items.find((e: Expertise) => e.id === 'data-visualisation').parentId, 'data');

    const audiences = await json(get(app, '/api/v1/audiences'));
    assert.deepEqual(
      audiences.items.map((a: { id: string }) => a.id),
      ['agents', 'managers', 'tech'],
    );

    const organisations = await json(get(app, '/api/v1/organisations'));
    const insp = organisations.items.find((o: Organisation) => o.id === 'insp');
    assert.equal(insp.logoUrl, `${ORIGIN}/media/logos/insp.svg`, 'a relative logo becomes absolute on the request origin');
    assert.deepEqual(Organisation.parse(insp), insp);

    const vocabularies = await json(get(app, '/api/v1/vocabularies'));
    assert.deepEqual(Vocabularies.parse(vocabularies), vocabularies);
    assert.equal(vocabularies.modes[1].label, 'À distance');
  });

  it('makes media URLs absolute on the service’s public address, never on the Host header (a cache would keep the poison)', async () => {
    const spoofed = await json(app.fetch(new Request('https://evil.example/api/v1/organisations', { headers: { Host: 'evil.example' } })));
    assert.equal(spoofed.items[0].logoUrl, `${ORIGIN}/media/logos/insp.svg`);
    const { app: configured } = await makeApp({ publicUrl: 'https://campus.numerique.gouv.fr' });
    const page = await json(configured.fetch(new Request('http://127.0.0.1:8787/api/v1/courses?q=cyber', { headers: { Host: 'attacker.example' } })));
    for (const course of page.items) if (course.imageUrl) assert.match(course.imageUrl, /^https:\/\/campus\.numerique\.gouv\.fr\/media\//);
    const organisations = await json(configured.fetch(new Request('http://127.0.0.1:8787/api/v1/organisations')));
    assert.equal(organisations.items[0].logoUrl, 'https://campus.numerique.gouv.fr/media/logos/insp.svg');
  });
});

describe('GET /courses', () => {
  it('answers a page with total, page, pageSize and facets; items follow the contract', async () => {
    const page = await json(get(app, '/api/v1/courses'));
    assert.ok(CoursePage.safeParse(page).success);
    assert.equal(page.total, 6);
    assert.equal(page.page, 1);
    assert.equal(page.pageSize, 12);
    assert.deepEqual(Object.keys(page.facets).sort(), [...FACETS, ...SESSION_FACETS].sort());
    for (const item of page.items) assert.deepEqual(Course.parse(item), item, `${item.id} is sent as the contract reads it`);
    const cyber = page.items.find((c: Course) => c.id === 'cyber-fondamentaux');
    assert.equal(cyber.imageUrl, `${ORIGIN}/media/courses/cyber.svg`);
  });

  it("gives a course's next session: upcoming, neither cancelled nor closed", async () => {
    const [ia] = (await json(get(app, '/api/v1/courses?kind=matinee'))).items;
    assert.equal(ia.nextSession.id, 'ia-open');
    assert.equal(ia.nextSession.city, 'Strasbourg');
    assert.equal(ia.nextSession.seatsLeft, 1);
    assert.equal(ia.nextSession.status, 'open');
  });

  it('filters on each facet alone', async () => {
    const cases: [string, string[]][] = [
      ['expertise=cybersecurite', ['cyber-fondamentaux', 'donnees-personnelles']],
      ['audience=managers', ['piloter-donnee', 'matinee-ia']],
      ['mode=presentiel', ['piloter-donnee', 'design-accessibilite']],
      ['kind=module', ['cyber-fondamentaux', 'design-accessibilite', 'formule', 'donnees-personnelles']],
      ['organisation=cfssi', ['cyber-fondamentaux', 'donnees-personnelles']],
      ['partner=atn-quebec', ['piloter-donnee', 'design-accessibilite']],
      ['level=decouverte', ['cyber-fondamentaux', 'design-accessibilite']],
      ['free=true', ['cyber-fondamentaux', 'matinee-ia', 'design-accessibilite', 'formule', 'donnees-personnelles']],
    ];
    for (const [query, expected] of cases) assert.deepEqual(await ids(query), expected, query);
  });

  it('matches a parent expertise on its sub-themes', async () => {
    assert.deepEqual(await ids('expertise=data'), ['piloter-donnee', 'donnees-personnelles']);
    assert.deepEqual(await ids('expertise=data-visualisation'), ['piloter-donnee']);
  });

  it('matches any value of one filter, all of different filters', async () => {
    assert.deepEqual(await ids('kind=parcours&kind=matinee'), ['piloter-donnee', 'matinee-ia']);
    assert.deepEqual(await ids('kind=parcours,matinee'), ['piloter-donnee', 'matinee-ia']);
    assert.deepEqual(await ids('kind=module&organisation=campus'), ['design-accessibilite']);
    assert.deepEqual(await ids('mode=presentiel&partner=atn-quebec'), ['piloter-donnee', 'design-accessibilite']);
    assert.deepEqual(await ids('mode=presentiel&partner=atn-quebec&free=true'), ['design-accessibilite']);
    assert.deepEqual(await ids('expertise=ia&expertise=design&audience=managers'), ['matinee-ia']);
    assert.deepEqual(await ids('kind=inconnu'), []);
  });

  it('searches every word, ignoring case and accents, in title, summary and objectives', async () => {
    // Two titles, and one objective ("Protéger la sécurité des données"); title hits rank first.
    assert.deepEqual(await ids('q=securite'), ['cyber-fondamentaux', 'donnees-personnelles', 'piloter-donnee']);
    assert.deepEqual(await ids('q=S%C3%89CURIT%C3%89'), ['cyber-fondamentaux', 'donnees-personnelles', 'piloter-donnee']);
    assert.deepEqual(await ids('q=s%C3%A9curit%C3%A9+donn%C3%A9es'), ['donnees-personnelles', 'piloter-donnee']);
    assert.deepEqual(await ids('q=tableaux'), ['piloter-donnee'], 'summary');
    assert.deepEqual(await ids('q=hame%C3%A7onnage'), ['cyber-fondamentaux'], 'objectives, with a cedilla');
    assert.deepEqual(await ids("q=l'INTELLIGENCE"), ['matinee-ia']);
    assert.deepEqual(await ids('q=securite+introuvable'), []);
    assert.deepEqual(await ids('q=securite&kind=parcours'), ['piloter-donnee']);
  });

  it('folds text the same way on both sides', () => {
    assert.equal(foldText('Cybersécurité : ŒUVRE à l’État'), 'cybersecurite oeuvre a l etat');
    assert.deepEqual(queryWords('  Données  donnée l’IA '), ['donnees', 'ia']);
    assert.deepEqual(queryWords('la formation e-learning de l’État'), ['formation', 'learning', 'etat']);
    assert.deepEqual(queryWords('de la'), ['de', 'la'], 'stop words alone are still searched');
  });

  it('sorts by title, next session start and last update', async () => {
    const all = (await json(get(app, '/api/v1/courses'))).items as Course[];
    const collator = new Intl.Collator('fr', { sensitivity: 'base', numeric: true });
    assert.deepEqual(
      await ids('sort=title'),
      [...all].sort((a, b) => collator.compare(a.title, b.title)).map((c) => c.id),
    );
    const byStart = await ids('sort=start');
    assert.deepEqual(byStart.slice(0, 3), ['matinee-ia', 'piloter-donnee', 'donnees-personnelles']);
    assert.deepEqual(await ids('sort=updated'), [
      'donnees-personnelles',
      'piloter-donnee',
      'matinee-ia',
      'cyber-fondamentaux',
      'design-accessibilite',
      'formule',
    ]);
  });

  it('pages, and clamps pageSize to 100 (an invalid value falls back to the default)', async () => {
    const second = await json(get(app, '/api/v1/courses?pageSize=2&page=2&sort=updated'));
    assert.deepEqual(second.items.map((c: Course) => c.id), ['matinee-ia', 'cyber-fondamentaux']);
    assert.equal(second.total, 6);
    assert.equal(second.page, 2);
    assert.equal((await json(get(app, '/api/v1/courses?pageSize=500'))).pageSize, 100);
    assert.equal((await json(get(app, '/api/v1/courses?pageSize=abc'))).pageSize, 12);
    const beyond = await json(get(app, '/api/v1/courses?page=99'));
    assert.deepEqual(beyond.items, []);
    assert.equal(beyond.total, 6);
  });

  it('counts each facet value under the other active filters', async () => {
    const count = (facets: Record<string, { id: string; count: number }[]>, facet: string, id: string) =>
      facets[facet].find((v) => v.id === id)?.count;

    const { facets, total } = await json(get(app, '/api/v1/courses?kind=module'));
    assert.equal(total, 4);
    // Its own filter does not narrow a facet: the other kinds keep their counts.
    assert.deepEqual(facets.kind, [
      { id: 'parcours', count: 1 },
      { id: 'module', count: 4 },
      { id: 'matinee', count: 1 },
    ]);
    assert.equal(count(facets, 'organisation', 'cfssi'), 2);
    assert.equal(count(facets, 'organisation', 'insp'), undefined, 'a value matching nothing is left out');
    assert.equal(count(facets, 'expertise', 'data'), 1, 'a parent counts its sub-themes');
    assert.equal(count(facets, 'free', 'true'), 4);
    assert.equal(count(facets, 'free', 'false'), undefined);

    const both = await json(get(app, '/api/v1/courses?kind=module&organisation=insp'));
    assert.equal(both.total, 0);
    assert.equal(count(both.facets, 'organisation', 'insp'), 0, 'a selected value is always listed');
    assert.equal(count(both.facets, 'organisation', 'cfssi'), 2);
    assert.deepEqual(both.facets.kind, [
      { id: 'parcours', count: 1 },
      { id: 'module', count: 0 },
    ]);

    const text = await json(get(app, '/api/v1/courses?q=securite&expertise=cybersecurite'));
    assert.equal(text.total, 2);
    assert.equal(count(text.facets, 'expertise', 'data'), 2, 'the search narrows every facet');
    assert.equal(count(text.facets, 'expertise', 'cybersecurite'), 2);
    assert.equal(count(text.facets, 'kind', 'module'), 2);
    assert.equal(count(text.facets, 'kind', 'parcours'), undefined);
  });
});

describe('single resources', () => {
  it('serves a course, its sessions by start and a privacy notice', async () => {
    const course = await json(get(app, '/api/v1/courses/piloter-donnee'));
    assert.deepEqual(Course.parse(course), course);
    assert.equal(course.nextSession.id, 'data-1');

    const sessions = (await json(get(app, '/api/v1/courses/matinee-ia/sessions'))).items;
    assert.deepEqual(
      sessions.map((s: Session) => s.id),
      ['ia-cancelled', 'ia-closed', 'ia-open', 'ia-full'],
      'by start; a session already over is left out',
    );
    for (const s of sessions) assert.deepEqual(Session.parse(s), s);
    const multiDay = (await json(get(app, '/api/v1/courses/piloter-donnee/sessions'))).items[0];
    assert.equal(multiDay.slots.length, 3);

    const notice = await json(get(app, '/api/v1/privacy-notices/inscription'));
    assert.deepEqual(PrivacyNotice.parse(notice), notice);
    assert.equal(notice.version, '2026-01');
  });

  it('answers an unknown id with a 404 problem', async () => {
    await assertProblem(await get(app, '/api/v1/courses/inconnue'), 404);
    await assertProblem(await get(app, '/api/v1/courses/inconnue/sessions'), 404);
    await assertProblem(await get(app, '/api/v1/privacy-notices/inconnue'), 404);
  });
});

describe('routing errors', () => {
  it('answers unknown routes with a 404 problem', async () => {
    await assertProblem(await get(app, '/api/v1/nope'), 404);
    await assertProblem(await get(app, '/api/v2/courses'), 404);
    await assertProblem(await get(app, '/'), 404);
    await assertProblem(await get(app, '/test/status=500/api/v1/courses'), 404);
  });

  it('answers a wrong method with a 405 problem and Allow', async () => {
    const del = await app.fetch(new Request(`${ORIGIN}/api/v1/courses`, { method: 'DELETE' }));
    await assertProblem(del, 405);
    assert.match(del.headers.get('Allow') ?? '', /GET/);
    const put = await app.fetch(new Request(`${ORIGIN}/api/v1/enrolments`, { method: 'PUT', body: '{}' }));
    await assertProblem(put, 405);
    assert.match(put.headers.get('Allow') ?? '', /POST/);
    const getPost = await get(app, '/api/v1/enrolments');
    await assertProblem(getPost, 405);
  });
});

/** RFC 4180 with `;`: enough to read back what the server wrote. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ';') row.push(cell), (cell = '');
    else if (ch === '\r' && text[i + 1] === '\n') row.push(cell), rows.push(row), (row = []), (cell = ''), i++;
    else cell += ch;
  }
  assert.equal(cell, '', 'the last line ends with CRLF');
  return rows;
}

describe('GET /courses.csv', () => {
  it('exports every matching course for French spreadsheets, formulas neutralised', async () => {
    const response = await get(app, '/api/v1/courses.csv?pageSize=1');
    assert.equal(response.status, 200);
    assert.match(response.headers.get('Content-Type') ?? '', /^text\/csv; charset=utf-8/);
    assert.match(response.headers.get('Content-Disposition') ?? '', /^attachment; filename="catalogue-campus-numerique\.csv"$/);
    assert.ok(response.headers.get('ETag'));
    const bytes = new Uint8Array(await response.arrayBuffer());
    assert.deepEqual([...bytes.slice(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 BOM');
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes).slice(1);
    assert.ok(!/[^\r]\n/.test(text), 'every line ends with CRLF');
    const rows = parseCsv(text);
    assert.equal(
      text.split('\r\n')[0],
      'Intitulé;Type;Résumé;Objectifs;Durée;Modalités;Public;Expertises;Organisme;Partenaires;Inscription',
    );
    assert.equal(rows.length, 7, 'header and all six courses: not paginated');
    for (const row of rows) assert.equal(row.length, 11);

    const design = rows.find((r) => r[0] === 'Design et accessibilité des services publics')!;
    assert.deepEqual(design, [
      'Design et accessibilité des services publics',
      'Module',
      'Concevoir des services utilisables par tous.',
      'Appliquer le RGAA',
      '1 jour',
      'Hybride, Présentiel',
      'Tous les agents',
      'Design et accessibilité',
      'Campus du numérique public',
      'Académie de la transformation numérique',
      'Sur demande',
    ]);
    const cyber = rows.find((r) => r[0].startsWith('Cybersécurité'))!;
    assert.equal(cyber[10], 'https://secnumacademie.example.fr/inscription');

    const formula = rows.find((r) => r[0].includes('formule'))!;
    assert.equal(formula[0], "'=1+1 formule");
    assert.equal(formula[2], '\'-2 ; texte avec "guillemets"');
    assert.equal(formula[3], "'@SUM(A1), +33 plus");
    assert.equal(formula[4], "'\tonglet");
    assert.ok(text.includes('"\'-2 ; texte avec ""guillemets"""'), 'RFC 4180 quoting');
  });

  it('applies the same query', async () => {
    const text = await (await get(app, '/api/v1/courses.csv?kind=parcours&q=donnee')).text();
    const rows = parseCsv(text.slice(1));
    assert.equal(rows.length, 2);
    assert.equal(rows[1][0], 'Piloter par la donnée');
    assert.equal(rows[1][9], 'Académie de la transformation numérique');
  });
});

describe('caching', () => {
  it('sends ETag and Cache-Control on every GET, and 304 on If-None-Match', async () => {
    for (const path of [
      '/api/v1/expertises',
      '/api/v1/audiences',
      '/api/v1/organisations',
      '/api/v1/vocabularies',
      '/api/v1/courses?q=ia',
      '/api/v1/courses.csv',
      '/api/v1/courses/matinee-ia',
      '/api/v1/courses/matinee-ia/sessions',
      '/api/v1/privacy-notices/inscription',
      '/api/v1/suggest?q=cyber',
      '/api/v1/synonyms',
      '/api/v1/openapi.json',
      '/media/logos/insp.svg',
    ]) {
      const first = await get(app, path);
      assert.equal(first.status, 200, path);
      const etag = first.headers.get('ETag');
      assert.match(etag ?? '', /^"[\w-]+"$/, path);
      assert.match(first.headers.get('Cache-Control') ?? '', /max-age=\d+/, path);
      const again = await get(app, path, { 'If-None-Match': etag! });
      assert.equal(again.status, 304, path);
      assert.equal(await again.text(), '');
      assert.equal(again.headers.get('ETag'), etag);
      assert.equal((await get(app, path, { 'If-None-Match': `"other", W/${etag}` })).status, 304, 'weak and listed tags');
      assert.equal((await get(app, path, { 'If-None-Match': '"other"' })).status, 200);
    }
    const a = (await get(app, '/api/v1/courses?kind=module')).headers.get('ETag');
    const b = (await get(app, '/api/v1/courses?kind=parcours')).headers.get('ETag');
    assert.notEqual(a, b);
  });

  it('answers HEAD like GET without a body', async () => {
    const head = await app.fetch(new Request(`${ORIGIN}/api/v1/courses`, { method: 'HEAD' }));
    assert.equal(head.status, 200);
    assert.ok(head.headers.get('ETag'));
    assert.equal(await head.text(), '');
  });

  it('never lets a cache keep an error', async () => {
    assert.equal((await get(app, '/api/v1/courses/inconnue')).headers.get('Cache-Control'), 'no-store');
  });
});

describe('CORS', () => {
  it('allows any origin by default, without a preflight for GET', async () => {
    const response = await get(app, '/api/v1/courses', { Origin: 'https://site.example', Accept: 'application/json' });
    assert.equal(response.headers.get('Access-Control-Allow-Origin'), '*');
    assert.match(response.headers.get('Vary') ?? '', /Origin/);
    const exposed = response.headers.get('Access-Control-Expose-Headers') ?? '';
    for (const header of ['ETag', 'Retry-After', 'Location']) assert.ok(exposed.includes(header), header);
    const error = await get(app, '/api/v1/courses/inconnue', { Origin: 'https://site.example' });
    assert.equal(error.headers.get('Access-Control-Allow-Origin'), '*', 'errors are readable cross-origin too');
  });

  it('answers the POST preflight', async () => {
    const response = await app.fetch(
      new Request(`${ORIGIN}/api/v1/enrolments`, {
        method: 'OPTIONS',
        headers: {
          Origin: 'https://site.example',
          'Access-Control-Request-Method': 'POST',
          'Access-Control-Request-Headers': 'content-type, idempotency-key',
        },
      }),
    );
    assert.equal(response.status, 204);
    assert.equal(response.headers.get('Access-Control-Allow-Origin'), '*');
    assert.equal(response.headers.get('Access-Control-Allow-Methods'), 'GET, POST');
    assert.equal(response.headers.get('Access-Control-Allow-Headers'), 'Content-Type, Idempotency-Key, Accept-Language');
    assert.equal(response.headers.get('Access-Control-Max-Age'), '86400');
  });

  it('echoes an allowed origin from a list, and gives nothing to others', async () => {
    const { app: listed } = await makeApp({ corsOrigins: ['https://ok.example'] });
    const ok = await get(listed, '/api/v1/expertises', { Origin: 'https://ok.example' });
    assert.equal(ok.headers.get('Access-Control-Allow-Origin'), 'https://ok.example');
    assert.match(ok.headers.get('Vary') ?? '', /Origin/);
    const other = await get(listed, '/api/v1/expertises', { Origin: 'https://evil.example' });
    assert.equal(other.headers.get('Access-Control-Allow-Origin'), null);
    const preflight = await listed.fetch(
      new Request(`${ORIGIN}/api/v1/enrolments`, {
        method: 'OPTIONS',
        headers: { Origin: 'https://evil.example', 'Access-Control-Request-Method': 'POST' },
      }),
    );
    assert.equal(preflight.headers.get('Access-Control-Allow-Origin'), null);
    assert.equal(preflight.headers.get('Access-Control-Allow-Methods'), null);
  });
});

describe('media', () => {
  it('serves SVG with its type, ETag, CORS and a restrictive CSP', async () => {
    const response = await get(app, '/media/logos/insp.svg', { Origin: 'https://site.example' });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('Content-Type'), 'image/svg+xml');
    assert.equal(response.headers.get('Content-Security-Policy'), "default-src 'none'; style-src 'unsafe-inline'");
    assert.equal(response.headers.get('Access-Control-Allow-Origin'), '*');
    assert.ok(response.headers.get('ETag'));
    assert.equal(await response.text(), LOGO_SVG);
  });

  it('refuses path traversal and anything but media files', async () => {
    for (const path of [
      '/media/..%2fseed.ts',
      '/media/%2e%2e/seed.ts',
      '/media/logos/..%2f..%2fsecret.txt',
      '/media/logos/%2e%2e%2f%2e%2e%2fapp.ts',
      '/media/secret.txt',
      '/media/logos/missing.svg',
      '/media/logos/.hidden.svg',
      '/media/%2fetc%2fpasswd',
      '/media/logos%5c..%5c..%5capp.ts',
      '/media/',
    ]) {
      await assertProblem(await get(app, path), 404);
    }
  });
});

describe('OpenAPI', () => {
  it('is a valid OpenAPI 3.1 document covering every endpoint', async () => {
    const served = await json(get(app, '/api/v1/openapi.json'));
    assert.equal(JSON.stringify(served), JSON.stringify(buildOpenApi()));
    assert.equal(served.openapi, '3.1.0');
    const validator = new Validator();
    const result = await validator.validate(structuredClone(served));
    assert.equal(result.valid, true, JSON.stringify(result.errors, null, 2));
    assert.deepEqual(Object.keys(served.paths).sort(), [
      '/audiences',
      '/courses',
      '/courses.csv',
      '/courses/{id}',
      '/courses/{id}/sessions',
      '/enrolments',
      '/expertises',
      '/openapi.json',
      '/organisations',
      '/privacy-notices/{id}',
      '/subscriptions',
      '/suggest',
      '/synonyms',
      '/trainer-applications',
      '/vocabularies',
    ]);
    const post = served.paths['/enrolments'].post;
    assert.deepEqual(Object.keys(post.responses).sort(), ['201', '400', '413', '415', '422', 'default']);
    assert.ok(post.responses['422'].content['application/problem+json']);
    assert.equal(served.components.schemas.EnrolmentRequest.additionalProperties, false, 'requests are strict');
    assert.equal(served.components.schemas.Course.additionalProperties, undefined, 'responses may grow within v1');
    const params = served.paths['/courses'].get.parameters.map((p: { name?: string }) => p.name).filter(Boolean);
    for (const name of ['q', 'expertise', 'audience', 'mode', 'kind', 'organisation', 'partner', 'level', 'free', 'sort', 'page', 'pageSize']) {
      assert.ok(params.includes(name), name);
    }
  });
});

const seedPresent = existsSync(`${DEFAULT_SEED_DIR}/courses.json`);

describe('the demo seed', { skip: seedPresent ? false : 'server/data not written yet' }, () => {
  it('loads, and is served exactly as the contract reads it', async () => {
    const { app: demo } = await makeApp({ seed: loadSeedFiles(), media: mediaFolder() });
    const page = await json(get(demo, '/api/v1/courses?pageSize=100'));
    assert.ok(page.total > 0);
    for (let p = 1; (p - 1) * 100 < page.total; p++) {
      const { items } = await json(get(demo, `/api/v1/courses?pageSize=100&page=${p}`));
      for (const item of items) {
        assert.deepEqual(Course.parse(item), item, `course ${item.id}`);
        if (item.imageUrl) assert.equal((await get(demo, new URL(item.imageUrl).pathname)).status, 200, item.imageUrl);
      }
    }
    const orgs = (await json(get(demo, '/api/v1/organisations'))).items as Organisation[];
    for (const o of orgs) if (o.logoUrl) assert.equal((await get(demo, new URL(o.logoUrl).pathname)).status, 200, o.logoUrl);
  });
});
