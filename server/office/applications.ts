/**
 * Trainer applications, for the campus role only: the list with filters
 * (skills, expertises, intent, region or online, availability, review state,
 * a search), one application with its notes and history, the campus's review
 * (`reviewState`, not the applicant's own `status`), and the CSV export.
 * Applications are few (hundreds): they are filtered in memory.
 */
import { Hono } from 'hono';
import type { Selectable } from 'kysely';
import { csvLine } from '../csv.js';
import { audit } from '../lifecycle.js';
import { enqueueTrainerMessage } from '../mail/outbox.js';
import type { TrainerApplicationsTable } from '../storage/schema.js';
import type { OfficeEnv } from './auth.js';
import { actorOf, conflict, Fields, historyOf, invalid, notFound, ok, onlyCampus, pageOf, query, readObject } from './common.js';
import type { OfficeContext } from './requests.js';
import { REVIEW_LABELS, REVIEW_STATES } from './vocabulary.js';

type ApplicationRow = Selectable<TrainerApplicationsTable>;

interface ApplicationDoc {
  givenName?: string;
  familyName?: string;
  email?: string;
  organisation?: string;
  jobTitle?: string;
  status?: string;
  skills?: string[];
  intent?: string;
  training?: { title?: string; summary?: string; modes?: string[]; duration?: string; audienceIds?: string[] };
  availability?: string;
  places?: string;
  remote?: boolean;
  links?: string[];
  erased?: boolean;
}

const NOTES_MAX = 5000;

function view(row: ApplicationRow) {
  const doc = JSON.parse(row.doc) as ApplicationDoc;
  return {
    id: row.id,
    reference: row.reference,
    reviewState: row.review_state,
    notes: row.notes,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: Number(row.version),
    erased: row.erased_at !== null,
    givenName: doc.givenName ?? '',
    familyName: doc.familyName ?? '',
    email: doc.email ?? '',
    organisation: doc.organisation ?? '',
    jobTitle: doc.jobTitle ?? '',
    status: doc.status ?? '',
    skills: doc.skills ?? [],
    intent: doc.intent ?? '',
    training: doc.training ?? null,
    availability: doc.availability ?? '',
    places: doc.places ?? '',
    remote: doc.remote === true,
    links: doc.links ?? [],
  };
}
type ApplicationView = ReturnType<typeof view>;

const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

function filtered(ctx: OfficeContext, rows: ApplicationRow[], params: URLSearchParams): ApplicationView[] {
  const expertiseIds = new Set(ctx.catalogue.current.expertises.map((e) => e.id));
  const skills = params.getAll('skill');
  const expertises = params.getAll('expertise');
  const intent = params.get('intent');
  const review = params.getAll('reviewState');
  const region = fold((params.get('region') ?? '').trim());
  const online = params.get('online');
  const availability = fold((params.get('availability') ?? '').trim());
  const q = fold((params.get('q') ?? '').trim());
  return rows
    .map(view)
    .filter((a) => {
      if (skills.length && !skills.every((s) => a.skills.includes(s) && !expertiseIds.has(s))) return false;
      if (expertises.length && !expertises.every((e) => a.skills.includes(e))) return false;
      if (intent && a.intent !== intent) return false;
      if (review.length && !review.includes(a.reviewState)) return false;
      if (online === 'yes' && !a.remote) return false;
      if (online === 'no' && a.remote) return false;
      if (region && !fold(a.places).includes(region)) return false;
      if (availability && !fold(a.availability).includes(availability)) return false;
      if (q && !fold(`${a.givenName} ${a.familyName} ${a.email} ${a.organisation} ${a.reference}`).includes(q)) return false;
      return true;
    });
}

export function applicationRoutes(ctx: OfficeContext): Hono<OfficeEnv> {
  const routes = new Hono<OfficeEnv>();
  // Trainer applications are the campus's alone: every route here is `onlyCampus`.

  const all = () => ctx.database.db.selectFrom('trainer_applications').selectAll().orderBy('created_at', 'desc').execute();

  routes.get('/applications', onlyCampus, async (c) => {
    const params = query(c);
    const list = filtered(ctx, await all(), params);
    const { page, pageSize } = pageOf(params);
    const counts: Record<string, number> = Object.fromEntries(REVIEW_STATES.map((s) => [s, 0]));
    for (const a of list) counts[a.reviewState] = (counts[a.reviewState] ?? 0) + 1;
    return ok({ items: list.slice((page - 1) * pageSize, page * pageSize), total: list.length, page, pageSize, counts });
  });

  routes.get('/applications.csv', onlyCampus, async (c) => {
    const params = query(c);
    const list = filtered(ctx, await all(), params);
    const v = ctx.catalogue.current.vocabularies;
    const label = (terms: { id: string; label: string }[] | undefined, id: string) => terms?.find((t) => t.id === id)?.label ?? id;
    const skillLabel = (id: string) => label([...(v.trainerSkills ?? []), ...ctx.catalogue.current.expertises], id);
    const lines = [
      '\uFEFF',
      csvLine(['Référence', 'Nom', 'Prénom', 'Courriel', 'Organisation', 'Fonction', 'Statut', 'Compétences', 'Intention', 'Formation proposée', 'Disponibilités', 'Lieux', 'À distance', 'Suivi', 'Reçue le']),
    ];
    for (const a of list) {
      lines.push(
        csvLine([
          a.reference,
          a.familyName,
          a.givenName,
          a.email,
          a.organisation,
          a.jobTitle,
          label(v.trainerStatuses, a.status),
          a.skills.map(skillLabel).join(', '),
          label(v.trainerIntents, a.intent),
          a.training?.title ?? '',
          a.availability,
          a.places,
          a.remote ? 'oui' : 'non',
          REVIEW_LABELS[a.reviewState as keyof typeof REVIEW_LABELS] ?? a.reviewState,
          a.createdAt.slice(0, 10),
        ]),
      );
    }
    const filters = [...new Set([...params.keys()].filter((k) => k !== 'page' && k !== 'pageSize'))].sort();
    await ctx.database.transaction((tx) =>
      audit(tx, ctx.now(), actorOf(c.get('member')), { entity: 'trainer_applications', entityId: 'list', action: 'exported', fields: ['applications.csv', ...filters] }),
    );
    return new Response(lines.join(''), {
      headers: {
        'Content-Type': 'text/csv; charset=utf-8; header=present',
        'Content-Disposition': 'attachment; filename="candidatures-formateurs.csv"',
        'Cache-Control': 'no-store',
      },
    });
  });

  const detail = async (id: string) => {
    const row = await ctx.database.db.selectFrom('trainer_applications').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) return undefined;
    return { ...view(row), history: (await historyOf(ctx.database.db, 'trainer_application', [id])).get(id) ?? [] };
  };

  routes.get('/applications/:id', onlyCampus, async (c) => {
    const found = await detail(c.req.param('id'));
    return found ? ok(found) : notFound();
  });

  /** The review state and the internal notes, over the version the staff member saw. */
  routes.patch('/applications/:id', onlyCampus, async (c) => {
    const id = c.req.param('id');
    const body = await readObject(c);
    if (body instanceof Response) return body;
    const f = new Fields(body);
    const version = f.version();
    const reviewState = f.oneOf('reviewState', REVIEW_STATES, false);
    const notes = f.has('notes') ? (f.text('notes', { max: NOTES_MAX, multiline: true }) ?? null) : undefined;
    if (f.errors.length) return invalid(f.errors);
    const at = ctx.now();
    const outcome = await ctx.database.transaction(async (tx) => {
      const row = await tx.selectFrom('trainer_applications').selectAll().where('id', '=', id).executeTakeFirst();
      if (!row) return 'not_found';
      const set: Partial<ApplicationRow> = {};
      if (reviewState && reviewState !== row.review_state) set.review_state = reviewState;
      if (notes !== undefined && notes !== row.notes) set.notes = notes;
      const fields = Object.keys(set);
      if (!fields.length) return Number(row.version) === version ? 'unchanged' : 'conflict';
      const result = await tx
        .updateTable('trainer_applications')
        .set({ ...set, updated_at: at.toISOString(), version: version! + 1 })
        .where('id', '=', id)
        .where('version', '=', version!)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1) return 'conflict';
      // The applicant hears the decision, once per decision (a decision changed later is sent again).
      if (set.review_state === 'accepted' || set.review_state === 'declined') {
        await enqueueTrainerMessage(tx, ctx.mail, row, set.review_state === 'accepted' ? 'trainer_accepted' : 'trainer_declined', at, version! + 1);
      }
      await audit(tx, at, actorOf(c.get('member')), {
        entity: 'trainer_application',
        entityId: id,
        action: 'reviewed',
        from: set.review_state ? row.review_state : null,
        to: set.review_state ?? null,
        fields,
      });
      return 'updated';
    });
    if (outcome === 'not_found') return notFound();
    if (outcome === 'conflict') return conflict(await detail(id));
    return ok(await detail(id));
  });

  return routes;
}
