/**
 * Catalogue records to rows and back: the contract's shape lives in `doc`,
 * the fields that queries and invariants read live in columns.
 */
import type { Insertable, Selectable } from 'kysely';
import { randomUUID } from 'node:crypto';
import type { EnrolmentRequest } from '../../src/api/schemas.js';
import { enrolmentDedupeKey, hashOf, normaliseEmail, stableJson } from '../util.js';
import type { CoursesTable, EnrolmentsTable, SessionsTable, TrainerApplicationsTable } from './schema.js';
import type { StoredCourse, StoredSession } from './types.js';

export function courseFromRow(row: Selectable<CoursesTable>): StoredCourse {
  return { ...(JSON.parse(row.doc) as StoredCourse), acceptance: row.acceptance === 'auto' ? 'auto' : 'staff' };
}

export function courseToRow(course: StoredCourse, position: number, origin: string, at: string): Insertable<CoursesTable> {
  const { acceptance, nextSession: _next, ...doc } = course;
  return {
    id: course.id,
    position,
    provider_id: course.providerId,
    acceptance: acceptance ?? 'staff',
    origin,
    doc: JSON.stringify(doc),
    updated_at: at,
  };
}

export function sessionFromRow(row: Selectable<SessionsTable>): StoredSession {
  const doc = JSON.parse(row.doc) as Omit<StoredSession, 'id' | 'courseId' | 'status' | 'capacity'>;
  return {
    ...doc,
    id: row.id,
    courseId: row.course_id,
    status: row.status,
    ...(row.capacity !== null ? { capacity: Number(row.capacity) } : {}),
    seatsReserved: Number(row.seats_reserved),
    autoPromote: Number(row.auto_promote) === 1,
    version: Number(row.version),
  };
}

export function sessionToRow(session: StoredSession, origin: string, at: string): Insertable<SessionsTable> {
  const { id, courseId, status, capacity, seatsReserved, autoPromote, version: _version, ...doc } = session;
  delete (doc as { seatsLeft?: unknown }).seatsLeft;
  return {
    id,
    course_id: courseId,
    status,
    capacity: capacity ?? null,
    seats_reserved: seatsReserved ?? 0,
    auto_promote: autoPromote === false ? 0 : 1,
    version: 1,
    start_at: new Date(session.slots[0].start).toISOString(),
    origin,
    office_edited_at: null,
    doc: JSON.stringify(doc),
    updated_at: at,
  };
}

/** A new request's row: what the person sent, its first status, and every other column at its start. */
export function enrolmentRow(
  request: EnrolmentRequest,
  init: { reference: string; status: string; managerDecision: string | null; at: string; idempotencyKey?: string | null },
): Insertable<EnrolmentsTable> {
  return {
    id: randomUUID(),
    reference: init.reference,
    course_id: request.courseId,
    session_id: request.sessionId ?? null,
    status: init.status,
    manager_decision: init.managerDecision,
    dedupe_key: enrolmentDedupeKey(request),
    email_norm: normaliseEmail(request.email),
    given_name: request.givenName,
    family_name: request.familyName,
    email: request.email,
    organisation: request.organisation,
    job_title: request.jobTitle ?? null,
    manager_email: request.managerEmail ?? null,
    accommodation: request.accommodation ?? null,
    comment: request.comment ?? null,
    locale: request.locale ?? null,
    privacy_notice_version: request.privacyNoticeVersion,
    idempotency_key: init.idempotencyKey ?? null,
    created_at: init.at,
    updated_at: init.at,
    status_changed_at: init.at,
    version: 1,
    cancelled_by: null,
    reason: null,
    attendance: null,
    erased_at: null,
  };
}

/** What makes two applications the same: their content, whatever the language of the form. */
export function applicationContentHash(request: { email: string } & Record<string, unknown>): Promise<string> {
  const { locale: _locale, ...content } = request;
  return hashOf(stableJson({ ...content, email: normaliseEmail(request.email) }));
}

/** A new trainer application's row. */
export function applicationRow(
  request: { email: string } & Record<string, unknown>,
  init: { reference: string; contentHash: string; at: string; idempotencyKey?: string | null },
): Insertable<TrainerApplicationsTable> {
  return {
    id: randomUUID(),
    reference: init.reference,
    email_norm: normaliseEmail(request.email),
    content_hash: init.contentHash,
    doc: JSON.stringify(request),
    idempotency_key: init.idempotencyKey ?? null,
    review_state: 'new',
    notes: null,
    created_at: init.at,
    updated_at: init.at,
    version: 1,
    erased_at: null,
  };
}
