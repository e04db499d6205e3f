/**
 * A small catalogue the API tests control entirely, and helpers to call the
 * app the way a browser would (`app.fetch(new Request(...))`).
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after } from 'node:test';
import type { Hono } from 'hono';
import type { CatalogueData } from '../../server/catalogue.js';
import { readConfig, type ServiceConfig } from '../../server/config.js';
import type { MediaSource, RequestLogEntry } from '../../server/app.js';
import { mediaFolder, openService, type Service } from '../../server/service.js';
import { openDatabase } from '../../server/storage/database.js';
import { createHarness } from '../support/harness.js';
import type { StoredRecord } from '../support/memory-storage.js';
import { sqlRecords } from '../support/sql-records.js';
import { createTestDatabase, emptyDatabase, type TestDatabase } from '../support/test-database.js';

export const ORIGIN = 'http://api.test';
export const NOTICE_VERSION = '2026-01';
export const TRAINER_NOTICE_VERSION = '2026-02';

const term = (id: string, label: string) => ({ id, label });

export function fixture(): CatalogueData {
  const common = {
    language: 'fr',
    partnerIds: [] as string[],
    isFree: true,
    managerApproval: false,
    privacyNoticeId: 'inscription',
    audienceIds: ['agents'],
    objectives: [] as string[],
  };
  return {
    expertises: [
      term('cybersecurite', 'Cybersécurité'),
      term('data', 'Data'),
      { id: 'data-visualisation', label: 'Visualisation de données', parentId: 'data' },
      term('ia', 'Intelligence artificielle'),
      term('design', 'Design et accessibilité'),
      term('numerique-responsable', 'Numérique responsable'),
    ],
    audiences: [term('agents', 'Tous les agents'), term('managers', 'Encadrement'), term('tech', 'Agents du numérique')],
    organisations: [
      { id: 'insp', name: 'Institut national du service public', kind: 'ecole', shortName: 'INSP', logoUrl: '/media/logos/insp.svg' },
      { id: 'cfssi', name: "Centre de formation de l'ANSSI", kind: 'administration', shortName: 'CFSSI' },
      { id: 'inria', name: 'Inria', kind: 'recherche', url: 'https://www.inria.fr' },
      { id: 'campus', name: 'Campus du numérique public', kind: 'administration' },
      { id: 'atn-quebec', name: 'Académie de la transformation numérique', kind: 'international', country: 'CA' },
    ],
    vocabularies: {
      kinds: [term('parcours', 'Parcours'), term('module', 'Module'), term('matinee', 'Matinée'), term('mooc', 'MOOC')],
      modes: [
        term('e-learning', 'E-learning'),
        term('distanciel', 'À distance'),
        term('presentiel', 'Présentiel'),
        term('hybride', 'Hybride'),
      ],
      levels: [term('decouverte', 'Découverte'), term('intermediaire', 'Intermédiaire'), term('avance', 'Avancé')],
      sessionStatuses: [term('open', 'Places disponibles'), term('full', 'Complet')],
      organisationKinds: [term('ecole', 'École')],
      trainerSkills: [
        term('cybersecurite', 'Cybersécurité'),
        term('ia', 'Intelligence artificielle'),
        term('coaching-produit', 'Coaching produit'),
      ],
      trainerStatuses: [term('agent-public', 'Agent public'), term('externe', 'Intervenant extérieur')],
      trainerIntents: [term('list', 'Proposer une formation'), term('idea', 'Proposer une idée')],
    },
    courses: [
      {
        ...common,
        id: 'cyber-fondamentaux',
        kind: 'module',
        title: 'Cybersécurité : les fondamentaux',
        summary: "Les bons réflexes face aux menaces d'aujourd'hui.",
        objectives: ["Reconnaître une tentative d'hameçonnage"],
        expertiseIds: ['cybersecurite'],
        modes: ['e-learning'],
        duration: { minutes: 120, label: '2 heures' },
        level: 'decouverte',
        providerId: 'cfssi',
        enrolment: { mode: 'external', url: 'https://secnumacademie.example.fr/inscription' },
        imageUrl: '/media/courses/cyber.svg',
        updatedAt: '2026-01-10T09:00:00Z',
      },
      {
        ...common,
        id: 'piloter-donnee',
        kind: 'parcours',
        title: 'Piloter par la donnée',
        summary: 'Tableaux de bord et décisions publiques.',
        objectives: ['Construire un indicateur', 'Protéger la sécurité des données'],
        expertiseIds: ['data-visualisation'],
        audienceIds: ['managers'],
        modes: ['presentiel'],
        duration: { label: '3 jours' },
        level: 'intermediaire',
        providerId: 'insp',
        partnerIds: ['atn-quebec'],
        isFree: false,
        price: { amount: 450, currency: 'EUR' },
        enrolment: { mode: 'request' },
        managerApproval: true,
        updatedAt: '2026-03-01T09:00:00Z',
      },
      {
        ...common,
        id: 'matinee-ia',
        kind: 'matinee',
        title: "Matinée IA : l'intelligence artificielle générative",
        summary: 'Comprendre, essayer, décider.',
        expertiseIds: ['ia'],
        audienceIds: ['agents', 'managers'],
        modes: ['distanciel'],
        duration: { minutes: 180, label: 'Une matinée' },
        providerId: 'campus',
        partnerIds: ['inria'],
        enrolment: { mode: 'request' },
        updatedAt: '2026-02-01T09:00:00Z',
      },
      {
        ...common,
        id: 'design-accessibilite',
        kind: 'module',
        title: 'Design et accessibilité des services publics',
        summary: 'Concevoir des services utilisables par tous.',
        objectives: ['Appliquer le RGAA'],
        expertiseIds: ['design'],
        modes: ['hybride', 'presentiel'],
        duration: { label: '1 jour' },
        level: 'decouverte',
        providerId: 'campus',
        partnerIds: ['atn-quebec'],
        enrolment: { mode: 'request' },
        updatedAt: '2025-12-01T09:00:00Z',
      },
      {
        ...common,
        id: 'formule',
        kind: 'module',
        title: '=1+1 formule',
        summary: '-2 ; texte avec "guillemets"',
        objectives: ['@SUM(A1)', '+33 plus'],
        expertiseIds: ['numerique-responsable'],
        modes: ['e-learning'],
        duration: { label: '\tonglet' },
        providerId: 'inria',
        enrolment: { mode: 'external', url: 'https://mooc.example.fr/formule' },
      },
      {
        ...common,
        id: 'donnees-personnelles',
        kind: 'module',
        title: 'Sécurité des données personnelles',
        summary: 'Le RGPD au quotidien.',
        expertiseIds: ['cybersecurite', 'data'],
        audienceIds: ['tech'],
        modes: ['distanciel'],
        level: 'avance',
        providerId: 'cfssi',
        enrolment: { mode: 'request' },
        updatedAt: '2026-04-01T09:00:00Z',
      },
    ] as CatalogueData['courses'],
    sessions: [
      session('ia-past', 'matinee-ia', '2020-05-05T09:00:00+02:00', 'open', 10),
      session('ia-open', 'matinee-ia', '2030-03-10T09:00:00+01:00', 'open', 1),
      session('ia-full', 'matinee-ia', '2030-04-10T09:00:00+02:00', 'full', 0),
      session('ia-cancelled', 'matinee-ia', '2030-01-10T09:00:00+01:00', 'cancelled', 10),
      session('ia-closed', 'matinee-ia', '2030-02-10T09:00:00+01:00', 'closed', 10),
      session('data-1', 'piloter-donnee', '2030-05-12T09:00:00+02:00', 'open', 5, 3),
      session('dp-1', 'donnees-personnelles', '2030-06-01T09:00:00+02:00', 'waitlist', 3),
    ],
    privacyNotices: [notice('inscription', NOTICE_VERSION), notice('candidature-formateur', TRAINER_NOTICE_VERSION)],
  };
}

function session(id: string, courseId: string, start: string, status: string, seatsLeft: number, days = 1) {
  const slots = Array.from({ length: days }, (_, d) => {
    const s = new Date(Date.parse(start) + d * 86_400_000);
    return { start: s.toISOString(), end: new Date(s.getTime() + 3 * 3_600_000).toISOString() };
  });
  return {
    id,
    courseId,
    mode: 'presentiel',
    slots,
    timezone: 'Europe/Paris',
    location: { name: 'INSP', address: '1 rue Sainte-Marguerite', city: 'Strasbourg', country: 'FR' },
    online: false,
    capacity: 20,
    seatsLeft,
    status,
  };
}

function notice(id: string, version: string) {
  return {
    id,
    version,
    title: "Notice d'information",
    controller: 'DINUM',
    controllerContact: 'campus@example.gouv.fr',
    dpoContact: 'dpd@example.gouv.fr',
    purpose: 'Traiter votre demande.',
    legalBasis: "Mission d'intérêt public (RGPD, art. 6-1-e).",
    recipients: ["L'organisme de formation"],
    transfers: 'Aucun transfert hors de l’Union européenne.',
    retention: 'Un an.',
    rights: "Droits d'accès, de rectification, d'effacement.",
    complaint: 'CNIL',
  };
}

export const LOGO_SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10"/></svg>';

export function tempDir(prefix = 'campus-api-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** A media directory with one logo, as the seed has. */
export function mediaDir(): string {
  const dir = tempDir('campus-media-');
  mkdirSync(join(dir, 'logos'), { recursive: true });
  writeFileSync(join(dir, 'logos', 'insp.svg'), LOGO_SVG);
  writeFileSync(join(dir, 'secret.txt'), 'not media');
  return dir;
}

export interface TestService {
  /** The service's app, or the test harness around it (`harness: true`). */
  app: Hono;
  service: Service;
  config: ServiceConfig;
  /** What the store kept. */
  records(kind?: StoredRecord['kind'], email?: string): Promise<StoredRecord[]>;
}

export interface TestServiceOptions {
  /** The catalogue imported; `fixture()` by default. */
  seed?: CatalogueData;
  corsOrigins?: '*' | string[];
  publicUrl?: string;
  now?: () => Date;
  /** Fault injection, the hostile corpus and `/test/records` around the service. */
  harness?: boolean;
  /** The media served; a folder with one logo by default. */
  media?: MediaSource;
  /** Open the service on the database as it is (a restart), instead of emptying and seeding it. */
  keepData?: boolean;
  /** Another PostgreSQL database than this file's. */
  databaseUrl?: string;
  /** Settings beyond the test defaults (rate limits, proxies…). */
  config?: Partial<ServiceConfig>;
  /** Captures the request log (turned on with it). */
  log?: (entry: RequestLogEntry) => void;
  /** Called for every database query. */
  onQuery?: () => void;
  /** The widgets' built files served under /widgets/. */
  widgetFiles?: (path: string) => Uint8Array | undefined;
}

let database: Promise<TestDatabase> | undefined;
const open: Service[] = [];

/** This test file's database (one per file, copied from the migrated template). */
export function testDatabase(): Promise<TestDatabase> {
  database ??= createTestDatabase();
  return database;
}

after(async () => {
  for (const service of open.splice(0)) await service.close();
  if (database) await (await database).drop();
});

/** Settings for a service on this file's database. */
export async function testConfig(overrides: Partial<ServiceConfig> = {}): Promise<ServiceConfig> {
  const db = await testDatabase();
  // Rate limits off unless a test turns them on; the request log only where a test captures it.
  const env = { RATE_LIMIT_PER_MINUTE: '0', RATE_LIMIT_PER_EMAIL_PER_HOUR: '0', LOG_REQUESTS: '0' };
  return { ...readConfig({ data: db.dataDir, databaseUrl: db.databaseUrl ?? '' }, env), ...overrides };
}

/**
 * A service on this file's database, emptied and seeded afresh (tests in a
 * file run one by one; a service made earlier keeps its catalogue index).
 */
export async function makeApp(options: TestServiceOptions = {}): Promise<TestService> {
  const config = await testConfig({
    ...(options.databaseUrl ? { databaseUrl: options.databaseUrl } : {}),
    corsOrigins: options.corsOrigins ?? '*',
    ...(options.publicUrl ? { publicUrl: options.publicUrl } : {}),
    ...(options.log ? { logRequests: true } : {}),
    ...options.config,
  });
  if (!options.keepData) {
    const raw = await openDatabase(config);
    try {
      await emptyDatabase(raw);
    } finally {
      await raw.close();
    }
  }
  const media = options.media ?? mediaFolder(mediaDir());
  const service = await openService(config, {
    seed: options.seed ?? fixture(),
    media,
    now: options.now,
    background: false,
    log: options.log,
    onQuery: options.onQuery,
    widgetFiles: options.widgetFiles,
  });
  open.push(service);
  const records = async (kind: StoredRecord['kind'] = 'enrolments', email?: string) => sqlRecords(service.storage, kind, email);
  const app = options.harness ? createHarness({ app: service.app, records, media, publicUrl: ORIGIN }) : service.app;
  service.listeningOn(ORIGIN);
  return { app, service, config, records };
}

export async function get(app: Hono, path: string, headers: Record<string, string> = {}, init: RequestInit = {}): Promise<Response> {
  return app.fetch(new Request(ORIGIN + path, { headers, ...init }));
}

export async function post(app: Hono, path: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return app.fetch(
    new Request(ORIGIN + path, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    }),
  );
}

export async function json<T = any>(response: Response | Promise<Response>): Promise<T> {
  return (await (await response).json()) as T;
}

export function enrolment(overrides: Record<string, unknown> = {}) {
  return {
    courseId: 'matinee-ia',
    sessionId: 'ia-open',
    givenName: 'Camille',
    familyName: 'Martin',
    email: 'camille.martin@example.gouv.fr',
    organisation: 'Préfecture du Bas-Rhin',
    privacyNoticeVersion: NOTICE_VERSION,
    ...overrides,
  };
}

export function trainerApplication(overrides: Record<string, unknown> = {}) {
  return {
    givenName: 'Dominique',
    familyName: 'Bernard',
    email: 'dominique.bernard@example.gouv.fr',
    organisation: 'DINUM',
    jobTitle: 'Coach produit',
    status: 'agent-public',
    skills: ['coaching-produit', 'ia'],
    intent: 'idea',
    availability: 'Deux jours par mois',
    remote: true,
    links: ['https://example.org/profil'],
    privacyNoticeVersion: TRAINER_NOTICE_VERSION,
    ...overrides,
  };
}
