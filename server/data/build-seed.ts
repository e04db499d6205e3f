/**
 * Builds the reference server's seed data: `npx tsx demo/api/data/build-seed.ts`.
 *
 * Writes the JSON files of this folder and the SVG media below `media/`,
 * deterministically (seeded PRNG, fixed "today" of 2026-11-28). Every record
 * is checked with the contract's schemas; since the schemas read tolerantly
 * (a bad optional value is silently dropped), each parsed record is compared
 * with what was written and any difference stops the build.
 *
 * Importing this module has no side effect: it exports `generateCourses` for
 * the server's benchmark.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import {
  Audience,
  Course,
  Expertise,
  Organisation,
  PrivacyNotice,
  Session,
  Synonym,
  Vocabularies,
} from '../../src/api/schemas.js';
import {
  attachNextSessions,
  buildCatalogue,
  checkRow,
  NOW,
  setStatus,
  type CourseRecord,
  type SessionRecord,
} from './seed/build.js';
import { COURSE_ROWS } from './seed/courses.js';
import { illustrationSvg, logoSvg } from './seed/media.js';
import { PRIVACY_NOTICES } from './seed/privacy.js';
import { createRandom } from './seed/random.js';
import { AUDIENCES, EXPERTISES, ORGANISATIONS, VOCABULARIES } from './seed/reference.js';
import { syntheticRows } from './seed/synthetic.js';
import { SYNONYMS } from './seed/synonyms.js';
import { icuOffsetMinutes, isoAt } from './seed/time.js';

export const DEFAULT_SEED = 20260109;
const DATA_DIR = dirname(fileURLToPath(import.meta.url));
const EXAMPLE_ORIGIN = 'https://example.test';

// ------------------------------------------------------------- validation

interface Parser {
  safeParse(value: unknown): { success: true; data: unknown } | { success: false; error: unknown };
}

/** Replaces root-relative media paths by absolute URLs, as the server does per request. */
function absolutise<T extends object>(record: T, keys: string[]): T {
  const copy = { ...record } as Record<string, unknown>;
  for (const k of keys) {
    const v = copy[k];
    if (typeof v === 'string' && v.startsWith('/')) copy[k] = EXAMPLE_ORIGIN + v;
  }
  return copy as T;
}

/** Parses a record and fails loudly if parsing changed or dropped anything that was set. */
function check(kind: string, schema: Parser, record: object, mediaKeys: string[] = []): void {
  const input = absolutise(record, mediaKeys);
  const result = schema.safeParse(input);
  const id = (record as { id?: string }).id ?? kind;
  if (!result.success) throw new Error(`${kind} ${id} does not parse: ${String(result.error)}`);
  const parsed = result.data as Record<string, unknown>;
  for (const [key, value] of Object.entries(input)) {
    if (!isDeepStrictEqual(JSON.parse(JSON.stringify(parsed[key] ?? null)), JSON.parse(JSON.stringify(value)))) {
      throw new Error(
        `${kind} ${id}: field "${key}" changed when parsed:\n  wrote  ${JSON.stringify(value)}\n  parsed ${JSON.stringify(parsed[key])}`,
      );
    }
  }
}

function fail(message: string): never {
  throw new Error(message);
}

// ---------------------------------------------------------------- catalogue

/** The seed's 160 courses and their sessions, with the demo's guarantees enforced. */
export function buildSeedCatalogue(seed = DEFAULT_SEED): { courses: CourseRecord[]; sessions: SessionRecord[] } {
  const problems = COURSE_ROWS.flatMap(checkRow);
  if (problems.length) fail(`course rows:\n  ${problems.join('\n  ')}`);
  const { courses, sessions } = buildCatalogue(COURSE_ROWS, seed);
  const rnd = createRandom(seed);
  const byStart = (a: SessionRecord, b: SessionRecord) => Date.parse(a.slots[0].start) - Date.parse(b.slots[0].start);
  const firstOf = (courseId: string) => sessions.filter((s) => s.courseId === courseId).sort(byStart)[0];

  // The demo's product course: an open multi-day first session.
  const demo = firstOf('piloter-produit-numerique-public');
  if (demo) setStatus(demo, 'open', rnd);
  // A course needing the manager's approval with an open first session.
  const approval = courses.find((c) => c.managerApproval && c.enrolment.mode === 'request' && firstOf(c.id));
  if (approval) setStatus(firstOf(approval.id), 'open', rnd);
  const protectedIds = new Set([demo?.id, approval && firstOf(approval.id).id]);

  // Minimum counts of each status, taken from sessions later in the year.
  const candidates = rnd.shuffle(sessions.filter((s) => !protectedIds.has(s.id) && s.status === 'open'));
  const ensure = (status: string, min: number, filter: (s: SessionRecord) => boolean = () => true) => {
    let have = sessions.filter((s) => s.status === status).length;
    for (const s of candidates) {
      if (have >= min) break;
      if (s.status !== 'open' || !filter(s)) continue;
      setStatus(s, status, rnd);
      have++;
    }
  };
  ensure('full', 8);
  ensure('waitlist', 4);
  ensure('closed', 3, (s) => s.slots[0].start < '2027-02-15');
  const cancelled = sessions.filter((s) => s.status === 'cancelled');
  if (cancelled.length === 0) ensure('cancelled', 1, (s) => s.slots[0].start > '2027-03-01' && sessions.filter((x) => x.courseId === s.courseId).length > 1);
  return { courses: attachNextSessions(courses, sessions), sessions };
}

/**
 * `n` synthetic courses and their sessions for the server's benchmark, built
 * from the same French building blocks as the seed; deterministic for a seed.
 */
export function generateCourses(n: number, seed: number = DEFAULT_SEED): { courses: unknown[]; sessions: unknown[] } {
  const rows = syntheticRows(n, Number.isFinite(seed) ? seed : DEFAULT_SEED);
  const { courses, sessions } = buildCatalogue(rows, Number.isFinite(seed) ? seed : DEFAULT_SEED);
  return { courses: attachNextSessions(courses, sessions), sessions };
}

// ------------------------------------------------------------------- write

function writeJson(file: string, value: unknown): void {
  writeFileSync(join(DATA_DIR, file), `${JSON.stringify(value, null, 2)}\n`);
}

function validateAll(courses: CourseRecord[], sessions: SessionRecord[], partial: boolean): void {
  const ids = (list: { id: string }[], kind: string) => {
    const seen = new Set<string>();
    for (const { id } of list) {
      if (seen.has(id)) fail(`duplicate ${kind} id ${id}`);
      seen.add(id);
    }
    return seen;
  };
  const expertiseIds = ids(EXPERTISES, 'expertise');
  for (const e of EXPERTISES) {
    if (e.parentId && !expertiseIds.has(e.parentId)) fail(`expertise ${e.id}: unknown parent`);
    if (/[^a-z0-9-]/.test(e.id)) fail(`expertise ${e.id}: not an ASCII slug`);
    check('expertise', Expertise, e);
  }
  const parentOf = new Map(EXPERTISES.map((e) => [e.id, e.parentId]));
  const audienceIds = ids(AUDIENCES, 'audience');
  AUDIENCES.forEach((a) => check('audience', Audience, a));
  check('vocabularies', Vocabularies, VOCABULARIES);
  const vocab = (name: keyof typeof VOCABULARIES) => new Set(VOCABULARIES[name].map((t) => t.id));
  for (const e of EXPERTISES.filter((x) => !x.parentId)) {
    if (!VOCABULARIES.trainerSkills.some((t) => t.id === e.id && t.label === e.label)) fail(`trainerSkills lacks ${e.id}`);
  }
  const organisationIds = ids(ORGANISATIONS, 'organisation');
  for (const { colour: _c, ...o } of ORGANISATIONS) {
    if (!vocab('organisationKinds').has(o.kind)) fail(`organisation ${o.id}: unknown kind ${o.kind}`);
    check('organisation', Organisation, o, ['logoUrl']);
  }
  ids(SYNONYMS, 'synonym');
  SYNONYMS.forEach((s) => check('synonym', Synonym, s));
  const regionIds = new Set((VOCABULARIES.regions ?? []).map((r) => r.id));
  const noticeIds = ids(PRIVACY_NOTICES, 'privacy notice');
  PRIVACY_NOTICES.forEach((p) => check('privacy notice', PrivacyNotice, p));

  const courseIds = ids(courses, 'course');
  const sessionIds = ids(sessions, 'session');
  for (const c of courses) {
    check('course', Course, c, ['imageUrl']);
    for (const e of c.expertiseIds) {
      if (!expertiseIds.has(e)) fail(`course ${c.id}: unknown expertise ${e}`);
      const parent = parentOf.get(e);
      if (parent && !c.expertiseIds.includes(parent)) fail(`course ${c.id}: sub-theme ${e} without ${parent}`);
    }
    for (const a of c.audienceIds) if (!audienceIds.has(a)) fail(`course ${c.id}: unknown audience ${a}`);
    for (const m of c.modes) if (!vocab('modes').has(m)) fail(`course ${c.id}: unknown mode ${m}`);
    if (!vocab('kinds').has(c.kind)) fail(`course ${c.id}: unknown kind ${c.kind}`);
    if (!vocab('levels').has(c.level)) fail(`course ${c.id}: unknown level ${c.level}`);
    for (const o of [c.providerId, ...c.partnerIds]) if (!organisationIds.has(o)) fail(`course ${c.id}: unknown organisation ${o}`);
    if (!noticeIds.has(c.privacyNoticeId)) fail(`course ${c.id}: unknown notice ${c.privacyNoticeId}`);
    if (c.isFree === (c.price !== undefined)) fail(`course ${c.id}: isFree and price disagree`);
    if (c.nextSession && !sessionIds.has(c.nextSession.id)) fail(`course ${c.id}: unknown next session`);
  }
  const nowIso = isoAt('Europe/Paris', NOW, 12, 0);
  for (const s of sessions) {
    check('session', Session, s);
    if (!courseIds.has(s.courseId)) fail(`session ${s.id}: unknown course`);
    if (!vocab('modes').has(s.mode)) fail(`session ${s.id}: unknown mode`);
    if (!vocab('sessionStatuses').has(s.status)) fail(`session ${s.id}: unknown status`);
    if (s.location && !regionIds.has(s.location.region)) fail(`session ${s.id}: unknown region ${s.location.region}`);
    if (s.online !== (s.mode !== 'presentiel')) fail(`session ${s.id}: online disagrees with mode`);
    if ((s.location !== undefined) !== (s.mode !== 'distanciel')) fail(`session ${s.id}: location disagrees with mode`);
    const stamps = [...s.slots.flatMap((x) => [x.start, x.end]), s.registrationOpens, s.registrationCloses];
    for (const iso of stamps) {
      const written = (iso.endsWith('Z') ? 0 : 1) * (iso.at(-6) === '-' ? -1 : 1) * (Number(iso.slice(-5, -3)) * 60 + Number(iso.slice(-2)));
      if (icuOffsetMinutes(s.timezone, iso) !== written) fail(`session ${s.id}: wrong offset in ${iso} for ${s.timezone}`);
    }
    for (const x of s.slots) if (Date.parse(x.end) <= Date.parse(x.start)) fail(`session ${s.id}: slot ends before it starts`);
    const start = Date.parse(s.slots[0].start);
    if (start < Date.parse(nowIso) || s.slots[0].start < '2026-12' || s.slots.at(-1)!.end > '2027-12-32') fail(`session ${s.id}: out of range`);
    if (Date.parse(s.registrationOpens) > Date.parse(nowIso)) fail(`session ${s.id}: registration not yet open`);
    if (Date.parse(s.registrationCloses) > start) fail(`session ${s.id}: registration closes after the start`);
    const closedBeforeNow = Date.parse(s.registrationCloses) < Date.parse(nowIso);
    if (closedBeforeNow !== (s.status === 'closed')) fail(`session ${s.id}: registrationCloses disagrees with status ${s.status}`);
    if (s.seatsLeft > s.capacity) fail(`session ${s.id}: more seats left than capacity`);
    if ((s.status === 'full') !== (s.seatsLeft === 0 && s.status !== 'waitlist' && s.status !== 'closed') && s.status !== 'cancelled') {
      fail(`session ${s.id}: status ${s.status} with ${s.seatsLeft} seats left`);
    }
  }
  const requestIds = new Set(courses.filter((c) => c.enrolment.mode === 'request').map((c) => c.id));
  for (const id of requestIds) if (!sessions.some((s) => s.courseId === id)) fail(`course ${id}: enrolled on request without session`);
  for (const s of sessions) if (!requestIds.has(s.courseId)) fail(`session ${s.id}: its course does not enrol on request`);

  if (partial) return;
  const count = (p: (c: CourseRecord) => boolean) => courses.filter(p).length;
  const expect = (what: string, ok: boolean) => ok || fail(`expected ${what}`);
  expect('160 courses', courses.length === 160);
  expect('50 parcours', count((c) => c.kind === 'parcours') === 50);
  expect('10 sur-mesure', count((c) => c.kind === 'sur-mesure') === 10);
  expect('100 short formats', count((c) => !['parcours', 'sur-mesure'].includes(c.kind)) === 100);
  const demo = courses.find((c) => c.id === 'piloter-produit-numerique-public');
  expect('the demo product course', !!demo && demo.enrolment.mode === 'request' && !demo.managerApproval);
  const demoSession = sessions.find((s) => s.id === demo?.nextSession?.id);
  expect('an open multi-day session of the demo course', !!demoSession && demoSession.status === 'open' && demoSession.slots.length > 1);
  const secnum = courses.find((c) => c.id === 'secnumacademie');
  expect('secnumacademie enrolled externally', secnum?.enrolment.mode === 'external');
  expect('5 full sessions', sessions.filter((s) => s.status === 'full').length >= 5);
  expect('5 multi-day sessions', sessions.filter((s) => s.slots.length > 1).length >= 5);
  expect('one cancelled session', sessions.filter((s) => s.status === 'cancelled').length === 1);
  expect(
    'a course needing approval with an open session',
    courses.some((c) => c.managerApproval && sessions.some((s) => s.courseId === c.id && s.status === 'open')),
  );
}

function summary(courses: CourseRecord[], sessions: SessionRecord[]): string {
  const tally = <T>(list: T[], key: (x: T) => string) => {
    const m = new Map<string, number>();
    for (const x of list) m.set(key(x), (m.get(key(x)) ?? 0) + 1);
    return [...m].map(([k, v]) => `${k} ${v}`).join(', ');
  };
  const n = (p: (c: CourseRecord) => boolean) => courses.filter(p).length;
  return [
    `courses: ${courses.length} (${tally(courses, (c) => c.kind)})`,
    `  enrolment: ${tally(courses, (c) => c.enrolment.mode)}; managerApproval ${n((c) => c.managerApproval)}; ` +
      `paying ${n((c) => !c.isFree)}; ATN co-branded ${n((c) => c.partnerIds.includes('atn-quebec'))}; ` +
      `ATN-run ${n((c) => c.providerId === 'atn-quebec')}; with nextSession ${n((c) => !!c.nextSession)}`,
    `  expertises: ${tally(courses.flatMap((c) => c.expertiseIds), (e) => e)}`,
    `  levels: ${tally(courses, (c) => c.level)}; modes: ${tally(courses.flatMap((c) => c.modes), (m) => m)}`,
    `  audiences: ${tally(courses.flatMap((c) => c.audienceIds), (a) => a)}`,
    `  providers: ${tally(courses, (c) => c.providerId)}`,
    `sessions: ${sessions.length} (${tally(sessions, (s) => s.status)}); multi-day ${sessions.filter((s) => s.slots.length > 1).length}; ` +
      `online ${sessions.filter((s) => s.online).length}; America/Montreal ${sessions.filter((s) => s.timezone === 'America/Montreal').length}`,
    `  cities: ${tally(sessions.filter((s) => s.location), (s) => s.location!.city)}`,
  ].join('\n');
}

function main(): void {
  const partial = process.env.SEED_PARTIAL === '1';
  const { courses, sessions } = buildSeedCatalogue();
  validateAll(courses, sessions, partial);

  writeJson('expertises.json', { items: EXPERTISES });
  writeJson('audiences.json', { items: AUDIENCES });
  writeJson('vocabularies.json', VOCABULARIES);
  writeJson('organisations.json', { items: ORGANISATIONS.map(({ colour: _c, ...o }) => o) });
  writeJson('privacy-notices.json', { items: PRIVACY_NOTICES });
  writeJson('synonyms.json', { items: SYNONYMS });
  writeJson('courses.json', { items: courses });
  writeJson('sessions.json', { items: sessions });

  const logos = join(DATA_DIR, 'media', 'logos');
  const images = join(DATA_DIR, 'media', 'courses');
  mkdirSync(logos, { recursive: true });
  mkdirSync(images, { recursive: true });
  for (const o of ORGANISATIONS) {
    const svg = logoSvg(o.shortName, o.name, o.colour);
    if (Buffer.byteLength(svg) >= 1024) fail(`logo ${o.id} is ${Buffer.byteLength(svg)} bytes`);
    writeFileSync(join(logos, `${o.id}.svg`), svg);
  }
  for (const e of EXPERTISES.filter((x) => !x.parentId)) {
    const svg = illustrationSvg(e.id, e.label);
    if (Buffer.byteLength(svg) >= 2048) fail(`illustration ${e.id} is ${Buffer.byteLength(svg)} bytes`);
    writeFileSync(join(images, `${e.id}.svg`), svg);
  }
  const bench = generateCourses(200, 7) as { courses: CourseRecord[]; sessions: SessionRecord[] };
  validateAll(bench.courses, bench.sessions, true);
  console.log(summary(courses, sessions));
  console.log(`generateCourses(200, 7): ${bench.courses.length} courses, ${bench.sessions.length} sessions, valid`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    main();
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
