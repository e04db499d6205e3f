/**
 * Contract v1 of the Campus du numérique public API.
 *
 * One set of schemas serves the widgets (reading responses, validating forms),
 * the reference server (validating requests, checking its seed data) and the
 * OpenAPI document. Two families live here:
 *
 * - Resources the server sends are read tolerantly: vocabularies are plain
 *   strings (the campus changes its kinds and areas over time), optional
 *   fields fall back with `z.catch`, and only what an item cannot be shown
 *   without (its id and its title or label) makes it fail. Lists are parsed
 *   item by item by the client, which drops and counts the failures.
 * - Requests the server receives are strict: unknown fields are rejected, and
 *   the same checks run in the browser before sending.
 */
import * as z from 'zod/mini';

// Lit must run under a strict CSP: zod's JIT compiles parsers with `new Function`.
z.config({ jitless: true });

/** The contract version the client speaks; appended to the configured API root. */
export const API_VERSION = 'v1';

const nonEmpty = () => z.string().check(z.trim(), z.minLength(1));
/** An identifier: a slug or an opaque string, never empty. */
export const Id = nonEmpty();
const text = z.catch(z.string(), '');
const optText = z.catch(z.optional(z.string()), undefined);
/** Marks an item that failed inside a tolerant list, so the list can leave it out. */
const DROPPED = Symbol('dropped') as never;
/**
 * A list read item by item: an item that fails is left out and the others are
 * kept (a bare `z.catch(z.array(…), [])` would lose the whole list for one bad
 * item — found by the hostile-data suite: one unlabelled term emptied a vocabulary).
 */
const tolerantList = <T extends z.core.SomeType>(item: T) =>
  z.catch(z.array(z.catch(item, DROPPED)).check(z.overwrite((items) => items.filter((x) => x !== DROPPED))), []);
const textList = tolerantList(z.string());
/** Only http(s) URLs may become links or images: anything else is dropped when read. */
export const HttpUrl = z.url({ protocol: /^https?$/, hostname: z.regexes.hostname });
const optHttpUrl = z.catch(z.optional(HttpUrl), undefined);
const DateTime = z.iso.datetime({ offset: true });
const optDateTime = z.catch(z.optional(DateTime), undefined);
const optCount = z.catch(z.optional(z.int().check(z.minimum(0))), undefined);

/** A value of a vocabulary (a kind, a mode, a level…): its id and its French label. */
export const Term = z.object({
  id: Id,
  label: nonEmpty(),
  description: optText,
});
export type Term = z.infer<typeof Term>;

export const Expertise = z.object({
  id: Id,
  label: nonEmpty(),
  /** Set on a sub-theme: the id of its expertise. */
  parentId: z.catch(z.optional(Id), undefined),
  description: optText,
});
export type Expertise = z.infer<typeof Expertise>;

export const Audience = Term;
export type Audience = Term;

/** Named lists of terms; a list the client does not know is kept and ignored. */
export const Vocabularies = z.object({
  kinds: tolerantList(Term),
  modes: tolerantList(Term),
  levels: tolerantList(Term),
  sessionStatuses: tolerantList(Term),
  organisationKinds: tolerantList(Term),
  /** The expertises plus the trainer-only skills, in one id space with the expertises. */
  trainerSkills: tolerantList(Term),
  trainerStatuses: tolerantList(Term),
  trainerIntents: tolerantList(Term),
  /**
   * The regions sessions are held in: ISO 3166-2 codes (`FR-IDF`, `CA-QC`) and
   * their French names, for the `region` filter (additive in v1: absent from older servers).
   */
  regions: z.optional(tolerantList(Term)),
});
export type Vocabularies = z.infer<typeof Vocabularies>;

export const Organisation = z.object({
  id: Id,
  name: nonEmpty(),
  /** A term of `vocabularies.organisationKinds` (école, administration, partenaire international…). */
  kind: text,
  /** Short name shown on badges, e.g. "INSP". */
  shortName: optText,
  url: optHttpUrl,
  logoUrl: optHttpUrl,
  /** ISO 3166-1 alpha-2. */
  country: optText,
});
export type Organisation = z.infer<typeof Organisation>;

export const Duration = z.object({
  /** Total learning time in minutes, when known. */
  minutes: optCount,
  /** The campus's own wording, e.g. "3 demi-journées". */
  label: text,
});

export const Price = z.object({
  amount: z.number().check(z.minimum(0)),
  currency: z.catch(z.string(), 'EUR'),
});

/** Known enrolment modes; another value is shown as a plain link when it carries a URL. */
export const ENROLMENT_EXTERNAL = 'external';
export const ENROLMENT_REQUEST = 'request';

export const Enrolment = z.object({
  mode: z.catch(z.string(), ENROLMENT_REQUEST),
  url: optHttpUrl,
});

export const Location = z.object({
  name: text,
  address: optText,
  city: text,
  /** ISO 3166-2 subdivision, e.g. `FR-IDF`, `CA-QC` (additive in v1); a term of `vocabularies.regions`. */
  region: optText,
  /** ISO 3166-1 alpha-2. */
  country: optText,
});
export type Location = z.infer<typeof Location>;

/** What a course card shows of its next session, without fetching the sessions. */
export const SessionSummary = z.object({
  id: Id,
  start: DateTime,
  end: optDateTime,
  mode: text,
  city: optText,
  /** ISO 3166-2 subdivision of the place (additive in v1). */
  region: optText,
  online: z.catch(z.boolean(), false),
  seatsLeft: optCount,
  /** open, full, waitlist, closed, cancelled; an unknown status keeps its session and shows the server's label. */
  status: z.catch(z.string(), 'open'),
});
export type SessionSummary = z.infer<typeof SessionSummary>;

export const Course = z.object({
  id: Id,
  title: nonEmpty(),
  kind: text,
  summary: text,
  objectives: textList,
  content: optText,
  expertiseIds: textList,
  audienceIds: textList,
  modes: textList,
  duration: z.catch(z.optional(Duration), undefined),
  level: optText,
  prerequisites: optText,
  /** BCP 47 tag of the teaching language. */
  language: z.catch(z.string(), 'fr'),
  providerId: text,
  partnerIds: textList,
  isFree: z.catch(z.boolean(), true),
  price: z.catch(z.optional(Price), undefined),
  enrolment: z.catch(Enrolment, { mode: ENROLMENT_REQUEST }),
  managerApproval: z.catch(z.boolean(), false),
  privacyNoticeId: text,
  imageUrl: optHttpUrl,
  nextSession: z.catch(z.optional(SessionSummary), undefined),
  updatedAt: optDateTime,
});
export type Course = z.infer<typeof Course>;

export const Slot = z.object({ start: DateTime, end: DateTime });
export type Slot = z.infer<typeof Slot>;

export const Session = z.object({
  id: Id,
  courseId: Id,
  mode: text,
  /** One or more days: a cycle spreads over several. */
  slots: z.array(Slot).check(z.minLength(1)),
  /** IANA time zone the session is held in, e.g. "Europe/Paris", "America/Montreal". */
  timezone: z.catch(z.string(), 'Europe/Paris'),
  location: z.catch(z.optional(Location), undefined),
  online: z.catch(z.boolean(), false),
  capacity: optCount,
  seatsLeft: optCount,
  registrationOpens: optDateTime,
  registrationCloses: optDateTime,
  /** open, full, waitlist, closed, cancelled; an unknown status keeps its session and shows the server's label. */
  status: z.catch(z.string(), 'open'),
  /** Incremented on every change of the session: a calendar's SEQUENCE. */
  version: optCount,
});
export type Session = z.infer<typeof Session>;

/**
 * The retention the notice's text states, as data: the service erases what
 * has passed it (a request some months after its session, one with no
 * follow-up some months after it was made; a trainer application likewise).
 */
export const RetentionPeriods = z.object({
  afterSessionMonths: optCount,
  unansweredMonths: optCount,
  afterLastActivityMonths: optCount,
});
export type RetentionPeriods = z.infer<typeof RetentionPeriods>;

/** GDPR art. 13 information for one kind of request; its text is the controller's. */
export const PrivacyNotice = z.object({
  id: Id,
  version: nonEmpty(),
  title: text,
  controller: text,
  controllerContact: text,
  dpoContact: text,
  purpose: text,
  legalBasis: text,
  recipients: textList,
  transfers: text,
  retention: text,
  /** The same periods as data (additive in v1; absent: the service erases nothing by itself). */
  retentionPeriods: z.catch(z.optional(RetentionPeriods), undefined),
  rights: text,
  complaint: text,
  updatedAt: optDateTime,
});
export type PrivacyNotice = z.infer<typeof PrivacyNotice>;

export const FieldError = z.object({
  field: z.string(),
  code: z.string(),
  message: z.catch(z.string(), ''),
});
export type FieldError = z.infer<typeof FieldError>;

/** RFC 9457 problem details; every error the API sends has this shape. */
export const Problem = z.object({
  type: z.catch(z.string(), 'about:blank'),
  title: z.catch(z.string(), ''),
  status: z.catch(z.int(), 500),
  detail: optText,
  errors: z.catch(z.optional(z.array(FieldError)), undefined),
});
export type Problem = z.infer<typeof Problem>;

/** One value of a facet with the number of courses it would give under the other filters. */
export const FacetValue = z.object({ id: z.string(), count: z.int() });
export type FacetValue = z.infer<typeof FacetValue>;

export const FACETS = ['expertise', 'audience', 'mode', 'kind', 'organisation', 'partner', 'level', 'free'] as const;
export type FacetName = (typeof FACETS)[number];

/**
 * Facets counted on sessions (additive in v1): `month` (`YYYY-MM`, the month a
 * session starts in, in its own time zone), `city` (as the sessions write it),
 * `region` (ISO 3166-2), `online` and `open` (a session takes requests now;
 * value `true` only), `withinMonths` (one value, the period in months, the
 * query's or else `SOON_MONTHS`: a session starts between now and then).
 * Only sessions neither cancelled nor over count.
 */
export const SESSION_FACETS = ['month', 'city', 'region', 'online', 'open', 'withinMonths'] as const;
export type SessionFacetName = (typeof SESSION_FACETS)[number];

/** The envelope of `GET /courses`; items are parsed one by one by the client. */
export const CoursePage = z.object({
  items: z.array(z.unknown()),
  total: z.int().check(z.minimum(0)),
  page: z.int().check(z.minimum(1)),
  pageSize: z.int().check(z.minimum(1)),
  facets: z.catch(z.record(z.string(), z.array(FacetValue)), {}),
});

/** The envelope of every other list. */
export const ItemList = z.object({ items: z.array(z.unknown()) });

// ------------------------------------------------------------ discovery

/** A list that must keep at least one readable item, or the record it belongs to cannot be used. */
const nonEmptyList = <T extends z.core.SomeType>(item: T) =>
  z.array(z.catch(item, DROPPED)).check(
    z.overwrite((items) => items.filter((x) => x !== DROPPED)),
    z.minLength(1),
  );

/** A word or phrase of the synonyms list, with the language it belongs to (BCP 47: `fr`, `en`, `fr-CA`). */
export const SynonymTerm = z.object({
  text: nonEmpty(),
  lang: z.catch(z.string(), 'fr'),
});
export type SynonymTerm = z.infer<typeof SynonymTerm>;

/**
 * One entry of the synonyms list (`GET /synonyms`). Each of `terms` finds what
 * any other finds, both ways (IA ↔ intelligence artificielle); each of `from`
 * also finds what `terms` find, one way (phishing → hameçonnage). Search and
 * suggestions apply them on the server; the list is served so that a page can
 * say why a result matched.
 */
export const Synonym = z.object({
  id: Id,
  terms: nonEmptyList(SynonymTerm),
  from: tolerantList(SynonymTerm),
});
export type Synonym = z.infer<typeof Synonym>;

/** What a suggestion names. */
export const SUGGESTION_KINDS = ['course', 'expertise', 'organisation'] as const;
/** Shortest query (letters and digits) the service suggests for. */
export const SUGGEST_MIN_LENGTH = 2;
/** Most suggestions in one answer. */
export const SUGGEST_LIMIT = 8;

/** A filter of `GET /courses` and one value of it: `{ name: 'expertise', value: 'cybersecurite' }`. */
export const SuggestionFilter = z.object({ name: nonEmpty(), value: nonEmpty() });
export type SuggestionFilter = z.infer<typeof SuggestionFilter>;

/**
 * One suggestion of `GET /suggest`: its kind (`course`, `expertise`,
 * `organisation`; another kind is kept and shown by its label), its label,
 * and what choosing it does: open the course `courseId`, or apply `filter` to
 * the list. A suggestion with neither cannot be used and is left out.
 */
export const Suggestion = z
  .object({
    kind: text,
    label: nonEmpty(),
    courseId: z.catch(z.optional(Id), undefined),
    filter: z.catch(z.optional(SuggestionFilter), undefined),
  })
  .check(z.refine((s) => s.courseId !== undefined || s.filter !== undefined, 'A suggestion needs a course or a filter'));
export type Suggestion = z.infer<typeof Suggestion>;

// ---------------------------------------------------------------- requests

const MAX_NAME = 100;
const MAX_ORG = 200;
const requiredText = (max: number) => z.string().check(z.trim(), z.minLength(1), z.maxLength(max));
const optionalText = (max: number) => z.optional(z.string().check(z.trim(), z.maxLength(max)));
const Email = z.email().check(z.trim(), z.maxLength(254));

/** The hidden field a person never fills; a bot that does is answered but not recorded. */
export const HONEYPOT = 'website';

export const COMMENT_MAX = 1000;
export const ACCOMMODATION_MAX = 500;

export const EnrolmentRequest = z.strictObject({
  courseId: Id,
  sessionId: z.optional(Id),
  givenName: requiredText(MAX_NAME),
  familyName: requiredText(MAX_NAME),
  email: Email,
  organisation: requiredText(MAX_ORG),
  jobTitle: optionalText(MAX_ORG),
  /** Required when the course needs the manager's approval (checked with the course). */
  managerEmail: z.optional(Email),
  accommodation: optionalText(ACCOMMODATION_MAX),
  comment: optionalText(COMMENT_MAX),
  /** The version of the privacy notice shown before sending. */
  privacyNoticeVersion: Id,
  locale: z.optional(z.string().check(z.maxLength(35))),
  [HONEYPOT]: z.optional(z.string().check(z.maxLength(500))),
});
export type EnrolmentRequest = z.infer<typeof EnrolmentRequest>;

export const EnrolmentReceipt = z.object({
  reference: nonEmpty(),
  /** Known: submitted, waitlisted, pending_manager; another value is kept as sent. */
  status: z.catch(z.string(), 'submitted'),
  courseId: Id,
  sessionId: z.catch(z.optional(Id), undefined),
  createdAt: DateTime,
});
export type EnrolmentReceipt = z.infer<typeof EnrolmentReceipt>;

export const SUMMARY_MAX = 2000;
export const MAX_LINKS = 3;
export const TRAINER_INTENT_LIST = 'list';

export const TrainerTraining = z.strictObject({
  title: requiredText(200),
  summary: requiredText(SUMMARY_MAX),
  modes: z.array(Id).check(z.minLength(1), z.maxLength(10)),
  duration: requiredText(100),
  audienceIds: z.array(Id).check(z.maxLength(20)),
});
export type TrainerTraining = z.infer<typeof TrainerTraining>;

export const TrainerApplication = z.strictObject({
  givenName: requiredText(MAX_NAME),
  familyName: requiredText(MAX_NAME),
  email: Email,
  organisation: requiredText(MAX_ORG),
  jobTitle: requiredText(MAX_ORG),
  /** A term of `vocabularies.trainerStatuses`. */
  status: Id,
  /** Terms of `vocabularies.trainerSkills`. */
  skills: z.array(Id).check(z.minLength(1), z.maxLength(30)),
  /** A term of `vocabularies.trainerIntents`; `list` requires `training`. */
  intent: Id,
  training: z.optional(TrainerTraining),
  availability: requiredText(200),
  places: optionalText(200),
  remote: z.boolean(),
  links: z.array(HttpUrl.check(z.maxLength(500))).check(z.maxLength(MAX_LINKS)),
  privacyNoticeVersion: Id,
  locale: z.optional(z.string().check(z.maxLength(35))),
  [HONEYPOT]: z.optional(z.string().check(z.maxLength(500))),
});
export type TrainerApplication = z.infer<typeof TrainerApplication>;

export const TrainerApplicationReceipt = z.object({
  reference: nonEmpty(),
  /** Known: submitted; another value is kept as sent. */
  status: z.catch(z.string(), 'submitted'),
  createdAt: DateTime,
});
export type TrainerApplicationReceipt = z.infer<typeof TrainerApplicationReceipt>;

/**
 * "Tell me when a session opens": an address for a course, confirmed by a
 * link (double opt-in) before anything else is sent to it.
 */
export const SubscriptionRequest = z.strictObject({
  courseId: Id,
  email: Email,
  locale: z.optional(z.string().check(z.maxLength(35))),
  [HONEYPOT]: z.optional(z.string().check(z.maxLength(500))),
});
export type SubscriptionRequest = z.infer<typeof SubscriptionRequest>;

/** Always the same answer, whatever the address: the confirmation link went by e-mail, or nothing did. */
export const SubscriptionReceipt = z.object({
  status: z.catch(z.string(), 'pending_confirmation'),
});
export type SubscriptionReceipt = z.infer<typeof SubscriptionReceipt>;
