/**
 * Submissions, appended one JSON object per line to a file per kind in the
 * data directory, and read back at start so a restart loses nothing. Writes
 * are synchronous: between checking a request and recording it there is no
 * await, so two identical requests cannot both pass the checks.
 */
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const SUBMISSION_KINDS = ['enrolments', 'trainer-applications'] as const;
export type SubmissionKind = (typeof SUBMISSION_KINDS)[number];

export interface Receipt {
  reference: string;
  status: string;
  createdAt: string;
  courseId?: string;
  sessionId?: string;
}

export interface StoredRecord {
  kind: SubmissionKind;
  /** The validated request, honeypot left out. */
  request: Record<string, unknown>;
  receipt: Receipt;
  idempotencyKey?: string;
  /** Hash of the request body, to tell a replay from a key reused with another body. */
  bodyHash: string;
  privacyNoticeVersion: string;
  storedAt: string;
}

/** What an `Idempotency-Key` was answered with. */
export interface KeyedAnswer {
  bodyHash: string;
  receipt: Receipt;
}

/**
 * The identity of an enrolment for de-duplication: one person (e-mail, case
 * ignored) for one session, or for the course when no session was chosen.
 */
export function enrolmentDedupeKey(request: Record<string, unknown>): string {
  const email = String(request.email ?? '').trim().toLowerCase();
  return request.sessionId ? `${email}\u0000session:${request.sessionId}` : `${email}\u0000course:${request.courseId}`;
}

export class SubmissionStore {
  private readonly records = new Map<SubmissionKind, StoredRecord[]>();
  private readonly keys = new Map<string, KeyedAnswer>();
  private readonly enrolments = new Map<string, StoredRecord>();
  private readonly references = new Set<string>();

  constructor(readonly dataDir: string) {
    mkdirSync(dataDir, { recursive: true });
    for (const kind of SUBMISSION_KINDS) {
      this.records.set(kind, []);
      const path = this.file(kind);
      if (!existsSync(path)) continue;
      const content = readFileSync(path, 'utf8');
      // After a crash mid-write, start the next record on a line of its own.
      if (content && !content.endsWith('\n')) appendFileSync(path, '\n');
      for (const line of content.split('\n')) {
        if (!line.trim()) continue;
        try {
          this.index(JSON.parse(line) as StoredRecord);
        } catch {
          // A line cut short by a crash: the request was never answered with a receipt.
          console.warn(`store: unreadable line skipped in ${path}`);
        }
      }
    }
  }

  file(kind: SubmissionKind): string {
    return join(this.dataDir, `${kind}.jsonl`);
  }

  private index(record: StoredRecord): void {
    this.records.get(record.kind)?.push(record);
    this.references.add(record.receipt.reference);
    if (record.idempotencyKey) {
      this.keys.set(keyOf(record.kind, record.idempotencyKey), { bodyHash: record.bodyHash, receipt: record.receipt });
    }
    if (record.kind === 'enrolments') this.enrolments.set(enrolmentDedupeKey(record.request), record);
  }

  list(kind: SubmissionKind): readonly StoredRecord[] {
    return this.records.get(kind) ?? [];
  }

  answerFor(kind: SubmissionKind, idempotencyKey: string): KeyedAnswer | undefined {
    return this.keys.get(keyOf(kind, idempotencyKey));
  }

  /**
   * Remembers a key answered without storing a record (a repeat, a honeypot):
   * in memory only, since nothing of the request may be kept.
   */
  rememberKey(kind: SubmissionKind, idempotencyKey: string, answer: KeyedAnswer): void {
    this.keys.set(keyOf(kind, idempotencyKey), answer);
  }

  findEnrolment(request: Record<string, unknown>): StoredRecord | undefined {
    return this.enrolments.get(enrolmentDedupeKey(request));
  }

  isReferenceTaken(reference: string): boolean {
    return this.references.has(reference);
  }

  append(record: StoredRecord): void {
    appendFileSync(this.file(record.kind), `${JSON.stringify(record)}\n`, 'utf8');
    this.index(record);
  }
}

const keyOf = (kind: SubmissionKind, key: string) => `${kind}\u0000${key}`;
