/**
 * The catalogue's import into the store (`npm run seed`, and the first start
 * of an empty database), and the import of the submissions kept by the
 * earlier file-based server (`npm run seed -- --import-jsonl DIR`).
 *
 * The import upserts by id. It never overwrites a session edited in the
 * office, never deletes a session that has requests, and imports the seats a
 * seed session already had taken as `seatsReserved = capacity − seatsLeft`.
 */
import { createReadStream, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { Session } from '../src/api/schemas.js';
import type { CatalogueData } from './catalogue.js';
import { audit, SYSTEM } from './lifecycle.js';
import type { Database, Tx } from './storage/database.js';
import { applicationContentHash, applicationRow, courseToRow, enrolmentRow, sessionToRow } from './storage/rows.js';
import type { StoredCourse, StoredSession } from './storage/types.js';

export const DEFAULT_SEED_DIR = fileURLToPath(new URL('./data/', import.meta.url));
export const DEFAULT_MEDIA_DIR = join(DEFAULT_SEED_DIR, 'media');

const FILES = {
  expertises: 'expertises.json',
  audiences: 'audiences.json',
  organisations: 'organisations.json',
  courses: 'courses.json',
  sessions: 'sessions.json',
  privacyNotices: 'privacy-notices.json',
  synonyms: 'synonyms.json',
} as const;

const readJson = (path: string): unknown => JSON.parse(readFileSync(path, 'utf8'));

/** Reads the seed files (`{items: [...]}` each, vocabularies as one object). */
export function loadSeedFiles(dir: string = DEFAULT_SEED_DIR): CatalogueData {
  const items = (file: string): never[] => {
    const path = join(dir, file);
    if (!existsSync(path)) return [];
    return ((readJson(path) as { items?: never[] }).items ?? []) as never[];
  };
  const vocabPath = join(dir, 'vocabularies.json');
  return {
    expertises: items(FILES.expertises),
    audiences: items(FILES.audiences),
    organisations: items(FILES.organisations),
    courses: items(FILES.courses),
    sessions: items(FILES.sessions),
    privacyNotices: items(FILES.privacyNotices),
    synonyms: items(FILES.synonyms),
    vocabularies: (existsSync(vocabPath) ? readJson(vocabPath) : {}) as CatalogueData['vocabularies'],
  };
}

/** A seed session as stored: the seats it had taken become reserved seats. */
export function storedSession(s: Session | StoredSession): StoredSession {
  const { seatsLeft, ...rest } = s as Session & StoredSession;
  const reserved = rest.seatsReserved ?? (rest.capacity !== undefined && seatsLeft !== undefined ? Math.max(0, rest.capacity - seatsLeft) : 0);
  return { ...rest, seatsReserved: reserved };
}

export interface ImportSummary {
  courses: number;
  sessions: { inserted: number; updated: number; keptEdited: number; removed: number; keptWithRequests: number };
}

/** Bumps the catalogue's version: every instance rebuilds its index within seconds. */
export async function bumpCatalogue(tx: Tx, at: string): Promise<void> {
  const updated = await tx
    .updateTable('catalogue_state')
    .set((eb) => ({ version: eb('version', '+', 1), updated_at: at }))
    .where('id', '=', 1)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) === 0) {
    await tx.insertInto('catalogue_state').values({ id: 1, version: 1, updated_at: at }).onConflict((oc) => oc.doNothing()).execute();
  }
}

export async function importCatalogue(database: Database, data: CatalogueData, now: Date = new Date()): Promise<ImportSummary> {
  const at = now.toISOString();
  return database.transaction(async (tx) => {
    const summary: ImportSummary = { courses: 0, sessions: { inserted: 0, updated: 0, keptEdited: 0, removed: 0, keptWithRequests: 0 } };

    const reference: [string, unknown[]][] = [
      ['expertise', data.expertises],
      ['audience', data.audiences],
      ['privacy_notice', data.privacyNotices],
      ['vocabularies', [{ id: 'all', ...data.vocabularies }]],
      ['synonym', data.synonyms ?? []],
    ];
    for (const [kind, list] of reference) {
      const ids: string[] = [];
      for (const [position, item] of list.entries()) {
        const { id, ...rest } = item as { id: string };
        const doc = JSON.stringify(kind === 'vocabularies' ? rest : item);
        ids.push(id);
        await tx
          .insertInto('reference_items')
          .values({ kind: kind as never, id, position, doc })
          .onConflict((oc) => oc.columns(['kind', 'id']).doUpdateSet({ position, doc }))
          .execute();
      }
      let stale = tx.deleteFrom('reference_items').where('kind', '=', kind as never);
      if (ids.length) stale = stale.where('id', 'not in', ids);
      await stale.execute();
    }

    for (const [position, org] of data.organisations.entries()) {
      const doc = JSON.stringify(org);
      await tx
        .insertInto('organisations')
        .values({ id: org.id, position, doc, updated_at: at })
        .onConflict((oc) => oc.column('id').doUpdateSet({ position, doc, updated_at: at }))
        .execute();
    }

    const courseIds = new Set<string>();
    for (const [position, course] of (data.courses as StoredCourse[]).entries()) {
      if (courseIds.has(course.id)) continue;
      courseIds.add(course.id);
      const row = courseToRow(course, position, 'seed', at);
      const { id: _id, origin: _origin, ...update } = row;
      await tx.insertInto('courses').values(row).onConflict((oc) => oc.column('id').doUpdateSet(update)).execute();
      summary.courses++;
    }

    const existing = new Map(
      (await tx.selectFrom('sessions').select(['id', 'office_edited_at', 'origin', 'doc', 'status', 'capacity', 'seats_reserved', 'version']).execute()).map(
        (r) => [r.id, r],
      ),
    );
    const seedSessionIds = new Set<string>();
    for (const raw of data.sessions) {
      const session = storedSession(raw as Session);
      if (!courseIds.has(session.courseId) || seedSessionIds.has(session.id)) continue;
      seedSessionIds.add(session.id);
      const row = sessionToRow(session, 'seed', at);
      const before = existing.get(session.id);
      if (!before) {
        await tx.insertInto('sessions').values(row).execute();
        summary.sessions.inserted++;
        continue;
      }
      if (before.office_edited_at) {
        summary.sessions.keptEdited++;
        continue;
      }
      const changed =
        before.doc !== row.doc || before.status !== row.status || before.capacity !== row.capacity || Number(before.seats_reserved) !== row.seats_reserved;
      if (!changed) continue;
      await tx
        .updateTable('sessions')
        .set({
          course_id: row.course_id,
          status: row.status,
          capacity: row.capacity,
          seats_reserved: row.seats_reserved,
          start_at: row.start_at,
          doc: row.doc,
          updated_at: at,
          version: Number(before.version) + 1,
        })
        .where('id', '=', session.id)
        .execute();
      summary.sessions.updated++;
    }

    // What the seed no longer has: removed, unless staff made or edited it, or someone asked for it.
    const withRequests = new Set(
      (await tx.selectFrom('enrolments').select('session_id').distinct().where('session_id', 'is not', null).execute()).map((r) => r.session_id),
    );
    for (const [id, before] of existing) {
      if (seedSessionIds.has(id) || before.origin !== 'seed' || before.office_edited_at) continue;
      if (withRequests.has(id)) {
        summary.sessions.keptWithRequests++;
        continue;
      }
      await tx.deleteFrom('sessions').where('id', '=', id).execute();
      summary.sessions.removed++;
    }
    const staleCourses = await tx
      .selectFrom('courses')
      .select('id')
      .where('origin', '=', 'seed')
      .where('id', 'not in', courseIds.size ? [...courseIds] : [''])
      .where((eb) => eb.not(eb.exists(eb.selectFrom('sessions').select('id').whereRef('sessions.course_id', '=', 'courses.id'))))
      .where((eb) => eb.not(eb.exists(eb.selectFrom('enrolments').select('id').whereRef('enrolments.course_id', '=', 'courses.id'))))
      .execute();
    if (staleCourses.length) await tx.deleteFrom('courses').where('id', 'in', staleCourses.map((c) => c.id)).execute();

    await bumpCatalogue(tx, at);
    return summary;
  });
}

/** Whether the catalogue was never imported (a new database). */
export async function isCatalogueEmpty(database: Database): Promise<boolean> {
  const row = await database.db.selectFrom('catalogue_state').select('version').where('id', '=', 1).executeTakeFirst();
  return !row;
}

// ------------------------------------------------------ earlier submissions

/** A line of the file-based server's `enrolments.jsonl` / `trainer-applications.jsonl`. */
interface JsonlRecord {
  kind?: string;
  request?: Record<string, unknown>;
  receipt?: { reference?: string; status?: string; createdAt?: string; sessionId?: string; courseId?: string };
  storedAt?: string;
  privacyNoticeVersion?: string;
}

export interface JsonlSummary {
  imported: number;
  alreadyThere: number;
  unreadable: number;
}

const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v : null);

/**
 * Imports the submissions kept by the earlier server, read line by line (the
 * files may be large). A line cut short by a crash is counted and skipped; a
 * record already imported (same reference, or the same person and session) is left.
 */
export async function importJsonl(database: Database, dir: string): Promise<Record<string, JsonlSummary>> {
  const out: Record<string, JsonlSummary> = {};
  for (const kind of ['enrolments', 'trainer-applications'] as const) {
    const file = join(dir, `${kind}.jsonl`);
    const summary: JsonlSummary = { imported: 0, alreadyThere: 0, unreadable: 0 };
    out[kind] = summary;
    if (!existsSync(file)) continue;
    const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
    for await (const line of lines) {
      if (!line.trim()) continue;
      let record: JsonlRecord;
      try {
        record = JSON.parse(line) as JsonlRecord;
      } catch {
        summary.unreadable++;
        continue;
      }
      const imported = await database.transaction((tx) => (kind === 'enrolments' ? importEnrolment(tx, record) : importApplication(tx, record)));
      if (imported === undefined) summary.unreadable++;
      else if (imported) summary.imported++;
      else summary.alreadyThere++;
    }
  }
  return out;
}

async function importEnrolment(tx: Tx, record: JsonlRecord): Promise<boolean | undefined> {
  const r = record.request ?? {};
  const reference = str(record.receipt?.reference);
  const email = str(r.email);
  const courseId = str(r.courseId);
  const at = str(record.receipt?.createdAt) ?? str(record.storedAt);
  if (!reference || !email || !courseId || !at) return undefined;
  const optional = (v: unknown) => str(v) ?? undefined;
  const request = {
    courseId,
    sessionId: optional(r.sessionId),
    givenName: str(r.givenName) ?? '',
    familyName: str(r.familyName) ?? '',
    email,
    organisation: str(r.organisation) ?? '',
    jobTitle: optional(r.jobTitle),
    managerEmail: optional(r.managerEmail),
    accommodation: optional(r.accommodation),
    comment: optional(r.comment),
    locale: optional(r.locale),
    privacyNoticeVersion: str(record.privacyNoticeVersion) ?? str(r.privacyNoticeVersion) ?? '',
  };
  const status = str(record.receipt?.status) ?? 'submitted';
  const values = enrolmentRow(request, {
    reference,
    status,
    managerDecision: request.managerEmail ? 'requested' : null,
    at,
    idempotencyKey: str((record as { idempotencyKey?: unknown }).idempotencyKey),
  });
  const row = await tx.insertInto('enrolments').values(values).onConflict((oc) => oc.doNothing()).returning('id').executeTakeFirst();
  if (!row) return false;
  await audit(tx, new Date(), SYSTEM, { entity: 'enrolment', entityId: row.id, action: 'imported', to: status });
  return true;
}

async function importApplication(tx: Tx, record: JsonlRecord): Promise<boolean | undefined> {
  const r = record.request ?? {};
  const reference = str(record.receipt?.reference);
  const email = str(r.email);
  const at = str(record.receipt?.createdAt) ?? str(record.storedAt);
  if (!reference || !email || !at) return undefined;
  const request = { ...r, email };
  const values = applicationRow(request, {
    reference,
    contentHash: await applicationContentHash(request),
    at,
    idempotencyKey: str((record as { idempotencyKey?: unknown }).idempotencyKey),
  });
  const row = await tx.insertInto('trainer_applications').values(values).onConflict((oc) => oc.doNothing()).returning('id').executeTakeFirst();
  if (!row) return false;
  await audit(tx, new Date(), SYSTEM, { entity: 'trainer_application', entityId: row.id, action: 'imported', to: 'new' });
  return true;
}
