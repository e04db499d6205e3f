/**
 * The OpenAPI 3.1 document of contract v1, generated from the zod schemas so
 * it cannot drift from what the widgets parse and the server validates.
 */
import * as z from 'zod/mini';
import {
  API_VERSION,
  Audience,
  Course,
  CoursePage,
  EnrolmentReceipt,
  EnrolmentRequest,
  Expertise,
  Organisation,
  PrivacyNotice,
  Problem,
  Session,
  SubscriptionReceipt,
  SubscriptionRequest,
  SUGGEST_LIMIT,
  SUGGEST_MIN_LENGTH,
  Suggestion,
  Synonym,
  TrainerApplication,
  TrainerApplicationReceipt,
  Vocabularies,
} from '../src/api/schemas.js';
import { LIST_FILTERS, MAX_PAGE_SIZE, MAX_WITHIN_MONTHS, DEFAULT_PAGE_SIZE, SORTS } from '../src/api/query.js';
import { MAX_QUERY_WORDS, MAX_WORD_LENGTH } from './text.js';
import { CSV_FILENAME } from './csv.js';

type Json = Record<string, unknown>;

function strip(schema: unknown, loose: boolean): unknown {
  if (Array.isArray(schema)) return schema.map((s) => strip(s, loose));
  if (!schema || typeof schema !== 'object') return schema;
  const out: Json = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === '$schema') continue;
    // Responses may gain fields within v1 (see the README's compatibility policy): clients ignore them.
    if (loose && key === 'additionalProperties' && value === false) continue;
    out[key] = strip(value, loose);
  }
  return out;
}

/** What the server sends: read tolerantly, so extra fields are allowed. */
const output = (schema: z.core.$ZodType): Json =>
  strip(z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'output', unrepresentable: 'any' }), true) as Json;
/** What the server receives: strict, unknown fields rejected. */
const input = (schema: z.core.$ZodType): Json =>
  strip(z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'input', unrepresentable: 'any' }), false) as Json;

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const listOf = (name: string): Json => ({
  type: 'object',
  properties: { items: { type: 'array', items: ref(name) } },
  required: ['items'],
});

const problemContent = { 'application/problem+json': { schema: ref('Problem') } };
const problem = (description: string) => ({ description, content: problemContent });

const cachedHeaders = {
  ETag: { $ref: '#/components/headers/ETag' },
  'Cache-Control': { $ref: '#/components/headers/CacheControl' },
};

const json = (schema: Json, description = 'OK') => ({
  description,
  headers: cachedHeaders,
  content: { 'application/json': { schema } },
});

function getOperation(operationId: string, summary: string, response: Json, extra: Json = {}): Json {
  const { parameters = [], responses = {}, ...rest } = extra as { parameters?: unknown[]; responses?: Json };
  return {
    get: {
      operationId,
      summary,
      parameters: [...parameters, { $ref: '#/components/parameters/IfNoneMatch' }],
      responses: {
        '200': response,
        '304': { $ref: '#/components/responses/NotModified' },
        ...responses,
        default: { $ref: '#/components/responses/Problem' },
      },
      ...rest,
    },
  };
}

function postOperation(operationId: string, summary: string, request: string, receipt: string): Json {
  return {
    post: {
      operationId,
      summary,
      description:
        "Une nouvelle demande de la même personne (adresse électronique, casse ignorée) pour la même session reçoit la même réponse qu'une première demande, avec la référence de la première ; rien n'est enregistré de nouveau.",
      parameters: [{ $ref: '#/components/parameters/IdempotencyKey' }],
      requestBody: { required: true, content: { 'application/json': { schema: ref(request) } } },
      responses: {
        '201': {
          description: 'Demande reçue',
          headers: { 'Cache-Control': { schema: { type: 'string', const: 'no-store' } } },
          content: { 'application/json': { schema: ref(receipt) } },
        },
        '400': problem('JSON mal formé ou en-tête Idempotency-Key invalide'),
        '413': problem('Corps de requête de plus de 32 Kio'),
        '415': problem('Le corps doit être du JSON (application/json)'),
        '422': problem(
          "Données invalides : une entrée par champ dans `errors` ; ou clé d'idempotence déjà utilisée pour une autre demande",
        ),
        default: { $ref: '#/components/responses/Problem' },
      },
    },
  };
}

const idParam = { name: 'id', in: 'path', required: true, schema: { type: 'string', minLength: 1 } };
const notFound = { '404': { $ref: '#/components/responses/NotFound' } };

const filterDescriptions: Record<(typeof LIST_FILTERS)[number], string> = {
  expertise: "Identifiant d'expertise ; une expertise couvre aussi ses sous-thèmes.",
  audience: 'Identifiant de public.',
  mode: 'Modalité (e-learning, distanciel, présentiel, hybride…).',
  kind: 'Type de formation (parcours, module, programme…).',
  organisation: "Organisme qui porte la formation.",
  partner: 'Organisme partenaire (co-marquage).',
  level: 'Niveau.',
};

const many = (name: string, description: string, items: Json = { type: 'string' }) => ({
  name,
  in: 'query',
  description: `${description} Répété ou séparé par des virgules : l'une des valeurs (au plus 20).`,
  style: 'form',
  explode: true,
  schema: { type: 'array', items },
});

/** Filters on sessions: a course matches when one of its sessions (neither cancelled nor over) meets them all. */
const sessionParameters = [
  many('month', 'Une session qui commence ce mois-là (AAAA-MM, dans le fuseau horaire de la session).', { type: 'string', pattern: '^\\d{4}-(0[1-9]|1[0-2])$' }),
  { name: 'from', in: 'query', description: 'Une session qui commence ce jour-là ou après (AAAA-MM-JJ, dans le fuseau horaire de la session).', schema: { type: 'string', format: 'date' } },
  { name: 'to', in: 'query', description: 'Une session qui commence ce jour-là ou avant (AAAA-MM-JJ).', schema: { type: 'string', format: 'date' } },
  {
    name: 'withinMonths',
    in: 'query',
    description: `Une session qui commence d’ici ce nombre de mois (« dans les 3 prochains mois » : 3) ; au-delà de ${MAX_WITHIN_MONTHS}, ramené à ${MAX_WITHIN_MONTHS}.`,
    schema: { type: 'integer', minimum: 1, maximum: MAX_WITHIN_MONTHS },
  },
  many('city', 'Une session dans cette ville (casse et accents ignorés). Avec `region` et `online` : l’un des lieux.'),
  many('region', 'Une session dans cette région (ISO 3166-2, par exemple FR-IDF ; voir `regions` dans les vocabulaires).'),
  { name: 'online', in: 'query', description: 'Une session en ligne (à distance ou hybride).', schema: { type: 'boolean' } },
  { name: 'open', in: 'query', description: 'Une session qui reçoit des demandes maintenant (statut, dates d’inscription ; une session complète les met en liste d’attente).', schema: { type: 'boolean' } },
];

const qDescription = `Sans tenir compte de la casse ni des accents ; au plus ${MAX_QUERY_WORDS} mots de ${MAX_WORD_LENGTH} caractères (la suite est ignorée, jamais refusée). Les synonymes (\`/synonyms\`) s’appliquent.`;

const courseQueryParameters = [
  { name: 'q', in: 'query', description: `Mots recherchés (tous) dans l’intitulé, le résumé et les objectifs. ${qDescription}`, schema: { type: 'string' } },
  ...LIST_FILTERS.map((name) => ({
    name,
    in: 'query',
    description: `${filterDescriptions[name]} Répété ou séparé par des virgules : l'une des valeurs. Des filtres différents se cumulent.`,
    style: 'form',
    explode: true,
    schema: { type: 'array', items: { type: 'string' } },
  })),
  { name: 'free', in: 'query', description: 'Seulement les formations gratuites.', schema: { type: 'boolean' } },
  ...sessionParameters,
  { name: 'sort', in: 'query', schema: { type: 'string', enum: [...SORTS], default: 'relevance' } },
  { name: 'page', in: 'query', schema: { type: 'integer', minimum: 1, default: 1 } },
  {
    name: 'pageSize',
    in: 'query',
    description: `Au plus ${MAX_PAGE_SIZE} ; une valeur plus grande est ramenée à ${MAX_PAGE_SIZE}, une valeur invalide ignorée.`,
    schema: { type: 'integer', minimum: 1, maximum: MAX_PAGE_SIZE, default: DEFAULT_PAGE_SIZE },
  },
];

let cached: Json | undefined;

/** The document; `servers` is relative, so it holds wherever the API is mounted. */
export function buildOpenApi(): Json {
  if (cached) return cached;
  const coursePage = output(CoursePage) as { properties: Json & { items: Json } };
  coursePage.properties.items = { type: 'array', items: ref('Course') };

  cached = {
    openapi: '3.1.0',
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    info: {
      title: 'API du Campus du numérique public',
      version: `${API_VERSION.replace(/^v/, '')}.0.0`,
      description:
        "Catalogue de formations, sessions, notices d'information et demandes (inscription, candidature de formateur) du Campus du numérique public. Toute erreur est un document application/problem+json (RFC 9457).",
      license: { name: 'MIT', identifier: 'MIT' },
    },
    servers: [{ url: `/api/${API_VERSION}` }],
    paths: {
      '/expertises': getOperation('listExpertises', 'Expertises et sous-thèmes', json(listOf('Expertise'))),
      '/audiences': getOperation('listAudiences', 'Publics', json(listOf('Audience'))),
      '/organisations': getOperation('listOrganisations', 'Organismes et partenaires', json(listOf('Organisation'))),
      '/vocabularies': getOperation('getVocabularies', 'Vocabulaires et leurs libellés', json(ref('Vocabularies'))),
      '/courses': getOperation('listCourses', 'Catalogue filtré, trié, paginé, avec facettes', json(ref('CoursePage')), {
        parameters: courseQueryParameters,
      }),
      '/suggest': getOperation(
        'suggest',
        'Suggestions pendant la saisie : intitulés de formation, expertises, organismes',
        json(listOf('Suggestion')),
        {
          description: `Au plus ${SUGGEST_LIMIT}, les meilleures d’abord. Chaque mot tapé doit figurer dans le libellé, le dernier comme début de mot (sauf s’il est suivi d’une espace) ; les synonymes s’appliquent. Une requête de moins de ${SUGGEST_MIN_LENGTH} lettres ou chiffres donne une liste vide. Un serveur plus ancien répond 404 : le champ de recherche reste alors un champ simple.`,
          parameters: [{ name: 'q', in: 'query', description: `Ce qui est en train d’être tapé. ${qDescription}`, schema: { type: 'string' } }],
        },
      ),
      '/synonyms': getOperation('listSynonyms', 'Synonymes appliqués par la recherche et les suggestions', json(listOf('Synonym'))),
      '/courses.csv': getOperation(
        'exportCourses',
        'Catalogue filtré en CSV (toutes les lignes)',
        {
          description: `CSV UTF-8 avec BOM, séparateur « ; », fin de ligne CRLF ; fichier ${CSV_FILENAME}`,
          headers: {
            ...cachedHeaders,
            'Content-Disposition': { schema: { type: 'string' } },
          },
          content: { 'text/csv': { schema: { type: 'string' } } },
        },
        { parameters: courseQueryParameters.filter((p) => p.name !== 'page' && p.name !== 'pageSize') },
      ),
      '/courses/{id}': getOperation('getCourse', 'Une formation', json(ref('Course')), {
        parameters: [idParam],
        responses: notFound,
      }),
      '/courses/{id}/sessions': getOperation(
        'listCourseSessions',
        "Sessions à venir d'une formation, par date de début",
        json(listOf('Session')),
        { parameters: [idParam], responses: notFound },
      ),
      '/privacy-notices/{id}': getOperation('getPrivacyNotice', "Notice d'information (RGPD, art. 13)", json(ref('PrivacyNotice')), {
        parameters: [idParam],
        responses: notFound,
      }),
      '/enrolments': postOperation('createEnrolment', "Demande d'inscription", 'EnrolmentRequest', 'EnrolmentReceipt'),
      '/trainer-applications': postOperation(
        'createTrainerApplication',
        'Candidature de formateur',
        'TrainerApplication',
        'TrainerApplicationReceipt',
      ),
      '/subscriptions': {
        post: {
          operationId: 'createSubscription',
          summary: 'Être prévenu·e de la prochaine session d’une formation',
          description:
            'Un lien de confirmation est envoyé à l’adresse (double consentement) ; rien d’autre ne lui est envoyé avant sa confirmation. La réponse est la même quelle que soit l’adresse.',
          requestBody: { required: true, content: { 'application/json': { schema: ref('SubscriptionRequest') } } },
          responses: {
            '202': {
              description: 'Demande prise en compte',
              headers: { 'Cache-Control': { schema: { type: 'string', const: 'no-store' } } },
              content: { 'application/json': { schema: ref('SubscriptionReceipt') } },
            },
            '400': problem('JSON mal formé'),
            '413': problem('Corps de requête de plus de 32 Kio'),
            '415': problem('Le corps doit être du JSON (application/json)'),
            '422': problem('Données invalides : une entrée par champ dans `errors`'),
            '429': problem('Trop de demandes'),
            default: { $ref: '#/components/responses/Problem' },
          },
        },
      },
      '/openapi.json': getOperation('getOpenApi', 'Ce document', json({ type: 'object' })),
    },
    components: {
      schemas: {
        Expertise: output(Expertise),
        Audience: output(Audience),
        Organisation: output(Organisation),
        Vocabularies: output(Vocabularies),
        Course: output(Course),
        CoursePage: coursePage,
        Session: output(Session),
        Suggestion: output(Suggestion),
        Synonym: output(Synonym),
        PrivacyNotice: output(PrivacyNotice),
        Problem: output(Problem),
        EnrolmentRequest: input(EnrolmentRequest),
        EnrolmentReceipt: output(EnrolmentReceipt),
        TrainerApplication: input(TrainerApplication),
        TrainerApplicationReceipt: output(TrainerApplicationReceipt),
        SubscriptionRequest: input(SubscriptionRequest),
        SubscriptionReceipt: output(SubscriptionReceipt),
      },
      parameters: {
        IfNoneMatch: { name: 'If-None-Match', in: 'header', required: false, schema: { type: 'string' } },
        IdempotencyKey: {
          name: 'Idempotency-Key',
          in: 'header',
          required: false,
          description:
            "Rejouer la même demande avec la même clé renvoie le premier accusé de réception sans rien enregistrer ; la même clé avec une autre demande est refusée (422).",
          schema: { type: 'string', minLength: 1, maxLength: 255 },
        },
      },
      headers: {
        ETag: { description: 'Empreinte du corps de la réponse', schema: { type: 'string' } },
        CacheControl: { schema: { type: 'string' } },
      },
      responses: {
        NotModified: { description: 'Inchangé depuis la version désignée par If-None-Match', headers: cachedHeaders },
        NotFound: problem('Ressource introuvable'),
        Problem: problem('Erreur (RFC 9457)'),
      },
    },
  };
  return cached;
}
