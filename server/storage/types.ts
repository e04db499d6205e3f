/**
 * What the public routes need from a store. Two engines implement it over one
 * SQL query layer (`sql-storage.ts`); the static Storybook runs the same
 * routes on an in-memory implementation kept with the test harness.
 */
import type {
  Course,
  EnrolmentRequest,
  Expertise,
  Organisation,
  PrivacyNotice,
  Session,
  Synonym,
  Term,
  TrainerApplication,
  Vocabularies,
} from '../../src/api/schemas.js';

/** A course as stored: the contract's record plus what only the service knows. */
export interface StoredCourse extends Course {
  /** `staff`: staff accept requests; `auto`: a request with a seat is accepted at once. */
  acceptance?: Acceptance;
}

export type Acceptance = 'staff' | 'auto';

/** A session as stored: seats are counted live, so `seatsLeft` is left out. */
export interface StoredSession extends Omit<Session, 'seatsLeft'> {
  /** Seats taken outside the service (the seed's own bookings). */
  seatsReserved?: number;
  /** Whether a freed seat goes to the first waiting person at once. */
  autoPromote?: boolean;
}

/** The catalogue, read whole by each instance to build its search index. */
export interface CatalogueRecords {
  version: number;
  expertises: Expertise[];
  audiences: Term[];
  organisations: Organisation[];
  courses: StoredCourse[];
  sessions: StoredSession[];
  privacyNotices: PrivacyNotice[];
  vocabularies: Vocabularies;
  /** The synonyms list search and suggestions apply (absent: none). */
  synonyms?: Synonym[];
}

export interface Receipt {
  reference: string;
  status: string;
  createdAt: string;
  courseId?: string;
  sessionId?: string;
}

/** A request as received: validated, honeypot left out. */
export interface Submission<T> {
  request: T;
  /** Hash of the body as sent, to tell a replay from a key reused with another body. */
  bodyHash: string;
  idempotencyKey?: string;
  /** A bot filled the hidden field: answer as usual, keep nothing of the request. */
  honeypot: boolean;
  /** New records per e-mail address per hour; 0 or absent: no limit. */
  emailLimitPerHour?: number;
  now: Date;
}

export type SubmitOutcome =
  | { kind: 'created' | 'replayed' | 'repeat'; receipt: Receipt }
  /** The idempotency key was first used with another body. */
  | { kind: 'key_reused' }
  /** The session stopped taking requests (checked again inside the transaction). */
  | { kind: 'closed' }
  /** Too many new requests from this address: seconds until the window ends. */
  | { kind: 'rate_limited'; retryAfter: number };

/** The store could not take or keep a write (or answer a read): answered 503, nothing acknowledged. */
export class StorageUnavailable extends Error {
  constructor(cause?: unknown) {
    super('storage unavailable', { cause });
  }
}

export interface Readiness {
  ok: boolean;
  /** Why not, in a sentence for operators (never a secret). */
  reason?: string;
}

export interface Storage {
  readonly engine: 'sqlite' | 'postgres' | 'memory';
  /** Bumped by every catalogue change; instances poll it to rebuild their index. */
  catalogueVersion(): Promise<number>;
  loadCatalogue(): Promise<CatalogueRecords>;
  /** Seat-holding requests per session, counted now. */
  seatsHeld(sessionIds: readonly string[]): Promise<Map<string, number>>;
  submitEnrolment(submission: Submission<EnrolmentRequest>): Promise<SubmitOutcome>;
  submitTrainerApplication(submission: Submission<TrainerApplication>): Promise<SubmitOutcome>;
  /** Records an alert for a course (unconfirmed until its link is followed); nothing is said of the address. */
  subscribe(sub: { courseId: string; email: string; locale: string; honeypot: boolean; now: Date }): Promise<void>;
  /** Counts a hit in a fixed window (held in the store, so across instances); returns the window's count. */
  hitRateLimit(bucket: string, windowMs: number, now: Date): Promise<number>;
  /** Database reachable and migrated. */
  readiness(): Promise<Readiness>;
  close(): Promise<void>;
}
