/**
 * Benchmark (not a test): filtered, faceted `/courses` queries over 10,000
 * generated courses, each query distinct, through `app.fetch` (routing, search,
 * facets, JSON and ETag included). Target: p99 under 5 ms.
 *
 *   npx tsx --expose-gc demo/api/bench.ts [--courses 10000] [--queries 2000]
 *
 * Other processes skew the tail on a small machine: the load average is printed with the figures.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Course, Session } from '../../src/api/schemas.js';
import { createApp } from './app.js';
import { DEFAULT_SEED_DIR, loadSeed, type SeedData } from './seed.js';

const { values } = parseArgs({
  options: {
    courses: { type: 'string', default: '10000' },
    queries: { type: 'string', default: '2000' },
    seed: { type: 'string', default: '42' },
  },
});
const COURSES = Number(values.courses);
const QUERIES = Number(values.queries);
const WARMUP = 300;

function mulberry32(seed: number) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = mulberry32(Number(values.seed));
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
const some = <T>(list: readonly T[], max: number): T[] => [...new Set(Array.from({ length: 1 + Math.floor(random() * max) }, () => pick(list)))];
const term = (id: string) => ({ id, label: id.replace(/-/g, ' ') });

/** Reference lists for when the demo seed is not there. */
function ownReference(): Omit<SeedData, 'courses' | 'sessions'> {
  const expertises = [
    'agilite-produit', 'communs-logiciels-libres', 'cybersecurite', 'data', 'design-accessibilite',
    'environnement-travail', 'numerique-responsable', 'technologie-infrastructures', 'transformation-numerique',
    'intelligence-artificielle',
  ];
  return {
    expertises: [
      ...expertises.map(term),
      { id: 'ia-generative', label: 'IA générative', parentId: 'intelligence-artificielle' },
      { id: 'cloud', label: 'Cloud', parentId: 'technologie-infrastructures' },
      { id: 'rgaa', label: 'RGAA', parentId: 'design-accessibilite' },
    ],
    audiences: ['agents', 'encadrement', 'dirigeants', 'numerique', 'rh', 'achats', 'juristes', 'formateurs'].map(term),
    organisations: ['campus', 'insp', 'cfssi', 'inria', 'igpde', 'enm', 'mines', 'diese', 'beta', 'atn-quebec', 'openclassrooms', 'pix'].map(
      (id) => ({ id, name: id.toUpperCase(), kind: 'ecole' }),
    ),
    privacyNotices: [],
    vocabularies: {
      kinds: ['parcours', 'module', 'programme', 'sur-mesure', 'mooc', 'seminaire', 'cycle', 'universite-ete', 'booster', 'matinee'].map(term),
      modes: ['e-learning', 'distanciel', 'presentiel', 'hybride'].map(term),
      levels: ['decouverte', 'intermediaire', 'avance'].map(term),
      sessionStatuses: [],
      organisationKinds: [],
      trainerSkills: [],
      trainerStatuses: [],
      trainerIntents: [],
    },
  };
}

const WORDS = [
  'numérique', 'données', 'sécurité', 'cybersécurité', 'accessibilité', 'conception', 'services', 'publics', 'agents',
  'intelligence', 'artificielle', 'générative', 'pilotage', 'projet', 'produit', 'agilité', 'logiciels', 'libres',
  'cloud', 'souveraineté', 'infrastructures', 'sobriété', 'environnement', 'éthique', 'usagers', 'démarches',
  'administration', 'transformation', 'management', 'équipe', 'décision', 'indicateurs', 'tableaux', 'bord', 'risques',
  'menaces', 'hameçonnage', 'protection', 'personnelles', 'RGPD', 'RGAA', 'design', 'expérience', 'utilisateur',
  'interfaces', 'achats', 'marchés', 'juridique', 'contrats', 'stratégie', 'collectivités', 'État', 'territoires',
  'formation', 'compétences', 'outils', 'collaboration', 'messagerie', 'visioconférence', 'automatisation', 'modèles',
  'algorithmes', 'transparence', 'ouverture', 'open', 'data', 'API', 'interopérabilité', 'qualité', 'tests', 'code',
];
const sentence = (n: number) => {
  const text = Array.from({ length: n }, () => pick(WORDS)).join(' ');
  return text[0].toUpperCase() + text.slice(1) + '.';
};

/** Used when `generateCourses` from the seed builder is not available. */
function ownCourses(n: number, ref: Omit<SeedData, 'courses' | 'sessions'>): { courses: Course[]; sessions: Session[] } {
  const courses: Course[] = [];
  const sessions: Session[] = [];
  const orgIds = ref.organisations.map((o) => o.id);
  for (let i = 0; i < n; i++) {
    const id = `gen-${i}`;
    courses.push({
      id,
      title: `${sentence(4).slice(0, -1)} ${i}`,
      kind: pick(ref.vocabularies.kinds).id,
      summary: sentence(25),
      objectives: [sentence(8), sentence(10), sentence(7)],
      expertiseIds: some(ref.expertises.map((e) => e.id), 2),
      audienceIds: some(ref.audiences.map((a) => a.id), 3),
      modes: some(ref.vocabularies.modes.map((m) => m.id), 2),
      duration: { minutes: 60 * (1 + Math.floor(random() * 20)), label: 'quelques heures' },
      level: pick(ref.vocabularies.levels).id,
      language: 'fr',
      providerId: pick(orgIds),
      partnerIds: random() < 0.3 ? some(orgIds, 2) : [],
      isFree: random() < 0.8,
      enrolment: { mode: 'request' },
      managerApproval: random() < 0.2,
      privacyNoticeId: 'inscription',
      updatedAt: new Date(Date.UTC(2025, 0, 1) + Math.floor(random() * 600) * 86_400_000).toISOString(),
    });
    for (let s = 0; s < Math.floor(random() * 4); s++) {
      const start = new Date(Date.UTC(2026, 0, 1) + Math.floor(random() * 700) * 86_400_000 + 8 * 3_600_000);
      sessions.push({
        id: `${id}-s${s}`,
        courseId: id,
        mode: pick(ref.vocabularies.modes).id,
        slots: [{ start: start.toISOString(), end: new Date(start.getTime() + 3 * 3_600_000).toISOString() }],
        timezone: 'Europe/Paris',
        online: random() < 0.5,
        capacity: 20,
        seatsLeft: Math.floor(random() * 20),
        status: pick(['open', 'open', 'open', 'full', 'waitlist']),
      });
    }
  }
  return { courses, sessions };
}

async function buildData(): Promise<{ data: SeedData; source: string }> {
  const haveSeed = existsSync(join(DEFAULT_SEED_DIR, 'courses.json'));
  const ref = haveSeed ? loadSeed() : ownReference();
  const builder = join(DEFAULT_SEED_DIR, 'build-seed.ts');
  if (existsSync(builder)) {
    const mod = (await import(builder)) as { generateCourses?: (n: number, seed?: number) => { courses: Course[]; sessions: Session[] } };
    if (mod.generateCourses) {
      const generated = mod.generateCourses(COURSES, Number(values.seed));
      return { data: { ...ref, ...generated }, source: 'generateCourses() from demo/api/data/build-seed.ts' };
    }
  }
  return { data: { ...ref, ...ownCourses(COURSES, ref) }, source: "bench.ts's own generator" };
}

/** Distinct random queries: text, 0–3 filters of 1–2 values, sort, page. */
function queries(data: SeedData, count: number, seen: Set<string>): string[] {
  const values = {
    expertise: data.expertises.map((e) => e.id),
    audience: data.audiences.map((a) => a.id),
    mode: data.vocabularies.modes.map((m) => m.id),
    kind: data.vocabularies.kinds.map((k) => k.id),
    organisation: data.organisations.map((o) => o.id),
    partner: data.organisations.map((o) => o.id),
    level: data.vocabularies.levels.map((l) => l.id),
  };
  const titleWords = data.courses
    .slice(0, 500)
    .flatMap((c) => `${c.title} ${c.summary}`.split(/[\s,.;:'’()«»!?]+/))
    .filter((w) => w.length > 3);
  const out: string[] = [];
  for (let guard = 0; out.length < count && guard < count * 100; guard++) {
    const params = new URLSearchParams();
    if (random() < 0.6) {
      const words = some(titleWords, 2).map((w) => (random() < 0.5 ? w.normalize('NFD').replace(/[\u0300-\u036f]/g, '') : w));
      params.set('q', words.join(' ').toLowerCase());
    }
    const filters = Object.keys(values) as (keyof typeof values)[];
    for (const filter of some(filters, 3).slice(0, Math.floor(random() * 4))) {
      for (const v of some(values[filter], 2)) params.append(filter, v);
    }
    if (random() < 0.2) params.set('free', 'true');
    params.set('sort', pick(['relevance', 'title', 'start', 'updated']));
    if (random() < 0.3) params.set('page', String(2 + Math.floor(random() * 3)));
    params.set('pageSize', String(pick([12, 12, 24, 48])));
    const query = params.toString();
    if (seen.has(query)) continue;
    seen.add(query);
    out.push(query);
  }
  return out;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

const buildStart = performance.now();
const { data, source } = await buildData();
const dataDir = mkdtempSync(join(tmpdir(), 'campus-bench-'));
const app = createApp({ data, dataDir });
const buildMs = performance.now() - buildStart;

const seen = new Set<string>();
const warmup = queries(data, WARMUP, seen);
const measured = queries(data, QUERIES, seen);

const fetchCourses = (q: string) => app.fetch(new Request(`http://bench.local/api/v1/courses?${q}`));
for (const q of warmup) await (await fetchCourses(q)).arrayBuffer();
// Start from a clean heap when allowed (`--expose-gc`): the generator's garbage is not the server's.
(globalThis as { gc?: () => void }).gc?.();
const times: number[] = [];
for (const q of measured) {
  const started = performance.now();
  const response = await fetchCourses(q);
  // Bytes, as the HTTP adapter sends them; decoding them is the client's cost.
  await response.arrayBuffer();
  times.push(performance.now() - started);
  if (response.status !== 200) throw new Error(`${response.status} for ${q}`);
}
let matched = 0;
const sample = measured.slice(0, 200);
for (const q of sample) matched += ((await (await fetchCourses(q)).json()) as { total: number }).total;
rmSync(dataDir, { recursive: true, force: true });

times.sort((a, b) => a - b);
const fmt = (ms: number) => ms.toFixed(2);
console.log(`courses: ${data.courses.length} (${source}); generated and indexed in ${fmt(buildMs)} ms`);
console.log(`queries: ${times.length} distinct (after ${warmup.length} warm-up), ${Math.round(matched / sample.length)} matches on average`);
console.log(
  `GET /courses: p50 ${fmt(percentile(times, 50))} ms, p90 ${fmt(percentile(times, 90))} ms, p99 ${fmt(percentile(times, 99))} ms, max ${fmt(times[times.length - 1])} ms`,
);
console.log(`target p99 < 5 ms: ${percentile(times, 99) < 5 ? 'met' : 'NOT met'} (load average ${loadavg()[0].toFixed(2)} on ${availableParallelism()} cores)`);
