/**
 * Finding a course (issue 20, service side): suggestions as one types, the
 * synonyms list in search and suggestions, filters on sessions (month,
 * period, next months, city, region, online, open) with their facet counts,
 * `region` in a session's place, the contract and OpenAPI declaring them, and
 * the client's silence on an older service. Run on SQLite, and on PostgreSQL
 * with TEST_DATABASE_URL.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Validator } from '@seriousme/openapi-schema-validator';
import { CampusClient, clearCache } from '../../src/api/client.js';
import { suggest as clientSuggest, synonyms as clientSynonyms } from '../../src/api/discovery.js';
import { decodeQuery, encodeQuery, MAX_WITHIN_MONTHS } from '../../src/api/query.js';
import { Course, Location, SESSION_FACETS, SUGGEST_LIMIT, Suggestion, Synonym, Vocabularies } from '../../src/api/schemas.js';
import { dayIn } from '../../src/api/sessions.js';
import type { CatalogueData } from '../../server/catalogue.js';
import { loadSeedFiles } from '../../server/seed.js';
import { suggestWords } from '../../server/suggest.js';
import { fixture, get, json, makeApp, ORIGIN } from './fixture.js';

/** Now, for every test: mid-January 2030, before every fixture session but one long past. */
const NOW = new Date('2030-01-15T10:00:00Z');

const place = (city: string, region: string, country = 'FR') => ({ name: `Salle de ${city}`, city, region, country });

function session(id: string, courseId: string, start: string, status: string, extra: Record<string, unknown> = {}) {
  const end = new Date(Date.parse(start) + 3 * 3_600_000).toISOString();
  return { id, courseId, mode: 'presentiel', slots: [{ start, end }], timezone: 'Europe/Paris', online: false, capacity: 20, seatsLeft: 10, status, ...extra };
}

const course = (id: string, title: string, extra: Record<string, unknown> = {}) => ({
  id,
  title,
  kind: 'module',
  summary: '',
  objectives: [],
  expertiseIds: ['data'],
  audienceIds: ['agents'],
  modes: ['e-learning'],
  language: 'fr',
  providerId: 'campus',
  partnerIds: [],
  isFree: true,
  enrolment: { mode: 'external', url: 'https://example.org/inscription' },
  managerApproval: false,
  privacyNoticeId: 'inscription',
  ...extra,
});

/**
 * The API tests' fixture, with sessions spread over months, cities, regions
 * and modes, a few courses that only synonyms find, an expertise without any
 * course, and the synonyms list of the issue.
 */
function discoverySeed(): CatalogueData {
  const base = fixture();
  const online = { mode: 'distanciel', online: true };
  return {
    ...base,
    expertises: [...base.expertises, { id: 'experience-utilisateur', label: 'Expérience utilisateur' }],
    vocabularies: {
      ...base.vocabularies,
      regions: [
        { id: 'FR-ARA', label: 'Auvergne-Rhône-Alpes' },
        { id: 'FR-GES', label: 'Grand Est' },
        { id: 'FR-IDF', label: 'Île-de-France' },
        { id: 'CA-QC', label: 'Québec' },
      ],
    },
    courses: [
      ...base.courses,
      course('phishing-awareness', 'Phishing awareness for developers', { language: 'en' }),
      course('atelier-ia', 'Atelier IA pour les managers'),
      course('initiation-donnees', 'Initiation aux données'),
      course('rgpd-agents', 'Le RGPD pour les agents'),
      course('onze-mots', 'Alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo'),
      ...Array.from({ length: 12 }, (_, k) => course(`atelier-${k}`, `Atelier numérique ${k + 1}`)),
    ] as CatalogueData['courses'],
    sessions: [
      session('ia-past', 'matinee-ia', '2020-05-05T07:00:00Z', 'open', { location: place('Strasbourg', 'FR-GES') }),
      session('ia-open', 'matinee-ia', '2030-03-10T08:00:00Z', 'open', { location: place('Strasbourg', 'FR-GES'), seatsLeft: 1 }),
      session('ia-full', 'matinee-ia', '2030-04-10T07:00:00Z', 'full', { ...online, seatsLeft: 0 }),
      session('ia-cancelled', 'matinee-ia', '2030-01-20T08:00:00Z', 'cancelled', { location: place('Lyon', 'FR-ARA') }),
      session('ia-closed', 'matinee-ia', '2030-02-10T08:00:00Z', 'closed', { location: place('Paris', 'FR-IDF') }),
      // 23:30 on 31 May in Montréal is already 1 June in UTC: the month is the place's.
      session('data-1', 'piloter-donnee', '2030-05-31T23:30:00-04:00', 'open', { timezone: 'America/Montreal', location: place('Montréal', 'CA-QC', 'CA') }),
      session('dp-1', 'donnees-personnelles', '2030-06-01T07:00:00Z', 'waitlist', { location: place('Lyon', 'FR-ARA'), seatsLeft: 0 }),
      // Registration opens after "now": it does not take requests yet.
      session('design-1', 'design-accessibilite', '2030-03-20T08:00:00Z', 'open', { location: place('Lyon', 'FR-ARA'), registrationOpens: '2030-02-01T08:00:00Z' }),
    ],
    synonyms: [
      { id: 'hameconnage', terms: [{ text: 'hameçonnage', lang: 'fr' }], from: [{ text: 'phishing', lang: 'en' }] },
      { id: 'ia', terms: [{ text: 'IA', lang: 'fr' }, { text: 'intelligence artificielle', lang: 'fr' }], from: [] },
      { id: 'rgpd', terms: [{ text: 'RGPD', lang: 'fr' }, { text: 'données personnelles', lang: 'fr' }], from: [] },
      { id: 'cloud', terms: [{ text: 'cloud', lang: 'fr' }, { text: 'infonuagique', lang: 'fr-CA' }], from: [] },
    ],
  };
}

const { app } = await makeApp({ seed: discoverySeed(), now: () => NOW });

async function ids(query: string): Promise<string[]> {
  const response = await get(app, `/api/v1/courses?${query}`);
  assert.equal(response.status, 200, query);
  return (await response.json()).items.map((c: Course) => c.id);
}

type Facets = Record<string, { id: string; count: number }[]>;
const facetsOf = async (query: string): Promise<Facets> => (await json(get(app, `/api/v1/courses?${query}`))).facets;
const counts = (facets: Facets, name: string) => Object.fromEntries(facets[name].map((v) => [v.id, v.count]));

async function suggest(q: string): Promise<Suggestion[]> {
  const response = await get(app, `/api/v1/suggest?q=${encodeURIComponent(q)}`);
  assert.equal(response.status, 200, q);
  const body = await response.json();
  for (const item of body.items) assert.deepEqual(Suggestion.parse(item), item, 'sent as the contract reads it');
  return body.items;
}
const labels = (items: Suggestion[]) => items.map((s) => `${s.kind}:${s.label}`);

describe('GET /suggest', () => {
  it('suggests expertises, organisations and course titles, each with what choosing it does', async () => {
    const items = await suggest('cyber');
    assert.deepEqual(items, [
      { kind: 'expertise', label: 'Cybersécurité', filter: { name: 'expertise', value: 'cybersecurite' } },
      { kind: 'course', label: 'Cybersécurité : les fondamentaux', courseId: 'cyber-fondamentaux' },
    ]);
    assert.deepEqual(await suggest('insp'), [
      { kind: 'organisation', label: 'Institut national du service public', filter: { name: 'organisation', value: 'insp' } },
    ], 'an organisation is found by its short name');
    assert.deepEqual(await suggest('académie'), [
      { kind: 'organisation', label: 'Académie de la transformation numérique', filter: { name: 'partner', value: 'atn-quebec' } },
    ], 'an organisation that only co-brands filters on its partnerships');
    assert.deepEqual(await suggest('expérience'), [], 'an expertise without any course leads nowhere: not suggested');
  });

  it('ignores accents and case', async () => {
    const expected = labels(await suggest('sécurité des données'));
    assert.deepEqual(expected, ['course:Sécurité des données personnelles']);
    for (const q of ['SECURITE DES DONNEES', 'securite des donnees', 'Sécurité   des  DONNÉES']) assert.deepEqual(labels(await suggest(q)), expected, q);
  });

  it('matches the last word as the start of a word, the others as whole words', async () => {
    assert.deepEqual(labels(await suggest('sécurité des donn')), ['course:Sécurité des données personnelles']);
    assert.deepEqual(labels(await suggest('Piloter par la d')), ['course:Piloter par la donnée']);
    assert.deepEqual(await suggest('secu donnees'), [], 'an earlier word is a whole word: "secu" is not "sécurité"');
    assert.deepEqual(await suggest('sécurité onnées'), [], 'the last word starts a word');
  });

  it('ranks what begins with the words first, expertises before courses, and sends at most 8', async () => {
    const items = await suggest('atelier');
    assert.equal(SUGGEST_LIMIT, 8);
    assert.equal(items.length, 8, `${items.length} suggestions`);
    assert.ok(items.every((s) => s.label.startsWith('Atelier')));
    assert.equal(items[0].label, 'Atelier numérique 1', 'the shortest label first among equals');
    assert.deepEqual(labels(await suggest('design')), ['expertise:Design et accessibilité', 'course:Design et accessibilité des services publics'], 'an expertise before a course');
    assert.deepEqual(labels(await suggest('donn')), [
      'expertise:Visualisation de données',
      'course:Piloter par la donnée',
      'course:Initiation aux données',
      'course:Sécurité des données personnelles',
    ], 'no label begins with it: expertises first, then the shorter labels');
    assert.deepEqual(labels(await suggest('sécurité')), ['course:Sécurité des données personnelles'], 'a label that begins with it');
  });

  it('gives an empty list under 2 letters or digits', async () => {
    for (const q of ['', ' ', 'a', 'é', ' l’ ', '--']) assert.deepEqual(await suggest(q), [], JSON.stringify(q));
    assert.ok((await suggest('ia')).length > 0, 'two letters are enough');
  });

  it('bounds q as the list does: 10 distinct words of 64 characters, the rest left out, never refused', async () => {
    const eleven = 'alpha bravo charlie delta echo foxtrot golf hotel india juliet';
    assert.deepEqual(labels(await suggest(`${eleven} zulu`)), ['course:Alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo'], 'the 11th word is left out');
    assert.deepEqual(await suggest('alpha bravo charlie delta echo foxtrot golf hotel zulu'), [], 'the 9th word still counts');
    assert.equal(suggestWords(`${'x'.repeat(200)} cyber`).map((w) => w.length).join(), '64,5');
    const huge = Array.from({ length: 3_000 }, (_, i) => `mot${i}`).join(' ');
    assert.ok(huge.length > 15_000);
    const work = { steps: 0 };
    assert.equal(suggestWords(huge, work).length, 10);
    assert.ok(work.steps < 200, `${work.steps} steps for a 15 KB q: reading stops after 10 words`);
    assert.equal((await get(app, `/api/v1/suggest?q=${encodeURIComponent(huge)}`)).status, 200);
  });

  it('is cacheable like the other public GETs', async () => {
    const first = await get(app, '/api/v1/suggest?q=cyber', { Origin: 'https://intranet.example.gouv.fr' });
    assert.equal(first.headers.get('Cache-Control'), 'public, max-age=60, stale-while-revalidate=300');
    assert.equal(first.headers.get('Access-Control-Allow-Origin'), '*');
    assert.match(first.headers.get('Content-Type') ?? '', /^application\/json/);
    const etag = first.headers.get('ETag');
    assert.ok(etag);
    assert.equal((await get(app, '/api/v1/suggest?q=cyber', { 'If-None-Match': etag })).status, 304);
    const post = await app.fetch(new Request(`${ORIGIN}/api/v1/suggest?q=cyber`, { method: 'POST', body: '{}' }));
    assert.equal(post.status, 405);
  });
});

describe('synonyms', () => {
  it('are served as data', async () => {
    const response = await get(app, '/api/v1/synonyms');
    assert.equal(response.status, 200);
    assert.match(response.headers.get('Cache-Control') ?? '', /max-age=60/);
    const { items } = await response.json();
    assert.deepEqual(items.map((s: Synonym) => s.id), ['hameconnage', 'ia', 'rgpd', 'cloud']);
    for (const item of items) assert.deepEqual(Synonym.parse(item), item);
  });

  it('find in search: phishing → hameçonnage one way; IA ↔ intelligence artificielle and RGPD ↔ données personnelles both ways', async () => {
    assert.deepEqual(await ids('q=phishing'), ['phishing-awareness', 'cyber-fondamentaux'], 'the one saying phishing in its title, and the course on hameçonnage');
    assert.deepEqual(await ids('q=PHISHING'), ['phishing-awareness', 'cyber-fondamentaux']);
    assert.deepEqual(await ids('q=hame%C3%A7onnage'), ['cyber-fondamentaux'], 'one way: hameçonnage does not find « phishing »');

    assert.deepEqual(await ids('q=intelligence+artificielle'), ['matinee-ia', 'atelier-ia']);
    assert.deepEqual(await ids('q=IA'), ['matinee-ia', 'atelier-ia'], 'and back; "IA" is a word, not the inside of « initiation »');
    assert.deepEqual(await ids('q=l%E2%80%99IA'), ['matinee-ia', 'atelier-ia']);

    assert.deepEqual(await ids('q=RGPD'), ['donnees-personnelles', 'rgpd-agents']);
    assert.deepEqual(await ids('q=donn%C3%A9es+personnelles'), ['donnees-personnelles', 'rgpd-agents'], 'and back');
    assert.deepEqual(await ids('q=donn%C3%A9e+personnelle'), ['donnees-personnelles', 'rgpd-agents'], 'singular or plural');
    assert.deepEqual(await ids('q=RGPD&kind=parcours'), [], 'filters still apply');
    assert.deepEqual(await ids('q=RGPD+agents'), ['rgpd-agents'], 'other words still narrow');
  });

  it('find in suggestions, as they are typed', async () => {
    assert.deepEqual(await suggest('phish'), [{ kind: 'course', label: 'Phishing awareness for developers', courseId: 'phishing-awareness' }]);
    assert.deepEqual(labels(await suggest('phishing')), ['course:Phishing awareness for developers'], 'titles only: hameçonnage is in an objective');
    assert.deepEqual(labels(await suggest('intelligence art')), [
      'expertise:Intelligence artificielle',
      "course:Matinée IA : l'intelligence artificielle générative",
      'course:Atelier IA pour les managers',
    ]);
    assert.deepEqual(labels(await suggest('ia')).slice(0, 2), ['expertise:Intelligence artificielle', 'course:Atelier IA pour les managers']);
    assert.deepEqual(labels(await suggest('rgp')), ['course:Le RGPD pour les agents', 'course:Sécurité des données personnelles']);
    assert.deepEqual(labels(await suggest('données perso')), ['course:Sécurité des données personnelles', 'course:Le RGPD pour les agents']);
  });
});

describe('filters on sessions', () => {
  it('by month, in the time zone the session is held in; cancelled and past sessions never count', async () => {
    assert.deepEqual(await ids('month=2030-03'), ['matinee-ia', 'design-accessibilite']);
    assert.deepEqual(await ids('month=2030-05'), ['piloter-donnee'], 'Montréal, 31 May at 23:30');
    assert.deepEqual(await ids('month=2030-06'), ['donnees-personnelles']);
    assert.deepEqual(await ids('month=2030-01'), [], 'the only January session is cancelled');
    assert.deepEqual(await ids('month=2020-05'), [], 'past');
    assert.deepEqual(await ids('month=2030-05&month=2030-06'), ['piloter-donnee', 'donnees-personnelles'], 'any of the months');
    assert.deepEqual(await ids('month=2030-13'), await ids(''), 'a malformed month is ignored');
    assert.equal(dayIn('2030-05-31T23:30:00-04:00', 'America/Montreal'), '2030-05-31');
    assert.equal(dayIn('2030-05-31T23:30:00-04:00', 'Europe/Paris'), '2030-06-01');
  });

  it('by period (from, to: days, inclusive) and within the next months', async () => {
    assert.deepEqual(await ids('from=2030-03-15&to=2030-05-31'), ['piloter-donnee', 'matinee-ia', 'design-accessibilite']);
    assert.deepEqual(await ids('from=2030-06-01'), ['donnees-personnelles']);
    assert.deepEqual(await ids('to=2030-02-10'), ['matinee-ia'], 'the closed session of 10 February');
    assert.deepEqual(await ids('withinMonths=2'), ['matinee-ia'], 'from now to 15 March');
    assert.deepEqual(await ids('withinMonths=3'), ['matinee-ia', 'design-accessibilite'], 'to 15 April: « dans les 3 prochains mois »');
    assert.deepEqual(await ids('withinMonths=999'), await ids(`withinMonths=${MAX_WITHIN_MONTHS}`), 'a longer period is shortened');
    assert.deepEqual(await ids('from=2030-02-31'), await ids(''), 'a day that does not exist is ignored');
  });

  it('by place: city (case and accents ignored), ISO 3166-2 region, online — any of them', async () => {
    assert.deepEqual(await ids('city=Lyon'), ['design-accessibilite', 'donnees-personnelles'], 'the cancelled Lyon session does not count');
    assert.deepEqual(await ids('city=LYON'), ['design-accessibilite', 'donnees-personnelles']);
    assert.deepEqual(await ids('city=montreal'), ['piloter-donnee']);
    assert.deepEqual(await ids('region=FR-GES'), ['matinee-ia']);
    assert.deepEqual(await ids('region=ca-qc'), ['piloter-donnee']);
    assert.deepEqual(await ids('online=true'), ['matinee-ia']);
    assert.deepEqual(await ids('city=Lyon&online=true'), ['matinee-ia', 'design-accessibilite', 'donnees-personnelles']);
    assert.deepEqual(await ids('city=Lyon&region=CA-QC'), ['piloter-donnee', 'design-accessibilite', 'donnees-personnelles']);
    assert.deepEqual(await ids('city=Atlantis'), []);
  });

  it('open for requests, by the one rule of src/api/sessions.ts', async () => {
    // ia-open (open), ia-full (full: waiting list), data-1, dp-1 (waiting list); not ia-closed nor design-1 (opens on 1 February).
    assert.deepEqual(await ids('open=true'), ['piloter-donnee', 'matinee-ia', 'donnees-personnelles']);
    const { app: later } = await makeApp({ seed: discoverySeed(), now: () => new Date('2030-02-15T10:00:00Z') });
    const page = await json(get(later, '/api/v1/courses?open=true'));
    assert.deepEqual(page.items.map((c: Course) => c.id), ['piloter-donnee', 'matinee-ia', 'design-accessibilite', 'donnees-personnelles'], 'design-1 takes requests once registration opens');
  });

  it('asks one session to meet them all: "Strasbourg in April" is not Strasbourg in March and online in April', async () => {
    assert.deepEqual(await ids('month=2030-03&city=Strasbourg'), ['matinee-ia']);
    assert.deepEqual(await ids('month=2030-04&city=Strasbourg'), []);
    assert.deepEqual(await ids('month=2030-04&online=true'), ['matinee-ia']);
    assert.deepEqual(await ids('month=2030-03&city=Lyon'), ['design-accessibilite']);
    assert.deepEqual(await ids('month=2030-03&city=Lyon&open=true'), [], 'design-1 does not take requests yet');
    assert.deepEqual(await ids('city=Lyon&kind=module&q=donnees'), ['donnees-personnelles'], 'with the course filters and the search');
  });

  it('shows as next session the one the filters found', async () => {
    const [ia] = (await json(get(app, '/api/v1/courses?month=2030-04'))).items;
    assert.equal(ia.nextSession.id, 'ia-full');
    assert.equal(ia.nextSession.online, true);
    const [plain] = (await json(get(app, '/api/v1/courses?kind=matinee'))).items;
    assert.equal(plain.nextSession.id, 'ia-open', 'without a session filter, the next session');
    assert.equal(plain.nextSession.region, 'FR-GES');
  });

  it('counts each value under the other filters, as the other facets do', async () => {
    const all = await facetsOf('');
    for (const name of SESSION_FACETS) assert.ok(all[name], name);
    assert.deepEqual(all.month, [
      { id: '2030-02', count: 1 },
      { id: '2030-03', count: 2 },
      { id: '2030-04', count: 1 },
      { id: '2030-05', count: 1 },
      { id: '2030-06', count: 1 },
    ], 'in order; no cancelled January, no past May 2020');
    assert.deepEqual(all.city, [
      { id: 'Lyon', count: 2 },
      { id: 'Montréal', count: 1 },
      { id: 'Paris', count: 1 },
      { id: 'Strasbourg', count: 1 },
    ]);
    assert.deepEqual(all.region, [
      { id: 'FR-ARA', count: 2 },
      { id: 'FR-GES', count: 1 },
      { id: 'FR-IDF', count: 1 },
      { id: 'CA-QC', count: 1 },
    ], 'in the vocabulary’s order');
    assert.deepEqual(all.online, [{ id: 'true', count: 1 }]);
    assert.deepEqual(all.open, [{ id: 'true', count: 3 }]);

    const lyon = await facetsOf('city=Lyon');
    assert.deepEqual(counts(lyon, 'city'), { Lyon: 2, Montréal: 1, Paris: 1, Strasbourg: 1 }, 'its own filter does not narrow the place facets');
    assert.deepEqual(counts(lyon, 'region'), { 'FR-ARA': 2, 'FR-GES': 1, 'FR-IDF': 1, 'CA-QC': 1 });
    assert.deepEqual(counts(lyon, 'month'), { '2030-03': 1, '2030-06': 1 });
    assert.deepEqual(counts(lyon, 'open'), { true: 1 });
    assert.deepEqual(counts(lyon, 'kind'), { module: 2 }, 'the course facets count under the session filters');

    const march = await facetsOf('month=2030-03');
    assert.deepEqual(counts(march, 'month'), { '2030-02': 1, '2030-03': 2, '2030-04': 1, '2030-05': 1, '2030-06': 1 });
    assert.deepEqual(counts(march, 'city'), { Lyon: 1, Strasbourg: 1 });
    assert.deepEqual(counts(march, 'open'), { true: 1 });

    const modules = await facetsOf('kind=module');
    assert.deepEqual(counts(modules, 'city'), { Lyon: 2 });
    assert.deepEqual(counts(modules, 'month'), { '2030-03': 1, '2030-06': 1 });

    const none = await facetsOf('city=Atlantis&month=2031-01&open=true');
    assert.deepEqual(none.city.find((v) => v.id === 'Atlantis'), { id: 'Atlantis', count: 0 }, 'a selected value is always listed');
    assert.deepEqual(none.month.find((v) => v.id === '2031-01'), { id: '2031-01', count: 0 });
    assert.deepEqual(none.open, [{ id: 'true', count: 0 }]);
  });

  it('counts « dans les 3 prochains mois » (withinMonths), or the period the query names, under the other filters', async () => {
    assert.deepEqual((await facetsOf('')).withinMonths, [{ id: '3', count: (await ids('withinMonths=3')).length }]);
    assert.deepEqual((await facetsOf('')).withinMonths, [{ id: '3', count: 2 }], 'matinee-ia and design-accessibilite');
    assert.deepEqual((await facetsOf('withinMonths=2')).withinMonths, [{ id: '2', count: 1 }], 'its own period');
    assert.deepEqual((await facetsOf('withinMonths=3')).withinMonths, [{ id: '3', count: 2 }], 'its own filter does not narrow it');
    assert.deepEqual((await facetsOf('city=Strasbourg')).withinMonths, [{ id: '3', count: (await ids('city=Strasbourg&withinMonths=3')).length }]);
    assert.deepEqual((await facetsOf('kind=module')).withinMonths, [{ id: '3', count: (await ids('kind=module&withinMonths=3')).length }]);
    assert.deepEqual((await facetsOf('month=2030-06')).withinMonths, [], 'nothing in June within the period');
    assert.deepEqual((await facetsOf('month=2030-06&withinMonths=3')).withinMonths, [{ id: '3', count: 0 }], 'a chosen period is always listed');
  });

  it('apply to the CSV export too', async () => {
    const csv = await (await get(app, '/api/v1/courses.csv?city=Lyon')).text();
    assert.equal(csv.trim().split('\r\n').length, 3, 'header and two courses');
  });
});

describe('region in a session’s place', () => {
  it('is sent in sessions and next sessions, and listed with its label in the vocabularies', async () => {
    const { items } = await json(get(app, '/api/v1/courses/piloter-donnee/sessions'));
    assert.equal(items[0].location.region, 'CA-QC');
    assert.deepEqual(Location.parse(items[0].location), items[0].location);
    const vocabularies = await json(get(app, '/api/v1/vocabularies'));
    assert.deepEqual(vocabularies.regions[0], { id: 'FR-ARA', label: 'Auvergne-Rhône-Alpes' });
    assert.deepEqual(Vocabularies.parse(vocabularies), vocabularies);
  });

  it('is optional: an older answer without it still reads', () => {
    assert.deepEqual(Location.parse({ name: 'INSP', city: 'Strasbourg', country: 'FR' }), { name: 'INSP', city: 'Strasbourg', country: 'FR' });
    const { regions, ...older } = Vocabularies.parse({ kinds: [{ id: 'module', label: 'Module' }] });
    assert.equal(regions, undefined);
    assert.deepEqual(older.kinds, [{ id: 'module', label: 'Module' }]);
  });
});

describe('the contract', () => {
  it('encodes the new filters canonically and reads them back leniently', () => {
    const query = { month: ['2030-04', '2030-03'], city: ['Lyon'], region: ['fr-ara'], from: '2030-03-01', to: '2030-05-31', withinMonths: 3, online: true, open: true };
    const encoded = encodeQuery(query).toString();
    assert.equal(encoded, 'city=Lyon&from=2030-03-01&month=2030-03&month=2030-04&online=true&open=true&region=FR-ARA&to=2030-05-31&withinMonths=3');
    assert.deepEqual(decodeQuery(new URLSearchParams(encoded)), { ...query, month: ['2030-03', '2030-04'], region: ['FR-ARA'] });
    assert.deepEqual(decodeQuery(new URLSearchParams('month=2030-3&from=2030-02-30&to=tomorrow&withinMonths=0&online=yes')), {}, 'malformed values are ignored');
    assert.deepEqual(decodeQuery(new URLSearchParams('withinMonths=36')).withinMonths, MAX_WITHIN_MONTHS);
    assert.equal(encodeQuery({ expertise: ['data'] }).toString(), 'expertise=data', 'an old query encodes as before');
  });

  it('reads suggestions and synonyms tolerantly', () => {
    assert.equal(Suggestion.safeParse({ kind: 'course', label: 'Cyber' }).success, false, 'neither course nor filter: unusable');
    assert.equal(Suggestion.safeParse({ kind: 'course', label: '', courseId: 'x' }).success, false, 'no label');
    assert.deepEqual(Suggestion.parse({ kind: 'lieu', label: 'Lyon', filter: { name: 'city', value: 'Lyon' }, extra: 1 }), {
      kind: 'lieu',
      label: 'Lyon',
      filter: { name: 'city', value: 'Lyon' },
    }, 'an unknown kind is kept');
    assert.equal(Synonym.safeParse({ id: 'x', terms: [], from: [] }).success, false, 'an entry without terms finds nothing');
    assert.deepEqual(Synonym.parse({ id: 'x', terms: [{ text: 'IA' }, { text: '' }], from: 'oops' }), { id: 'x', terms: [{ text: 'IA', lang: 'fr' }], from: [] });
  });
});

describe('OpenAPI', () => {
  it('declares /suggest, /synonyms, the session filters, region and the new schemas', async () => {
    const doc = await json(get(app, '/api/v1/openapi.json'));
    const result = await new Validator().validate(structuredClone(doc));
    assert.equal(result.valid, true, JSON.stringify(result.errors, null, 2));
    const suggestOp = doc.paths['/suggest'].get;
    assert.equal(suggestOp.operationId, 'suggest');
    assert.ok(suggestOp.parameters.some((p: { name?: string }) => p.name === 'q'));
    assert.equal(suggestOp.responses['200'].content['application/json'].schema.properties.items.items.$ref, '#/components/schemas/Suggestion');
    assert.equal(doc.paths['/synonyms'].get.responses['200'].content['application/json'].schema.properties.items.items.$ref, '#/components/schemas/Synonym');
    const params = doc.paths['/courses'].get.parameters.map((p: { name?: string }) => p.name);
    for (const name of ['month', 'from', 'to', 'withinMonths', 'city', 'region', 'online', 'open']) {
      assert.ok(params.includes(name), `/courses ${name}`);
      assert.ok(doc.paths['/courses.csv'].get.parameters.some((p: { name?: string }) => p.name === name), `/courses.csv ${name}`);
    }
    const schemas = doc.components.schemas;
    assert.ok(schemas.Session.properties.location.properties.region, 'Location.region');
    assert.ok(!schemas.Session.properties.location.required?.includes('region'), 'optional');
    assert.ok(schemas.Vocabularies.properties.regions);
    assert.deepEqual(Object.keys(schemas.Suggestion.properties).sort(), ['courseId', 'filter', 'kind', 'label']);
    assert.deepEqual(Object.keys(schemas.Synonym.properties).sort(), ['from', 'id', 'terms']);
  });
});

describe('the client', () => {
  /** Routes the client's fetch to an app; counts the calls. */
  function through(handler: (request: Request) => Response | Promise<Response>) {
    const calls: string[] = [];
    const original = globalThis.fetch;
    globalThis.fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
      const request = new Request(input, init);
      calls.push(new URL(request.url).pathname + new URL(request.url).search);
      return handler(request);
    }) as typeof fetch;
    return { calls, restore: () => (globalThis.fetch = original) };
  }

  it('suggests, and asks nothing under 2 letters', async () => {
    clearCache();
    const route = through((r) => app.fetch(r));
    try {
      const client = new CampusClient(`${ORIGIN}/api`);
      const result = await clientSuggest(client, '  cyber ');
      assert.deepEqual(result?.items.map((s) => s.label), ['Cybersécurité', 'Cybersécurité : les fondamentaux']);
      assert.equal(result?.dropped, 0);
      assert.deepEqual(await clientSuggest(client, 'c'), { items: [], dropped: 0 });
      assert.deepEqual(route.calls, ['/api/v1/suggest?q=cyber']);
      const synonyms = await clientSynonyms(client);
      assert.equal(synonyms?.items.length, 4);
    } finally {
      route.restore();
    }
  });

  it('treats a 404 from an older service as "no suggestions", silently, and does not ask again', async () => {
    clearCache();
    const older = (r: Request) =>
      new URL(r.url).pathname.endsWith('/suggest') || new URL(r.url).pathname.endsWith('/synonyms')
        ? new Response(JSON.stringify({ type: 'about:blank', title: 'Ressource introuvable', status: 404 }), { status: 404, headers: { 'Content-Type': 'application/problem+json' } })
        : app.fetch(r);
    const route = through(older);
    const warnings: unknown[] = [];
    const warn = console.warn;
    const error = console.error;
    console.warn = console.error = (...args: unknown[]) => warnings.push(args);
    try {
      const client = new CampusClient(`${ORIGIN}/api`);
      assert.equal(await clientSuggest(client, 'cyber'), null);
      assert.equal(await clientSuggest(client, 'cyberséc'), null);
      assert.equal(route.calls.length, 1, 'asked once');
      assert.equal(await clientSynonyms(client), null);
      assert.deepEqual(warnings, [], 'silently');
    } finally {
      route.restore();
      console.warn = warn;
      console.error = error;
    }
  });

  it('treats a web page 404 the same way, and lets other failures reach the caller', async () => {
    clearCache();
    let status = 404;
    const route = through(() =>
      status === 404 ? new Response('<!doctype html><title>404</title>', { status, headers: { 'Content-Type': 'text/html' } }) : new Response('{}', { status, headers: { 'Content-Type': 'application/json' } }),
    );
    try {
      assert.equal(await clientSuggest(new CampusClient(`${ORIGIN}/api`), 'cyber'), null);
      status = 500;
      await assert.rejects(clientSuggest(new CampusClient(`${ORIGIN}/api`), 'cyber'), (e: { kind?: string; status?: number }) => e.kind === 'http' && e.status === 500);
      assert.equal(route.calls.length, 2, 'a suggestion is not retried: the next keystroke asks again');
    } finally {
      route.restore();
    }
  });
});

describe('the demo seed', () => {
  const seed = loadSeedFiles();

  it('has a region for every place, from its vocabulary, and synonyms that each find a course', async () => {
    const regions = new Set((seed.vocabularies.regions ?? []).map((r) => r.id));
    for (const s of seed.sessions as { id: string; location?: { region?: string } }[]) {
      if (s.location) assert.ok(s.location.region && regions.has(s.location.region), `${s.id}: ${s.location.region}`);
    }
    const { app: demo } = await makeApp({ seed, now: () => new Date('2026-12-03T12:00:00Z') });
    const synonyms: Synonym[] = (await json(get(demo, '/api/v1/synonyms'))).items;
    assert.ok(synonyms.length >= 15, `${synonyms.length} entries`);
    for (const entry of synonyms) {
      for (const term of [...entry.terms, ...entry.from]) {
        const page = await json(get(demo, `/api/v1/courses?q=${encodeURIComponent(term.text)}`));
        assert.ok(page.total > 0, `${entry.id}: « ${term.text} » finds nothing`);
      }
    }
    const titles = async (q: string) => (await json(get(demo, `/api/v1/courses?pageSize=100&q=${encodeURIComponent(q)}`))).items.map((c: Course) => c.title);
    assert.ok((await titles('phishing')).includes('Hameçonnage : s’entraîner à le déjouer'), 'phishing finds the hameçonnage course');
    assert.deepEqual(await titles('infonuagique'), await titles('cloud'), 'cloud in fr-CA');
    assert.deepEqual(await titles('RGPD'), await titles('données personnelles'));
    assert.deepEqual(await titles('IA'), await titles('intelligence artificielle'));
    const suggestions = (await json(get(demo, '/api/v1/suggest?q=phish'))).items;
    assert.deepEqual(suggestions[0], { kind: 'course', label: 'Hameçonnage : s’entraîner à le déjouer', courseId: suggestions[0].courseId });
    const lyonMarch = await json(get(demo, '/api/v1/courses?city=Lyon&month=2027-03'));
    assert.ok(lyonMarch.total > 0);
    for (const c of lyonMarch.items) assert.equal(c.nextSession.city, 'Lyon');
  });
});
