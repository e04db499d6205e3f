/**
 * Turns course rows into course and session records: derives modes,
 * audiences, dates and seats with a PRNG seeded per course, so a row's
 * records do not change when another row is added or removed.
 */
import { AUDIENCES, ORGANISATIONS } from './reference.js';
import { DURATIONS, type CourseRow, type DurationSpec } from './model.js';
import { createRandom, hashString, type Random } from './random.js';
import { addDays, dayNumber, formatDay, fromDayNumber, isoAt, weekday, type Day, type Zone } from './time.js';

/** The seed's "today": sessions all start after it. */
export const NOW: Day = { y: 2026, m: 11, d: 28 };
const FIRST_DAY = dayNumber({ y: 2026, m: 12, d: 1 });
const LAST_DAY = dayNumber({ y: 2027, m: 12, d: 17 });
const SUMMER = [dayNumber({ y: 2027, m: 6, d: 28 }), dayNumber({ y: 2027, m: 7, d: 16 })];

export interface SessionSummaryRecord {
  id: string;
  start: string;
  end: string;
  mode: string;
  city?: string;
  region?: string;
  online: boolean;
  seatsLeft?: number;
  status: string;
}

export interface CourseRecord {
  id: string;
  title: string;
  kind: string;
  summary: string;
  objectives: string[];
  content?: string;
  expertiseIds: string[];
  audienceIds: string[];
  modes: string[];
  duration: { minutes: number; label: string };
  level: string;
  prerequisites?: string;
  language: string;
  providerId: string;
  partnerIds: string[];
  isFree: boolean;
  price?: { amount: number; currency: string };
  enrolment: { mode: string; url?: string };
  managerApproval: boolean;
  privacyNoticeId: string;
  imageUrl: string;
  nextSession?: SessionSummaryRecord;
  updatedAt: string;
}

export interface SessionRecord {
  id: string;
  courseId: string;
  mode: string;
  slots: { start: string; end: string }[];
  timezone: Zone;
  location?: { name: string; address?: string; city: string; region: string; country: string };
  online: boolean;
  capacity: number;
  seatsLeft: number;
  registrationOpens: string;
  registrationCloses: string;
  status: string;
}

// ------------------------------------------------------------------ places

interface Venue {
  name: string;
  address?: string;
  city: string;
  /** ISO 3166-2, a term of `vocabularies.regions`. */
  region: string;
  country: string;
}

const VENUES_FR: Venue[] = [
  { name: 'Campus du numérique public – Ségur', address: '20 avenue de Ségur, 75007 Paris', city: 'Paris', region: 'FR-IDF', country: 'FR' },
  { name: 'INSP – site de Paris', address: "2 avenue de l’Observatoire, 75006 Paris", city: 'Paris', region: 'FR-IDF', country: 'FR' },
  { name: 'Préfecture de la région Auvergne-Rhône-Alpes – salle de formation', address: '106 rue Pierre Corneille, 69003 Lyon', city: 'Lyon', region: 'FR-ARA', country: 'FR' },
  { name: "Préfecture de la région Provence-Alpes-Côte d’Azur – salle de formation", address: 'Place Félix Baret, 13006 Marseille', city: 'Marseille', region: 'FR-PAC', country: 'FR' },
  { name: 'Préfecture de la région Hauts-de-France – salle de formation', address: '12 rue Jean sans Peur, 59000 Lille', city: 'Lille', region: 'FR-HDF', country: 'FR' },
  { name: 'Préfecture de la région Bretagne – salle de formation', address: '3 avenue de la Préfecture, 35000 Rennes', city: 'Rennes', region: 'FR-BRE', country: 'FR' },
  { name: 'École nationale de la magistrature', address: '10 rue des Frères Bonie, 33000 Bordeaux', city: 'Bordeaux', region: 'FR-NAQ', country: 'FR' },
  { name: 'INSP – site de Strasbourg', address: '1 rue Sainte-Marguerite, 67000 Strasbourg', city: 'Strasbourg', region: 'FR-GES', country: 'FR' },
  { name: 'Préfecture de la région Occitanie – salle de formation', address: '1 place Saint-Étienne, 31000 Toulouse', city: 'Toulouse', region: 'FR-OCC', country: 'FR' },
  { name: 'Préfecture de la région Pays de la Loire – salle de formation', address: '6 quai Ceineray, 44000 Nantes', city: 'Nantes', region: 'FR-PDL', country: 'FR' },
];
/** Paris is twice as likely as any other city. */
const VENUE_WEIGHTS = [3, 1, 2, 1, 1, 1, 1, 1, 1, 1];

const VENUES_QC: Venue[] = [
  { name: 'Université Laval – pavillon Alphonse-Desjardins', address: "2325 rue de l’Université, Québec (Québec) G1V 0A6", city: 'Québec', region: 'CA-QC', country: 'CA' },
  { name: "Académie de la transformation numérique – salle de formation de Montréal", city: 'Montréal', region: 'CA-QC', country: 'CA' },
];

// ------------------------------------------------------------------- days

const HOLIDAYS: Record<Zone, Set<string>> = {
  'Europe/Paris': new Set([
    '2027-01-01', '2027-03-29', '2027-05-06', '2027-05-07', '2027-05-17', '2027-07-14', '2027-11-01', '2027-11-11',
    '2027-11-12', '2027-12-25',
  ]),
  'America/Montreal': new Set([
    '2027-01-01', '2027-03-26', '2027-03-29', '2027-05-24', '2027-06-24', '2027-07-01', '2027-09-06', '2027-10-11',
    '2027-12-25',
  ]),
};
/** Holiday weeks without sessions. */
const BLACKOUTS: [number, number][] = [
  [dayNumber({ y: 2026, m: 12, d: 19 }), dayNumber({ y: 2027, m: 1, d: 4 })],
  [dayNumber({ y: 2027, m: 7, d: 24 }), dayNumber({ y: 2027, m: 8, d: 22 })],
];

function isWorkingDay(n: number, zone: Zone): boolean {
  const day = fromDayNumber(n);
  const wd = weekday(day);
  if (wd === 0 || wd === 6) return false;
  if (HOLIDAYS[zone].has(formatDay(day))) return false;
  return !BLACKOUTS.some(([from, to]) => n >= from && n <= to);
}

/** The slot days of a session starting at or after `from`, before `until`; undefined if none fit. */
function findDays(from: number, until: number, spec: DurationSpec, zone: Zone, rnd: Random): number[] | undefined {
  const span = (spec.slots - 1) * spec.every;
  // Sessions tend to start Tuesday–Thursday; multi-day ones on Monday–Wednesday.
  for (let n = from; n + span <= Math.min(until, LAST_DAY); n++) {
    const wd = weekday(fromDayNumber(n));
    if (spec.every === 1 && spec.slots > 1 && wd + spec.slots - 1 > 5) continue;
    if (spec.slots === 1 && (wd === 1 || wd === 5) && rnd.chance(0.6)) continue;
    const days = Array.from({ length: spec.slots }, (_, i) => n + i * spec.every);
    if (days.every((d) => isWorkingDay(d, zone))) return days;
  }
  return undefined;
}

// ---------------------------------------------------------------- courses

const TOP_LEVEL = new Set([
  'agilite-produit', 'communs-logiciels-libres', 'cybersecurite', 'data', 'design-accessibilite',
  'environnement-numerique-travail', 'numerique-responsable', 'technologie-infrastructures',
  'transformation-numerique', 'intelligence-artificielle',
]);

const MODE_CHOICES: string[][] = [['presentiel'], ['presentiel'], ['distanciel'], ['presentiel', 'distanciel'], ['hybride']];
const LEVELS = ['decouverte', 'decouverte', 'intermediaire', 'intermediaire', 'avance'] as const;
const audienceIds = AUDIENCES.map((a) => a.id);
const orgIds = new Set(ORGANISATIONS.map((o) => o.id));

export const isAtnRun = (row: CourseRow): boolean => row.by === 'atn-quebec';

function updatedAt(rnd: Random): string {
  const from = dayNumber({ y: 2025, m: 1, d: 6 });
  const to = dayNumber({ y: 2026, m: 11, d: 20 });
  let n = rnd.int(from, to);
  while (!isWorkingDay(n, 'Europe/Paris') && n < to) n++;
  return isoAt('Europe/Paris', fromDayNumber(n), rnd.int(8, 18), rnd.pick([0, 10, 15, 25, 30, 40, 45, 50]));
}

/** Builds one course without its sessions (and without nextSession). */
export function courseFromRow(row: CourseRow, rnd: Random): CourseRecord {
  const spec: DurationSpec = DURATIONS[row.d];
  const modes = row.modes ?? (spec.selfPaced ? ['e-learning'] : rnd.pick(MODE_CHOICES));
  const primary = row.exp.find((e) => TOP_LEVEL.has(e)) ?? row.exp[0];
  const course: CourseRecord = {
    id: row.id,
    title: row.title,
    kind: row.kind,
    summary: row.summary,
    objectives: row.objectives,
    expertiseIds: row.exp,
    audienceIds: row.aud ?? rnd.some(audienceIds, rnd.int(1, 3)),
    modes,
    duration: { minutes: spec.minutes, label: spec.label },
    level: row.level ?? rnd.pick(LEVELS),
    language: 'fr',
    providerId: row.by,
    partnerIds: row.partners ?? [],
    isFree: row.price === undefined,
    enrolment: row.url ? { mode: 'external', url: row.url } : { mode: 'request' },
    managerApproval: row.approval ?? false,
    privacyNoticeId: isAtnRun(row) ? 'inscription-atn' : 'inscription-campus',
    imageUrl: `/media/courses/${primary}.svg`,
    updatedAt: updatedAt(rnd),
  };
  if (row.content) course.content = row.content;
  if (row.prerequisites) course.prerequisites = row.prerequisites;
  if (row.price !== undefined) course.price = { amount: row.price, currency: 'EUR' };
  // Keep the record's keys in the contract's order.
  const order = [
    'id', 'title', 'kind', 'summary', 'objectives', 'content', 'expertiseIds', 'audienceIds', 'modes', 'duration',
    'level', 'prerequisites', 'language', 'providerId', 'partnerIds', 'isFree', 'price', 'enrolment',
    'managerApproval', 'privacyNoticeId', 'imageUrl', 'nextSession', 'updatedAt',
  ];
  return Object.fromEntries(order.filter((k) => k in course).map((k) => [k, course[k as keyof CourseRecord]])) as unknown as CourseRecord;
}

function sessionCount(row: CourseRow, rnd: Random): number {
  if (row.kind === 'sur-mesure') return rnd.int(1, 2);
  if (row.kind === 'universite-ete') return 1;
  if (row.kind === 'parcours' || row.kind === 'cycle') return rnd.int(2, 3);
  return rnd.int(1, 4);
}

function capacityFor(row: CourseRow, online: boolean, rnd: Random): number {
  if (row.kind === 'universite-ete') return rnd.pick([120, 150, 200]);
  if (row.kind === 'matinee') return online ? rnd.pick([200, 300, 500]) : rnd.pick([60, 80, 100]);
  if (row.aud?.includes('cadres-dirigeants')) return rnd.pick([12, 15, 20]);
  if (online) return rnd.pick([25, 30, 40, 50, 80]);
  return rnd.pick([12, 15, 16, 18, 20, 24, 25]);
}

/** Builds a request course's dated sessions; statuses are set by `assignStatuses`. */
export function sessionsFromRow(row: CourseRow, course: CourseRecord, rnd: Random): SessionRecord[] {
  const spec: DurationSpec = DURATIONS[row.d];
  if (spec.selfPaced) return [];
  const zone: Zone = isAtnRun(row) ? 'America/Montreal' : 'Europe/Paris';
  const sessionModes = course.modes.filter((m) => m !== 'e-learning');
  const count = sessionCount(row, rnd);
  const seg = Math.floor((LAST_DAY - FIRST_DAY) / count);
  const out: SessionRecord[] = [];
  const ids = new Set<string>();
  // A half-day slot may be held in the afternoon.
  const [h1, m1, h2, m2] = spec.hours;
  const short = spec.slots === 1 && spec.minutes <= 180 && row.d !== 'matinee';
  for (let i = 0; i < count; i++) {
    // A summer school is held at the start of summer; other sessions spread over the year.
    const summer = row.kind === 'universite-ete';
    const from = summer ? SUMMER[0] + rnd.int(0, 4) : FIRST_DAY + i * seg + rnd.int(0, Math.max(0, seg - 30));
    const days = findDays(from, summer ? SUMMER[1] : FIRST_DAY + (i + 1) * seg + 20, spec, zone, rnd);
    if (!days) continue;
    const mode = rnd.pick(sessionModes.length ? sessionModes : ['distanciel']);
    const online = mode === 'distanciel' || mode === 'hybride';
    const inPerson = mode === 'presentiel' || mode === 'hybride';
    const afternoon = short && h1 < 12 && rnd.chance(0.45);
    const [sh, sm, eh, em] = afternoon ? [14, 0, 14 + (h2 - h1), m2 - m1] : [h1, m1, h2, m2];
    const slots = days.map((n) => {
      const day = fromDayNumber(n);
      return { start: isoAt(zone, day, sh, sm), end: isoAt(zone, day, eh + Math.floor(em / 60), ((em % 60) + 60) % 60) };
    });
    let id = `${row.id}-${formatDay(fromDayNumber(days[0]))}`;
    if (ids.has(id)) id += `-${i + 1}`;
    ids.add(id);
    const capacity = capacityFor(row, online && !inPerson, rnd);
    const opens = fromDayNumber(rnd.int(dayNumber({ y: 2026, m: 9, d: 1 }), dayNumber({ y: 2026, m: 11, d: 16 })));
    let location: SessionRecord['location'];
    if (inPerson) {
      const all = zone === 'America/Montreal' ? VENUES_QC : VENUES_FR;
      const allWeights = zone === 'America/Montreal' ? [1, 1] : VENUE_WEIGHTS;
      const keep = all.map((x) => !row.city || x.city === row.city);
      const venues = all.filter((_, k) => keep[k]);
      const weights = allWeights.filter((_, k) => keep[k]);
      const total = weights.reduce((x, y) => x + y, 0);
      let r = rnd.int(1, total);
      let v = 0;
      while ((r -= weights[v]) > 0) v++;
      const { name, address, city, region, country } = venues[v];
      location = address ? { name, address, city, region, country } : { name, city, region, country };
    }
    const session: SessionRecord = {
      id,
      courseId: row.id,
      mode,
      slots,
      timezone: zone,
      ...(location ? { location } : {}),
      online,
      capacity,
      seatsLeft: capacity,
      registrationOpens: isoAt(zone, opens, 9, 0),
      registrationCloses: '',
      status: 'open',
    };
    out.push(session);
  }
  return out;
}

const sessionStartDay = (s: SessionRecord): number =>
  dayNumber({ y: +s.slots[0].start.slice(0, 4), m: +s.slots[0].start.slice(5, 7), d: +s.slots[0].start.slice(8, 10) });
const zoneOf = (s: SessionRecord): Zone => s.timezone;

/** Sets one session's status, seats and registration closing date. */
export function setStatus(s: SessionRecord, status: string, rnd: Random): void {
  const startDay = sessionStartDay(s);
  const daysAhead = startDay - dayNumber(NOW);
  s.status = status;
  let closes = addDays(fromDayNumber(startDay), -Math.max(1, Math.min(14, daysAhead - 2)));
  if (status === 'open') s.seatsLeft = rnd.int(1, s.capacity);
  else if (status === 'full' || status === 'waitlist') s.seatsLeft = 0;
  else if (status === 'closed') {
    s.seatsLeft = rnd.int(0, Math.floor(s.capacity / 3));
    closes = fromDayNumber(dayNumber(NOW) - rnd.int(1, 6));
  } else if (status === 'cancelled') s.seatsLeft = s.capacity;
  s.registrationCloses = isoAt(zoneOf(s), closes, 23, 59);
}

/** Draws every session's status; the builder then enforces the minimum counts. */
export function drawStatus(s: SessionRecord, rnd: Random): string {
  const early = sessionStartDay(s) < dayNumber({ y: 2027, m: 2, d: 15 });
  const r = rnd.next();
  if (r < 0.1) return 'full';
  if (r < 0.16) return 'waitlist';
  if (early && r < 0.3) return 'closed';
  return 'open';
}

/** The summary a card shows: the first session still offered. */
export function nextSessionOf(sessions: SessionRecord[]): SessionSummaryRecord | undefined {
  const s = [...sessions]
    .sort((a, b) => Date.parse(a.slots[0].start) - Date.parse(b.slots[0].start))
    .find((x) => x.status !== 'closed' && x.status !== 'cancelled');
  if (!s) return undefined;
  return {
    id: s.id,
    start: s.slots[0].start,
    end: s.slots[s.slots.length - 1].end,
    mode: s.mode,
    ...(s.location ? { city: s.location.city, region: s.location.region } : {}),
    online: s.online,
    seatsLeft: s.seatsLeft,
    status: s.status,
  };
}

/** Checks a row's references; returns problems as sentences. */
export function checkRow(row: CourseRow): string[] {
  const problems: string[] = [];
  if (!orgIds.has(row.by)) problems.push(`${row.id}: unknown provider ${row.by}`);
  for (const p of row.partners ?? []) if (!orgIds.has(p)) problems.push(`${row.id}: unknown partner ${p}`);
  if (row.partners?.includes(row.by)) problems.push(`${row.id}: provider listed as partner`);
  if (!row.exp.some((e) => TOP_LEVEL.has(e))) problems.push(`${row.id}: no top-level expertise`);
  for (const a of row.aud ?? []) if (!audienceIds.includes(a)) problems.push(`${row.id}: unknown audience ${a}`);
  const spec: DurationSpec = DURATIONS[row.d];
  if (row.city && ![...VENUES_FR, ...VENUES_QC].some((v) => v.city === row.city)) problems.push(`${row.id}: no venue in ${row.city}`);
  if (!spec) problems.push(`${row.id}: unknown duration ${row.d}`);
  else if (spec.selfPaced && !row.url) problems.push(`${row.id}: self-paced course enrolled on request has no session`);
  if (row.objectives.length < 2 || row.objectives.length > 5) problems.push(`${row.id}: ${row.objectives.length} objectives`);
  return problems;
}

/** Builds courses and sessions from rows, seeded per course. */
export function buildCatalogue(rows: CourseRow[], seed: number): { courses: CourseRecord[]; sessions: SessionRecord[] } {
  const courses: CourseRecord[] = [];
  const sessions: SessionRecord[] = [];
  for (const row of rows) {
    const rnd = createRandom(hashString(row.id) ^ seed);
    const course = courseFromRow(row, rnd);
    courses.push(course);
    if (course.enrolment.mode !== 'request') continue;
    const own = sessionsFromRow(row, course, rnd);
    for (const s of own) setStatus(s, drawStatus(s, rnd), rnd);
    sessions.push(...own);
  }
  return { courses, sessions };
}

/** Sets each course's nextSession from its sessions (after any status change), before `updatedAt`. */
export function attachNextSessions(courses: CourseRecord[], sessions: SessionRecord[]): CourseRecord[] {
  const byCourse = new Map<string, SessionRecord[]>();
  for (const s of sessions) byCourse.set(s.courseId, [...(byCourse.get(s.courseId) ?? []), s]);
  return courses.map((c) => {
    const { nextSession: _old, updatedAt, ...rest } = c;
    const next = nextSessionOf(byCourse.get(c.id) ?? []);
    return next ? { ...rest, nextSession: next, updatedAt } : { ...rest, updatedAt };
  });
}
