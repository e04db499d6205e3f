/**
 * The contract itself, without a server: every seed record survives a trip
 * through the schemas unchanged; request schemas accept what the forms send and
 * reject anything else; the catalogue query encodes canonically and decodes back.
 * (The server's use of the same schemas is covered in server/submissions tests.)
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type * as z from 'zod/mini';
import { decodeQuery, encodeQuery, MAX_PAGE_SIZE, type CourseQuery } from '../../src/api/query.js';
import {
  Audience,
  Course,
  EnrolmentReceipt,
  EnrolmentRequest,
  Expertise,
  Organisation,
  PrivacyNotice,
  Problem,
  Session,
  TrainerApplication,
  TrainerApplicationReceipt,
  Vocabularies,
} from '../../src/api/schemas.js';
import { validateEnrolment, validateTrainerApplication } from '../../src/api/validate.js';
import { DEFAULT_SEED_DIR } from '../../server/seed.js';
import { enrolment, trainerApplication } from './fixture.js';

const ORIGIN = 'https://campus.example.gouv.fr';
const seed = (file: string): any => JSON.parse(readFileSync(join(DEFAULT_SEED_DIR, file), 'utf8'));

/** What the server does before sending: media paths become absolute URLs on its origin. */
function absolutise(record: Record<string, unknown>): Record<string, unknown> {
  const out = { ...record };
  for (const key of ['imageUrl', 'logoUrl']) {
    if (typeof out[key] === 'string' && (out[key] as string).startsWith('/')) out[key] = ORIGIN + out[key];
  }
  return out;
}

/** parse → JSON → parse again: both steps must give back the record as it was. */
function assertRoundTrip(schema: z.ZodMiniType, raw: unknown, label: string): void {
  const parsed = schema.safeParse(raw);
  assert.ok(parsed.success, `${label}: ${parsed.success ? '' : JSON.stringify(parsed.error.issues)}`);
  const wire = JSON.parse(JSON.stringify(parsed.data));
  assert.deepEqual(wire, raw, `${label}: re-serialised differently`);
  assert.deepEqual(schema.parse(wire), parsed.data, `${label}: second parse differs`);
}

describe('schema round trips of the seed catalogue', () => {
  const lists: [string, z.ZodMiniType, number][] = [
    ['expertises.json', Expertise, 10],
    ['audiences.json', Audience, 3],
    ['organisations.json', Organisation, 10],
    ['courses.json', Course, 150],
    ['sessions.json', Session, 100],
    ['privacy-notices.json', PrivacyNotice, 2],
  ];
  for (const [file, schema, atLeast] of lists) {
    it(`${file}: every record parses and re-serialises to an equal object`, () => {
      const { items } = seed(file) as { items: Record<string, unknown>[] };
      assert.ok(items.length >= atLeast, `${file} has ${items.length} records`);
      for (const item of items) assertRoundTrip(schema, absolutise(item), `${file} ${String(item.id)}`);
    });
  }

  it('vocabularies.json parses and re-serialises to an equal object, every list non-empty', () => {
    const raw = seed('vocabularies.json');
    assertRoundTrip(Vocabularies, raw, 'vocabularies');
    for (const [name, list] of Object.entries(Vocabularies.parse(raw))) assert.ok(list.length > 0, name);
  });

  it('a relative media URL is not an http(s) URL: read as absent, so the server must absolutise it', () => {
    const course = seed('courses.json').items.find((c: { imageUrl?: string }) => c.imageUrl?.startsWith('/'));
    assert.ok(course, 'a seed course with a relative image');
    assert.equal(Course.parse(course).imageUrl, undefined);
    assert.equal(Course.parse(absolutise(course)).imageUrl, ORIGIN + course.imageUrl);
  });

  it('receipts and problems round-trip too', () => {
    assertRoundTrip(
      EnrolmentReceipt,
      { reference: 'CNP-2026-ABCDEF', status: 'submitted', courseId: 'c', sessionId: 's', createdAt: '2026-11-28T10:00:00.000Z' },
      'enrolment receipt',
    );
    assertRoundTrip(TrainerApplicationReceipt, { reference: 'CNP-2026-GHJKLM', status: 'submitted', createdAt: '2026-11-28T10:00:00.000Z' }, 'trainer receipt');
    assertRoundTrip(
      Problem,
      { type: 'urn:campus-numerique:problem:validation', title: 'Données invalides', status: 422, detail: 'd', errors: [{ field: 'email', code: 'invalid_email', message: 'm' }] },
      'problem',
    );
  });
});

describe('tolerant reading of what the server sends', () => {
  const course = () => absolutise(seed('courses.json').items[0]);

  it('keeps an unknown kind, mode, level, enrolment mode or session status with its value', () => {
    const raw = {
      ...course(),
      kind: 'hackathon',
      modes: ['metavers', 'presentiel'],
      level: 'expert',
      enrolment: { mode: 'lottery' },
      nextSession: { id: 's1', start: '2027-01-05T09:00:00+01:00', mode: 'metavers', status: 'postponed' },
    };
    const parsed = Course.parse(raw);
    assert.equal(parsed.kind, 'hackathon');
    assert.deepEqual(parsed.modes, ['metavers', 'presentiel']);
    assert.equal(parsed.level, 'expert');
    assert.equal(parsed.enrolment.mode, 'lottery');
    assert.equal(parsed.nextSession?.status, 'postponed');
    const session = seed('sessions.json').items[0];
    assert.equal(Session.parse({ ...session, status: 'postponed', mode: 'metavers' }).status, 'postponed');
  });

  it('drops only what cannot be shown without: an id and a title', () => {
    const { id: _id, ...noId } = course();
    const { title: _title, ...noTitle } = course();
    assert.equal(Course.safeParse(noId).success, false);
    assert.equal(Course.safeParse(noTitle).success, false);
    assert.equal(Course.safeParse({ ...course(), title: '   ' }).success, false);
    // Anything else broken falls back rather than losing the course.
    const parsed = Course.parse({ ...course(), summary: 42, objectives: 'x', isFree: 'oui', imageUrl: 'javascript:alert(1)', updatedAt: 'hier' });
    assert.equal(parsed.summary, '');
    assert.deepEqual(parsed.objectives, []);
    assert.equal(parsed.isFree, true);
    assert.equal(parsed.imageUrl, undefined);
    assert.equal(parsed.updatedAt, undefined);
  });
});

describe('request schemas (strict)', () => {
  const training = { title: 'Atelier', summary: 'Un atelier.', modes: ['presentiel'], duration: '1 jour', audienceIds: ['agents'] };

  it('accept valid payloads, every optional field included, unchanged', () => {
    const full = enrolment({
      jobTitle: 'Cheffe de projet',
      managerEmail: 'responsable@example.gouv.fr',
      accommodation: 'Accès en fauteuil',
      comment: '<b>tel quel</b>',
      locale: 'fr-CA',
      website: '',
    });
    for (const payload of [enrolment(), enrolment({ sessionId: undefined }), full]) {
      const clean = JSON.parse(JSON.stringify(payload));
      assertRoundTrip(EnrolmentRequest, clean, 'enrolment');
      assert.deepEqual(validateEnrolment(clean, { managerApproval: false }).errors, []);
    }
    assert.deepEqual(validateEnrolment(full, { managerApproval: true }).errors, []);
    for (const payload of [trainerApplication(), trainerApplication({ intent: 'list', training, places: 'Lyon', locale: 'en' })]) {
      assertRoundTrip(TrainerApplication, payload, 'trainer application');
      assert.deepEqual(validateTrainerApplication(payload).errors, []);
    }
  });

  it('reject unknown fields, at the top and nested, with the code unknown_field', () => {
    assert.equal(EnrolmentRequest.safeParse(enrolment({ isAdmin: true })).success, false);
    assert.equal(TrainerApplication.safeParse(trainerApplication({ role: 'admin' })).success, false);
    assert.equal(TrainerApplication.safeParse(trainerApplication({ intent: 'list', training: { ...training, price: 0 } })).success, false);
    assert.deepEqual(validateEnrolment(enrolment({ isAdmin: true, role: 'admin' }), { managerApproval: false }).errors.map((e) => [e.field, e.code]), [
      ['isAdmin', 'unknown_field'],
      ['role', 'unknown_field'],
    ]);
    assert.deepEqual(
      validateTrainerApplication(trainerApplication({ intent: 'list', training: { ...training, price: 0 } })).errors.map((e) => [e.field, e.code]),
      [['training.price', 'unknown_field']],
    );
  });

  it('reject what the forms would refuse, one stable code per field', () => {
    const codes = (errors: { field: string; code: string }[]) => Object.fromEntries(errors.map((e) => [e.field, e.code]));
    assert.deepEqual(
      codes(validateEnrolment(enrolment({ email: '', familyName: 'x'.repeat(101), courseId: 42 }), { managerApproval: true }).errors),
      { email: 'required', familyName: 'too_long', courseId: 'invalid', managerEmail: 'required' },
    );
    assert.deepEqual(
      codes(validateTrainerApplication(trainerApplication({ links: ['https://a.fr', 'https://b.fr', 'https://c.fr', 'https://d.fr'], skills: [] })).errors),
      { links: 'too_many', skills: 'required' },
    );
    assert.deepEqual(codes(validateTrainerApplication(trainerApplication({ links: ['ftp://a.fr'] })).errors), { 'links.0': 'invalid_url' });
  });
});

describe('the catalogue query', () => {
  const queries: CourseQuery[] = [
    {},
    { q: 'sécurité des données' },
    { expertise: ['data', 'cybersecurite'], mode: ['presentiel'] },
    { audience: ['agents'], kind: ['module', 'parcours'], organisation: ['insp'], partner: ['atn-quebec'], level: ['avance'] },
    { q: 'IA & éthique?', free: true, sort: 'title', page: 3, pageSize: 24 },
    { sort: 'start' },
    { sort: 'updated', pageSize: MAX_PAGE_SIZE },
    { expertise: ['é/ç&=+ ?#'] },
  ];

  it('decodeQuery(encodeQuery(q)) gives q back, and the encoding is stable', () => {
    for (const query of queries) {
      const encoded = encodeQuery(query);
      const decoded = decodeQuery(new URLSearchParams(encoded.toString()));
      // Values come back sorted: the canonical form.
      const expected = Object.fromEntries(
        Object.entries(query).map(([k, v]) => [k, Array.isArray(v) ? [...v].sort() : v]),
      );
      assert.deepEqual(decoded, expected, JSON.stringify(query));
      assert.equal(encodeQuery(decoded).toString(), encoded.toString(), JSON.stringify(query));
    }
  });

  it('round-trips with a prefix, and ignores what is not under it', () => {
    const query: CourseQuery = { q: 'cloud', mode: ['hybride'], page: 2 };
    const params = encodeQuery(query, 'cat-');
    assert.equal(params.toString(), 'cat-mode=hybride&cat-page=2&cat-q=cloud');
    params.append('q', 'autre');
    params.append('mode', 'presentiel');
    assert.deepEqual(decodeQuery(params, 'cat-'), query);
  });

  it('is canonical: equal queries written differently encode to the same string', () => {
    const a = encodeQuery({ mode: ['presentiel', 'distanciel'], expertise: ['ia', 'data'], q: '  cloud   souverain ' });
    const b = encodeQuery({ q: 'cloud souverain', expertise: ['data', 'ia', ' data '], mode: ['distanciel', 'presentiel'] });
    assert.equal(a.toString(), b.toString());
    assert.equal(a.toString(), 'expertise=data&expertise=ia&mode=distanciel&mode=presentiel&q=cloud+souverain');
  });

  it('leaves defaults out of the URL', () => {
    assert.equal(encodeQuery({ sort: 'relevance', page: 1, free: false, q: '  ', expertise: [] }).toString(), '');
  });

  it('decodes leniently: comma lists, free=1, bad numbers and sorts ignored, pageSize clamped', () => {
    const decoded = decodeQuery(new URLSearchParams('expertise=ia,data&expertise=ia&free=1&sort=price&page=0&pageSize=500&utm_source=x'));
    assert.deepEqual(decoded, { expertise: ['data', 'ia'], free: true, pageSize: MAX_PAGE_SIZE });
    assert.deepEqual(decodeQuery(new URLSearchParams('page=-2&pageSize=1e3&free=yes')), {});
  });
});
