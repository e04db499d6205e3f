/**
 * A `Storage` in memory, for the static Storybook (the routes run in the
 * browser there) and the hostile corpus: the same answers as the SQL store
 * for one page's life, with no durability and no concurrency to speak of.
 * Never used by the service itself.
 */
import type { EnrolmentRequest, TrainerApplication } from '../../src/api/schemas.js';
import { isFull } from '../../src/api/sessions.js';
import type { CatalogueData } from '../../server/catalogue.js';
import { holdsSeat, stateWithSeat } from '../../server/lifecycle.js';
import type { CatalogueRecords, Receipt, Readiness, Storage, StoredCourse, StoredSession, Submission, SubmitOutcome } from '../../server/storage/types.js';
import { enrolmentDedupeKey, hashOf, newReference, normaliseEmail, stableJson } from '../../server/util.js';

/** What a test reads back: the request as validated, and the receipt answered. */
export interface StoredRecord {
  kind: 'enrolments' | 'trainer-applications';
  request: Record<string, unknown>;
  receipt: Receipt;
  privacyNoticeVersion: string;
  storedAt: string;
  idempotencyKey?: string;
}

interface Enrolment extends StoredRecord {
  dedupeKey: string;
  status: string;
}

export class MemoryStorage implements Storage {
  readonly engine = 'memory';
  readonly #records: CatalogueRecords;
  readonly #enrolments: Enrolment[] = [];
  readonly #applications: (StoredRecord & { contentHash: string; email: string })[] = [];
  readonly #keys = new Map<string, { bodyHash: string; receipt: Receipt }>();
  readonly #hits = new Map<string, number>();

  constructor(data: CatalogueData) {
    const sessions = data.sessions.map((raw) => {
      const { seatsLeft, ...s } = raw as StoredSession & { seatsLeft?: number };
      const reserved = s.seatsReserved ?? (s.capacity !== undefined && seatsLeft !== undefined ? Math.max(0, s.capacity - seatsLeft) : 0);
      return { ...s, seatsReserved: reserved };
    });
    this.#records = { ...data, sessions, version: 1 };
  }

  async catalogueVersion(): Promise<number> {
    return this.#records.version;
  }

  async loadCatalogue(): Promise<CatalogueRecords> {
    return this.#records;
  }

  async seatsHeld(sessionIds: readonly string[]): Promise<Map<string, number>> {
    const held = new Map<string, number>();
    for (const e of this.#enrolments) {
      const id = e.receipt.sessionId;
      if (id && sessionIds.includes(id) && holdsSeat(e.status)) held.set(id, (held.get(id) ?? 0) + 1);
    }
    return held;
  }

  records(kind: StoredRecord['kind'], email?: string): StoredRecord[] {
    const list: StoredRecord[] = kind === 'enrolments' ? this.#enrolments : this.#applications;
    const wanted = email && normaliseEmail(email);
    return list
      .filter((r) => !wanted || normaliseEmail(String(r.request.email ?? '')) === wanted)
      .map(({ kind: k, request, receipt, privacyNoticeVersion, storedAt, idempotencyKey }) => ({
        kind: k,
        request,
        receipt,
        privacyNoticeVersion,
        storedAt,
        ...(idempotencyKey ? { idempotencyKey } : {}),
      }));
  }

  #replay(kind: string, sub: Submission<unknown>): SubmitOutcome | undefined {
    if (!sub.idempotencyKey) return undefined;
    const earlier = this.#keys.get(`${kind}\u0000${sub.idempotencyKey}`);
    if (!earlier) return undefined;
    return earlier.bodyHash === sub.bodyHash ? { kind: 'replayed', receipt: earlier.receipt } : { kind: 'key_reused' };
  }

  #remember(kind: string, sub: Submission<unknown>, outcome: { kind: 'created' | 'repeat'; receipt: Receipt }): SubmitOutcome {
    if (sub.idempotencyKey) this.#keys.set(`${kind}\u0000${sub.idempotencyKey}`, { bodyHash: sub.bodyHash, receipt: outcome.receipt });
    return outcome;
  }

  async submitEnrolment(sub: Submission<EnrolmentRequest>): Promise<SubmitOutcome> {
    const replay = this.#replay('enrolments', sub);
    if (replay) return replay;
    const { request, now } = sub;
    const course = this.#records.courses.find((c) => c.id === request.courseId) as StoredCourse | undefined;
    if (!course) return { kind: 'closed' };
    const session = request.sessionId ? this.#records.sessions.find((s) => s.id === request.sessionId) : undefined;
    let status: string = stateWithSeat({ managerApproval: course.managerApproval === true, acceptance: course.acceptance ?? 'staff' }, null);
    if (session) {
      const held = (await this.seatsHeld([session.id])).get(session.id) ?? 0;
      const noSeat = session.capacity !== undefined && (session.seatsReserved ?? 0) + held >= session.capacity;
      if (noSeat || isFull(session)) status = 'waitlisted';
    }
    const at = now.toISOString();
    const receiptOf = (reference: string): Receipt => ({
      reference,
      status,
      courseId: course.id,
      ...(request.sessionId ? { sessionId: request.sessionId } : {}),
      createdAt: at,
    });
    if (sub.honeypot) return this.#remember('enrolments', sub, { kind: 'created', receipt: receiptOf(newReference(now)) });
    const dedupeKey = enrolmentDedupeKey(request);
    const live = this.#enrolments.find((e) => e.dedupeKey === dedupeKey && e.status !== 'cancelled');
    if (live) return this.#remember('enrolments', sub, { kind: 'repeat', receipt: receiptOf(live.receipt.reference) });
    const limited = await this.#overEmailLimit(sub);
    if (limited) return limited;
    const receipt = receiptOf(newReference(now));
    this.#enrolments.push({
      kind: 'enrolments',
      request: { ...request },
      receipt,
      privacyNoticeVersion: request.privacyNoticeVersion,
      storedAt: at,
      ...(sub.idempotencyKey ? { idempotencyKey: sub.idempotencyKey } : {}),
      dedupeKey,
      status,
    });
    return this.#remember('enrolments', sub, { kind: 'created', receipt });
  }

  async submitTrainerApplication(sub: Submission<TrainerApplication>): Promise<SubmitOutcome> {
    const replay = this.#replay('trainer-applications', sub);
    if (replay) return replay;
    const { request, now } = sub;
    const at = now.toISOString();
    if (sub.honeypot) {
      return this.#remember('trainer-applications', sub, { kind: 'created', receipt: { reference: newReference(now), status: 'submitted', createdAt: at } });
    }
    const email = normaliseEmail(request.email);
    const { locale: _locale, ...content } = request;
    const contentHash = await hashOf(stableJson({ ...content, email }));
    const dayAgo = new Date(now.getTime() - 24 * 3600 * 1000).toISOString();
    const repeat = this.#applications.find((a) => a.email === email && a.contentHash === contentHash && a.storedAt > dayAgo);
    if (repeat) return this.#remember('trainer-applications', sub, { kind: 'repeat', receipt: repeat.receipt });
    const limited = await this.#overEmailLimit(sub);
    if (limited) return limited;
    const receipt: Receipt = { reference: newReference(now), status: 'submitted', createdAt: at };
    this.#applications.push({
      kind: 'trainer-applications',
      request: { ...request },
      receipt,
      privacyNoticeVersion: request.privacyNoticeVersion,
      storedAt: at,
      contentHash,
      email,
    });
    return this.#remember('trainer-applications', sub, { kind: 'created', receipt });
  }

  readonly subscriptions: { courseId: string; email: string; locale: string }[] = [];

  async subscribe(sub: { courseId: string; email: string; locale: string; honeypot: boolean }): Promise<void> {
    if (!sub.honeypot) this.subscriptions.push({ courseId: sub.courseId, email: normaliseEmail(sub.email), locale: sub.locale });
  }

  async hitRateLimit(bucket: string, windowMs: number, now: Date): Promise<number> {
    const key = `${bucket}\n${Math.floor(now.getTime() / windowMs)}`;
    const hits = (this.#hits.get(key) ?? 0) + 1;
    this.#hits.set(key, hits);
    return hits;
  }

  async #overEmailLimit(sub: Submission<{ email: string }>): Promise<SubmitOutcome | undefined> {
    const limit = sub.emailLimitPerHour ?? 0;
    if (limit <= 0) return undefined;
    const hour = 3600_000;
    const hits = await this.hitRateLimit(`email:${normaliseEmail(sub.request.email)}`, hour, sub.now);
    return hits > limit ? { kind: 'rate_limited', retryAfter: (hour - (sub.now.getTime() % hour)) / 1000 } : undefined;
  }

  async readiness(): Promise<Readiness> {
    return { ok: true };
  }

  async close(): Promise<void> {}
}
