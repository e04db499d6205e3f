/**
 * What the SQL store kept, shaped as the harness's `/test/records` answers it
 * (the request as validated, and the receipt), for browser and server tests.
 */
import type { SqlStorage } from '../../server/storage/sql-storage.js';
import { normaliseEmail } from '../../server/util.js';
import type { StoredRecord } from './memory-storage.js';

const drop = <T extends Record<string, unknown>>(o: T) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null && v !== undefined));

export async function sqlRecords(storage: SqlStorage, kind: StoredRecord['kind'], email?: string): Promise<StoredRecord[]> {
  const { db } = storage;
  if (kind === 'enrolments') {
    let query = db.selectFrom('enrolments').selectAll().orderBy('created_at').orderBy('reference');
    if (email) query = query.where('email_norm', '=', normaliseEmail(email));
    return (await query.execute()).map((r) => ({
      kind,
      request: drop({
        courseId: r.course_id,
        sessionId: r.session_id,
        givenName: r.given_name,
        familyName: r.family_name,
        email: r.email,
        organisation: r.organisation,
        jobTitle: r.job_title,
        managerEmail: r.manager_email,
        accommodation: r.accommodation,
        comment: r.comment,
        privacyNoticeVersion: r.privacy_notice_version,
        locale: r.locale,
      }),
      receipt: drop({ reference: r.reference, status: r.status, courseId: r.course_id, sessionId: r.session_id, createdAt: r.created_at }) as never,
      privacyNoticeVersion: r.privacy_notice_version,
      storedAt: r.created_at,
      ...(r.idempotency_key ? { idempotencyKey: r.idempotency_key } : {}),
    }));
  }
  let query = db.selectFrom('trainer_applications').selectAll().orderBy('created_at').orderBy('reference');
  if (email) query = query.where('email_norm', '=', normaliseEmail(email));
  return (await query.execute()).map((r) => {
    const request = JSON.parse(r.doc) as Record<string, unknown>;
    return {
      kind,
      request,
      receipt: { reference: r.reference, status: 'submitted', createdAt: r.created_at },
      privacyNoticeVersion: String(request.privacyNoticeVersion ?? ''),
      storedAt: r.created_at,
      ...(r.idempotency_key ? { idempotencyKey: r.idempotency_key } : {}),
    };
  });
}
