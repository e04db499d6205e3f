/**
 * The tables, as Kysely sees them. Portable types only: text, integers,
 * booleans as 0/1, times as ISO 8601 UTC strings (sortable as text), JSON as
 * text. Catalogue records keep their contract shape in a `doc` column beside
 * the columns that queries and invariants need.
 */
import type { ColumnType, Generated } from 'kysely';

/** An integer column: PostgreSQL's bigint arrives as a string, SQLite's as a number. */
type Int = ColumnType<number, number | undefined, number>;

export interface CatalogueStateTable {
  id: number;
  /** Bumped by every catalogue change, polled by every instance. */
  version: number;
  updated_at: string;
}

/** Expertises, audiences, privacy notices, the vocabularies and the synonyms: small lists read whole. */
export interface ReferenceItemsTable {
  kind: 'expertise' | 'audience' | 'privacy_notice' | 'vocabularies' | 'synonym';
  id: string;
  position: number;
  doc: string;
}

export interface OrganisationsTable {
  id: string;
  position: number;
  doc: string;
  updated_at: string;
  /** JSON array of the addresses that receive the daily digest of new requests (server side only). */
  notification_emails: Generated<string | null>;
}

export interface CoursesTable {
  id: string;
  position: number;
  provider_id: string;
  /** `staff`: staff accept requests; `auto`: a request with a seat is accepted at once. */
  acceptance: string;
  /** `seed` or `office`: the seed only removes what it brought. */
  origin: string;
  doc: string;
  updated_at: string;
}

export interface SessionsTable {
  id: string;
  course_id: string;
  /** open, full, waitlist, closed, cancelled: as set by the seed or the office; seats refine it when served. */
  status: string;
  capacity: number | null;
  /** Seats taken outside this service (imported from the seed as capacity − seatsLeft). */
  seats_reserved: Int;
  /** 1: a freed seat goes to the first waiting person at once. */
  auto_promote: Int;
  /** Incremented on every change of the session (calendar SEQUENCE, optimistic concurrency). */
  version: Int;
  start_at: string;
  origin: string;
  /** Set once staff edit the session: the seed then leaves it alone. */
  office_edited_at: string | null;
  /** Slots, time zone, mode, place, registration window: the contract's Session minus the columns above. */
  doc: string;
  updated_at: string;
  /** The private link to join an online session: in messages to accepted agents, never in the public API. */
  join_url: Generated<string | null>;
}

export interface EnrolmentsTable {
  id: string;
  reference: string;
  course_id: string;
  session_id: string | null;
  status: string;
  /** requested, given, declined, recorded_by_staff; null when the course needs no approval. */
  manager_decision: string | null;
  /** Normalised e-mail and session (or course): unique among requests not cancelled. */
  dedupe_key: string;
  email_norm: string;
  given_name: string;
  family_name: string;
  email: string;
  organisation: string;
  job_title: string | null;
  manager_email: string | null;
  accommodation: string | null;
  comment: string | null;
  locale: string | null;
  privacy_notice_version: string;
  /** The `Idempotency-Key` it was sent with (support: which attempt of a client). */
  idempotency_key: string | null;
  created_at: string;
  updated_at: string;
  /** When the request entered its current status: the waiting list's order. */
  status_changed_at: string;
  version: Int;
  /** Who cancelled: agent, campus (staff) or system. */
  cancelled_by: string | null;
  /** The reason given with a refusal or cancellation, shown to the agent. */
  reason: string | null;
  /** Attendance per half-day after the session, as JSON. */
  attendance: string | null;
  erased_at: string | null;
  /** When the agent confirmed the request through the link of their receipt. */
  confirmed_at: Generated<string | null>;
  /** 1: the manager signed in with the address the agent gave; 0: decided by link only. */
  manager_verified: Generated<number | null>;
}

export interface TrainerApplicationsTable {
  id: string;
  reference: string;
  email_norm: string;
  /** Hash of the application's content: a repeat within 24 hours is stored once. */
  content_hash: string;
  /** The validated application (personal data). */
  doc: string;
  idempotency_key: string | null;
  review_state: string;
  notes: string | null;
  created_at: string;
  updated_at: string;
  version: Int;
  erased_at: string | null;
}

export interface IdempotencyKeysTable {
  kind: string;
  key: string;
  body_hash: string;
  /** The receipt first answered, as JSON. */
  receipt: string;
  created_at: string;
  expires_at: string;
}

/** Append-only: who did what to which record; ids and field names, never personal values. */
export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  actor_kind: string;
  actor_id: string | null;
  entity: string;
  entity_id: string;
  action: string;
  from_state: string | null;
  to_state: string | null;
  /** JSON array of the field names changed. */
  fields: string | null;
}

export interface JobsTable {
  name: string;
  lease_owner: string | null;
  lease_until: string | null;
  next_run_at: string;
  last_run_at: string | null;
  last_error: string | null;
  runs: Int;
}

/** A message to send, written in the transaction of the change it reports. */
export interface OutboxTable {
  id: string;
  dedupe_key: string;
  message_id: string;
  kind: string;
  recipient: string;
  recipient_name: string | null;
  locale: string;
  enrolment_id: string | null;
  application_id: string | null;
  subject: string;
  text: string;
  html: string;
  /** An iCalendar object sent as a `text/calendar; method=…` alternative. */
  calendar: string | null;
  calendar_method: string | null;
  /** JSON array of { filename, contentType, content }. */
  attachments: string | null;
  /** JSON object of extra headers (List-Unsubscribe…), built by the service, never from a request. */
  headers: string | null;
  unsolicited: Int;
  /** pending, sent, failed (after the last retry), suppressed (over a recipient's limit), held (no SMTP). */
  status: string;
  attempts: Int;
  next_attempt_at: string;
  last_error: string | null;
  sent_at: string | null;
  created_at: string;
  erased_at: string | null;
}

export interface TokensTable {
  id: string;
  token_hash: string;
  purpose: string;
  enrolment_id: string | null;
  email_norm: string | null;
  subscription_id: string | null;
  expires_at: string;
  used_at: string | null;
  revoked_at: string | null;
  created_at: string;
}

/** What a link opened: a cookie's id (hashed) bound to the token's purpose. */
export interface LinkSessionsTable {
  id_hash: string;
  token_id: string;
  purpose: string;
  csrf: string;
  expires_at: string;
  created_at: string;
  /** The decision page's: the address an identity provider gave for the person deciding. */
  verified_email: Generated<string | null>;
}

export interface SubscriptionsTable {
  id: string;
  course_id: string;
  email: string;
  email_norm: string;
  locale: string;
  confirmed_at: string | null;
  unsubscribed_at: string | null;
  created_at: string;
  erased_at: string | null;
}

export interface LinkRequestsTable {
  id: string;
  email: string;
  locale: string;
  created_at: string;
}

export interface RateLimitsTable {
  /** `address:<ip>` or `email:<normalised address>`: the address itself, kept for one window. */
  bucket: string;
  window_start: string;
  hits: Int;
}

/** Who may use the office: granted by e-mail, bound to (issuer, sub) at the first sign-in. */
export interface OfficeStaffTable {
  id: string;
  email: string;
  /** `campus` sees everything; `organisation` sees its own courses' requests. */
  role: string;
  organisation_id: string | null;
  issuer: string | null;
  subject: string | null;
  display_name: string | null;
  created_at: string;
  /** A staff id, or `cli:<user>` for the command line. */
  created_by: string;
  bound_at: string | null;
  last_sign_in_at: string | null;
  removed_at: string | null;
  removed_by: string | null;
}

/** A signed-in staff member's session; the cookie holds a token whose hash is the id. */
export interface OfficeSessionsTable {
  id: string;
  staff_id: string;
  provider_id: string;
  csrf_token: string;
  id_token: string | null;
  created_at: string;
  last_seen_at: string;
  /** The absolute end of the session, whatever its activity. */
  expires_at: string;
}

/** A sign-in between the redirect to the provider and its answer. */
export interface OfficeLoginsTable {
  id: string;
  provider_id: string;
  code_verifier: string;
  nonce: string;
  browser_hash: string;
  return_to: string;
  created_at: string;
}

export interface Tables {
  catalogue_state: CatalogueStateTable;
  reference_items: ReferenceItemsTable;
  organisations: OrganisationsTable;
  courses: CoursesTable;
  sessions: SessionsTable;
  enrolments: EnrolmentsTable;
  trainer_applications: TrainerApplicationsTable;
  idempotency_keys: IdempotencyKeysTable;
  audit_log: AuditLogTable;
  jobs: JobsTable;
  rate_limits: RateLimitsTable;
  outbox: OutboxTable;
  tokens: TokensTable;
  link_sessions: LinkSessionsTable;
  subscriptions: SubscriptionsTable;
  link_requests: LinkRequestsTable;
  office_staff: OfficeStaffTable;
  office_sessions: OfficeSessionsTable;
  office_logins: OfficeLoginsTable;
}
