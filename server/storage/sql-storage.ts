/**
 * The store on SQLite or PostgreSQL, through one Kysely query layer. Every
 * invariant is held by the database: a unique index for one request per
 * person and session, a table for idempotency keys, the session's row lock for
 * seats, an advisory lock per address for repeated trainer applications.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { EnrolmentRequest, TrainerApplication } from '../../src/api/schemas.js';
import { isOffered } from '../../src/api/sessions.js';
import { audit, created, initialState, SEAT_HOLDING, type ConfirmationListener, type LifecycleContext, type TransitionListener } from '../lifecycle.js';
import { isUnavailable, type Database, type Runner, type Tx } from './database.js';
import { migrationState } from './migrations.js';
import { applicationContentHash, applicationRow, courseFromRow, enrolmentRow, sessionFromRow } from './rows.js';
import { enrolmentDedupeKey, newReference, normaliseEmail } from '../util.js';
import { StorageUnavailable, type CatalogueRecords, type Receipt, type Readiness, type Storage, type Submission, type SubmitOutcome } from './types.js';

/** How long an idempotency key answers with its first receipt. */
export const IDEMPOTENCY_TTL_MS = 48 * 3600 * 1000;
/** A trainer application repeated within this window is stored once. */
export const TRAINER_REPEAT_WINDOW_MS = 24 * 3600 * 1000;

const HOUR = 3600_000;
/** How long a seat count read for the public pages is served without reading it again. */
export const SEAT_COUNTS_MS = 1_000;
const windowStart = (windowMs: number, now: Date) => new Date(Math.floor(now.getTime() / windowMs) * windowMs).toISOString();
const secondsLeft = (windowMs: number, now: Date) => (windowMs - (now.getTime() % windowMs)) / 1000;

/** One more hit in the bucket's current window, in one statement; the window's count. */
async function hit(db: Runner, bucket: string, windowMs: number, now: Date): Promise<number> {
  const row = await db
    .insertInto('rate_limits')
    .values({ bucket, window_start: windowStart(windowMs, now), hits: 1 })
    .onConflict((oc) => oc.columns(['bucket', 'window_start']).doUpdateSet({ hits: sql`rate_limits.hits + 1` }))
    .returning('hits')
    .executeTakeFirstOrThrow();
  return Number(row.hits);
}

export interface SqlStorageOptions {
  now?: () => Date;
  /** Told of every status change, in its transaction (the outbox). */
  listeners?: TransitionListener[];
  /** Told of every confirmation by an agent, in its transaction. */
  confirmationListeners?: ConfirmationListener[];
  /** Told of every new trainer application, in its transaction. */
  onApplication?: (tx: Tx, application: { id: string; reference: string; doc: string }) => Promise<void>;
  /** Told of every alert to confirm (new, or asked again before its confirmation), in its transaction. */
  onSubscription?: (tx: Tx, subscription: { id: string; course_id: string; email: string; locale: string }) => Promise<void>;
}

export class SqlStorage implements Storage {
  readonly engine;
  readonly lifecycle: LifecycleContext;

  constructor(
    readonly database: Database,
    private readonly options: SqlStorageOptions = {},
  ) {
    this.engine = database.engine;
    this.lifecycle = {
      database,
      now: options.now ?? (() => new Date()),
      listeners: options.listeners ?? [],
      confirmationListeners: options.confirmationListeners ?? [],
    };
  }

  get db() {
    return this.database.db;
  }

  now(): Date {
    return this.lifecycle.now();
  }

  /** A write transaction; a store that cannot take it raises `StorageUnavailable`. */
  async write<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
    try {
      return await this.database.transaction(fn);
    } catch (error) {
      if (isUnavailable(error)) throw new StorageUnavailable(error);
      throw error;
    }
  }

  /** A read; a store that cannot answer raises `StorageUnavailable`. */
  async read<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (error) {
      if (isUnavailable(error)) throw new StorageUnavailable(error);
      throw error;
    }
  }

  async catalogueVersion(): Promise<number> {
    return this.read(async () => {
      const row = await this.db.selectFrom('catalogue_state').select('version').where('id', '=', 1).executeTakeFirst();
      return row ? Number(row.version) : 0;
    });
  }

  async loadCatalogue(): Promise<CatalogueRecords> {
    return this.read(async () => {
      const version = await this.catalogueVersion();
      const items = await this.db.selectFrom('reference_items').selectAll().orderBy('kind').orderBy('position').execute();
      const docs = (kind: string) => items.filter((i) => i.kind === kind).map((i) => JSON.parse(i.doc));
      const organisations = await this.db.selectFrom('organisations').select('doc').orderBy('position').execute();
      const courses = await this.db.selectFrom('courses').selectAll().orderBy('position').execute();
      const sessions = await this.db.selectFrom('sessions').selectAll().orderBy('course_id').orderBy('start_at').execute();
      return {
        version,
        expertises: docs('expertise'),
        audiences: docs('audience'),
        privacyNotices: docs('privacy_notice'),
        vocabularies: docs('vocabularies')[0] ?? {},
        synonyms: docs('synonym'),
        organisations: organisations.map((o) => JSON.parse(o.doc)),
        courses: courses.map(courseFromRow),
        sessions: sessions.map(sessionFromRow),
      };
    });
  }

  /**
   * Seats held per session, for the public pages. Counts stay in memory until
   * this process writes anything or for `SEAT_COUNTS_MS`: a page of courses
   * then costs no query, and another instance's requests show within a second.
   * (Whether a seat is free is never decided from here: see `initialState`.)
   */
  readonly #seatCounts = { held: new Map<string, number>(), writes: -1, since: 0 };

  async seatsHeld(sessionIds: readonly string[]): Promise<Map<string, number>> {
    const counts = this.#seatCounts;
    const writes = this.database.writes;
    const at = performance.now();
    if (counts.writes !== writes || at - counts.since > SEAT_COUNTS_MS) {
      counts.held.clear();
      counts.writes = writes;
      counts.since = at;
    }
    const missing = [...new Set(sessionIds)].filter((id) => !counts.held.has(id));
    const read = new Map(missing.map((id) => [id, 0]));
    if (missing.length) {
      const rows = await this.read(() =>
        this.db
          .selectFrom('enrolments')
          .select(['session_id', (eb) => eb.fn.countAll<number>().as('n')])
          .where('session_id', 'in', missing)
          .where('status', 'in', SEAT_HOLDING)
          .groupBy('session_id')
          .execute(),
      );
      for (const r of rows) if (r.session_id) read.set(r.session_id, Number(r.n));
      // Kept only if no write of this process came between: the count may predate it.
      if (counts.writes === this.database.writes) for (const [id, n] of read) counts.held.set(id, n);
    }
    return new Map(sessionIds.map((id) => [id, read.get(id) ?? counts.held.get(id) ?? 0]));
  }

  /**
   * Claims an idempotency key for this body. Returns the earlier answer when
   * the key was already used (a replay, or a key reused with another body),
   * or undefined when the caller goes on and must `rememberKey` its receipt.
   * On PostgreSQL a second request with the same key waits here for the first
   * to commit, then reads its answer.
   */
  private async claimKey(tx: Tx, kind: string, sub: Submission<unknown>): Promise<SubmitOutcome | undefined> {
    const key = sub.idempotencyKey;
    if (!key) return undefined;
    const now = sub.now.toISOString();
    const expires = new Date(sub.now.getTime() + IDEMPOTENCY_TTL_MS).toISOString();
    const values = { kind, key, body_hash: sub.bodyHash, receipt: '', created_at: now, expires_at: expires };
    const inserted = await tx.insertInto('idempotency_keys').values(values).onConflict((oc) => oc.doNothing()).returning('key').executeTakeFirst();
    if (inserted) return undefined;
    const earlier = await tx.selectFrom('idempotency_keys').selectAll().where('kind', '=', kind).where('key', '=', key).executeTakeFirstOrThrow();
    if (earlier.expires_at <= now) {
      await tx.updateTable('idempotency_keys').set(values).where('kind', '=', kind).where('key', '=', key).execute();
      return undefined;
    }
    if (earlier.body_hash !== sub.bodyHash) return { kind: 'key_reused' };
    return { kind: 'replayed', receipt: JSON.parse(earlier.receipt) as Receipt };
  }

  /** An answer that records nothing: the key claimed for it is given back, so a later attempt is a first one. */
  private async refuse(tx: Tx, kind: string, sub: Submission<unknown>, outcome: SubmitOutcome): Promise<SubmitOutcome> {
    if (sub.idempotencyKey) await tx.deleteFrom('idempotency_keys').where('kind', '=', kind).where('key', '=', sub.idempotencyKey).execute();
    return outcome;
  }

  private async rememberKey(tx: Tx, kind: string, sub: Submission<unknown>, receipt: Receipt): Promise<void> {
    if (!sub.idempotencyKey) return;
    await tx
      .updateTable('idempotency_keys')
      .set({ receipt: JSON.stringify(receipt) })
      .where('kind', '=', kind)
      .where('key', '=', sub.idempotencyKey)
      .execute();
  }

  async submitEnrolment(sub: Submission<EnrolmentRequest>): Promise<SubmitOutcome> {
    const { request, now } = sub;
    return this.write(async (tx) => {
      const earlier = await this.claimKey(tx, 'enrolments', sub);
      if (earlier) return earlier;
      const courseRow = await tx.selectFrom('courses').selectAll().where('id', '=', request.courseId).executeTakeFirst();
      if (!courseRow) return this.refuse(tx, 'enrolments', sub, { kind: 'closed' });
      const course = courseFromRow(courseRow);
      // Read under the session's lock: its seats are counted next, and nobody else's request can take one meanwhile.
      const sessionRow = request.sessionId ? await this.database.lockedSession(tx, request.sessionId) : undefined;
      if (request.sessionId && (!sessionRow || sessionRow.course_id !== course.id || !isOffered(sessionFromRow(sessionRow), now.getTime()))) {
        return this.refuse(tx, 'enrolments', sub, { kind: 'closed' });
      }
      const rules = { managerApproval: course.managerApproval, acceptance: course.acceptance ?? 'staff' };
      const status = await initialState(tx, rules, sessionRow);
      const at = now.toISOString();
      const receiptOf = (reference: string): Receipt => ({
        reference,
        status,
        courseId: course.id,
        ...(request.sessionId ? { sessionId: request.sessionId } : {}),
        createdAt: at,
      });
      const answer = async (kind: 'created' | 'repeat', receipt: Receipt): Promise<SubmitOutcome> => {
        await this.rememberKey(tx, 'enrolments', sub, receipt);
        return { kind, receipt };
      };
      if (sub.honeypot) return answer('created', receiptOf(newReference(now)));
      const live = await tx.selectFrom('enrolments').select('reference').where('dedupe_key', '=', enrolmentDedupeKey(request)).where('status', '<>', 'cancelled').executeTakeFirst();
      // A repeat is answered as a first request would be now, with the earlier
      // reference: the answer tells nothing of what this address asked before.
      if (live) return answer('repeat', receiptOf(live.reference));
      const wait = await this.overEmailLimit(tx, sub);
      if (wait !== undefined) return this.refuse(tx, 'enrolments', sub, { kind: 'rate_limited', retryAfter: wait });

      for (;;) {
        const reference = newReference(now);
        const row = await tx
          .insertInto('enrolments')
          .values(
            enrolmentRow(request, {
              reference,
              status,
              managerDecision: course.managerApproval ? 'requested' : null,
              at,
              idempotencyKey: sub.idempotencyKey,
            }),
          )
          .onConflict((oc) => oc.doNothing())
          .returningAll()
          .executeTakeFirst();
        if (row) {
          await created(this.lifecycle, tx, row, { kind: 'agent' }, { course: courseRow, session: sessionRow });
          return answer('created', receiptOf(reference));
        }
        // A twin committed meanwhile (PostgreSQL waits for it at the unique index): answer as a repeat.
        const twin = await tx
          .selectFrom('enrolments')
          .select('reference')
          .where('dedupe_key', '=', enrolmentDedupeKey(request))
          .where('status', '<>', 'cancelled')
          .executeTakeFirst();
        if (twin) return answer('repeat', receiptOf(twin.reference));
        // Otherwise the random reference was taken: draw another.
      }
    });
  }

  async submitTrainerApplication(sub: Submission<TrainerApplication>): Promise<SubmitOutcome> {
    const { request, now } = sub;
    const email = normaliseEmail(request.email);
    const contentHash = await applicationContentHash(request);
    return this.write(async (tx) => {
      const earlier = await this.claimKey(tx, 'trainer-applications', sub);
      if (earlier) return earlier;
      const at = now.toISOString();
      const answer = async (kind: 'created' | 'repeat', receipt: Receipt): Promise<SubmitOutcome> => {
        await this.rememberKey(tx, 'trainer-applications', sub, receipt);
        return { kind, receipt };
      };
      if (sub.honeypot) return answer('created', { reference: newReference(now), status: 'submitted', createdAt: at });

      await this.database.lockKey(tx, `trainer-application:${email}`);
      const repeat = await tx
        .selectFrom('trainer_applications')
        .select(['reference', 'created_at'])
        .where('email_norm', '=', email)
        .where('content_hash', '=', contentHash)
        .where('created_at', '>', new Date(now.getTime() - TRAINER_REPEAT_WINDOW_MS).toISOString())
        .where('erased_at', 'is', null)
        .orderBy('created_at')
        .executeTakeFirst();
      if (repeat) return answer('repeat', { reference: repeat.reference, status: 'submitted', createdAt: repeat.created_at });
      const wait = await this.overEmailLimit(tx, sub);
      if (wait !== undefined) return this.refuse(tx, 'trainer-applications', sub, { kind: 'rate_limited', retryAfter: wait });
      for (;;) {
        const reference = newReference(now);
        const row = await tx
          .insertInto('trainer_applications')
          .values(applicationRow(request, { reference, contentHash, at, idempotencyKey: sub.idempotencyKey }))
          .onConflict((oc) => oc.doNothing())
          .returning(['id', 'reference', 'doc'])
          .executeTakeFirst();
        if (!row) continue;
        await this.options.onApplication?.(tx, row);
        await audit(tx, now, { kind: 'agent' }, { entity: 'trainer_application', entityId: row.id, action: 'created', to: 'new' });
        return answer('created', { reference, status: 'submitted', createdAt: at });
      }
    });
  }

  async subscribe(sub: { courseId: string; email: string; locale: string; honeypot: boolean; now: Date }): Promise<void> {
    if (sub.honeypot) return;
    const emailNorm = normaliseEmail(sub.email);
    await this.write(async (tx) => {
      const course = await tx.selectFrom('courses').select('id').where('id', '=', sub.courseId).executeTakeFirst();
      if (!course) return;
      await this.database.lockKey(tx, `subscription:${emailNorm}`);
      const active = await tx
        .selectFrom('subscriptions')
        .selectAll()
        .where('email_norm', '=', emailNorm)
        .where('course_id', '=', sub.courseId)
        .where('unsubscribed_at', 'is', null)
        .executeTakeFirst();
      if (active?.confirmed_at) return;
      const row = active ?? {
        id: randomUUID(),
        course_id: sub.courseId,
        email: sub.email.trim(),
        email_norm: emailNorm,
        locale: sub.locale,
        confirmed_at: null,
        unsubscribed_at: null,
        created_at: sub.now.toISOString(),
        erased_at: null,
      };
      if (!active) await tx.insertInto('subscriptions').values(row).execute();
      await this.options.onSubscription?.(tx, row);
    });
  }

  async hitRateLimit(bucket: string, windowMs: number, now: Date): Promise<number> {
    return this.read(() => hit(this.db, bucket, windowMs, now));
  }

  /** The e-mail limit of a submission: undefined when within it, else the seconds to wait. */
  private async overEmailLimit(tx: Tx, sub: Submission<{ email: string }>): Promise<number | undefined> {
    const limit = sub.emailLimitPerHour ?? 0;
    if (limit <= 0) return undefined;
    const hits = await hit(tx, `email:${normaliseEmail(sub.request.email)}`, HOUR, sub.now);
    return hits > limit ? secondsLeft(HOUR, sub.now) : undefined;
  }

  async readiness(): Promise<Readiness> {
    try {
      await sql`select 1`.execute(this.db);
      const state = await migrationState(this.db as never, this.engine);
      if (state.pending.length) return { ok: false, reason: `migrations not applied: ${state.pending.join(', ')}` };
      return { ok: true };
    } catch {
      return { ok: false, reason: 'database unreachable' };
    }
  }

  close(): Promise<void> {
    return this.database.close();
  }
}
