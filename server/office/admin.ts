/**
 * The rest of the office: who is signed in (`/me`), the courses and
 * organisations a member works with, the "Équipe" page (the campus grants and
 * removes organisation staff), the organisations' notification addresses
 * (server side only, never in the public API), a person's rights (export,
 * rectification, erasure: part 2's functions) and the audit log with its export.
 */
import { Hono } from 'hono';
import * as z from 'zod/mini';
import { csvLine } from '../csv.js';
import { erasePerson, exportPerson, rectify, RECTIFIABLE, RectifyError } from '../gdpr.js';
import { problem } from '../http.js';
import { audit } from '../lifecycle.js';
import { courseFromRow } from '../storage/rows.js';
import { normaliseEmail } from '../util.js';
import type { OfficeEnv } from './auth.js';
import { actorOf, Fields, invalid, notFound, ok, onlyCampus, pageOf, query, readObject } from './common.js';
import { scopeOf, type OfficeContext } from './requests.js';
import { addStaff, listStaff, removeStaff, StaffError } from './staff.js';

const Email = z.email();
const MAX_NOTIFICATION_EMAILS = 20;

export function adminRoutes(ctx: OfficeContext): Hono<OfficeEnv> {
  const routes = new Hono<OfficeEnv>();

  routes.get('/me', (c) => {
    const session = c.get('session');
    const member = c.get('member');
    const organisation = member.organisationId ? ctx.catalogue.current.organisations.find((o) => o.id === member.organisationId) : undefined;
    return ok({
      member: { ...member, organisationName: organisation?.name ?? member.organisationId },
      csrfToken: session.csrfToken,
      expiresAt: session.expiresAt,
    });
  });

  /** The courses a member works with (theirs, or all), with their sessions, for filters and forms. */
  routes.get('/courses', async (c) => {
    const scope = scopeOf(c.get('member'));
    const rows = await ctx.database.db
      .selectFrom('courses')
      .selectAll()
      .$if(scope !== undefined, (q) => q.where('provider_id', '=', scope!))
      .orderBy('position')
      .execute();
    const sessions = rows.length
      ? await ctx.database.db
          .selectFrom('sessions')
          .select(['id', 'course_id', 'start_at', 'status'])
          .where(
            'course_id',
            'in',
            rows.map((r) => r.id),
          )
          .orderBy('start_at')
          .execute()
      : [];
    const items = rows.map((row) => {
      const course = courseFromRow(row);
      return {
        id: course.id,
        title: course.title,
        providerId: course.providerId,
        enrolmentMode: course.enrolment.mode,
        managerApproval: course.managerApproval,
        sessions: sessions.filter((s) => s.course_id === course.id).map((s) => ({ id: s.id, start: s.start_at, status: s.status })),
      };
    });
    return ok({ items, modes: ctx.catalogue.current.vocabularies.modes });
  });

  /** Organisations: all for the campus (with their notification addresses), one's own for a partner. */
  routes.get('/organisations', async (c) => {
    const member = c.get('member');
    const rows = await ctx.database.db
      .selectFrom('organisations')
      .select(['id', 'doc', 'notification_emails'])
      .$if(member.role !== 'campus', (q) => q.where('id', '=', member.organisationId ?? '\u0000'))
      .orderBy('position')
      .execute();
    return ok({
      items: rows.map((r) => {
        const doc = JSON.parse(r.doc) as { name?: string; shortName?: string };
        return { id: r.id, name: doc.name ?? r.id, shortName: doc.shortName ?? null, notificationEmails: r.notification_emails ? (JSON.parse(r.notification_emails) as string[]) : [] };
      }),
    });
  });

  routes.put('/organisations/:id/notification-emails', onlyCampus, async (c) => {
    const id = c.req.param('id');
    const body = await readObject(c);
    if (body instanceof Response) return body;
    const list = body.emails;
    if (!Array.isArray(list) || list.length > MAX_NOTIFICATION_EMAILS || !list.every((e) => typeof e === 'string')) {
      return invalid([{ field: 'emails', code: 'invalid', message: `Une liste de ${MAX_NOTIFICATION_EMAILS} adresses au plus est attendue.` }]);
    }
    const emails = [...new Set((list as string[]).map((e) => normaliseEmail(e)).filter(Boolean))];
    const bad = emails.findIndex((e) => !Email.safeParse(e).success || e.length > 254);
    if (bad >= 0) return invalid([{ field: `emails.${bad}`, code: 'invalid_email', message: 'Adresse électronique invalide.' }]);
    const at = ctx.now();
    const updated = await ctx.database.transaction(async (tx) => {
      const result = await tx
        .updateTable('organisations')
        .set({ notification_emails: JSON.stringify(emails) })
        .where('id', '=', id)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1) return false;
      await audit(tx, at, actorOf(c.get('member')), { entity: 'organisation', entityId: id, action: 'updated', fields: ['notification_emails'] });
      return true;
    });
    return updated ? ok({ id, notificationEmails: emails }) : notFound();
  });

  // ---------------------------------------------------------------- Équipe
  routes.get('/staff', onlyCampus, async () => {
    const rows = await listStaff(ctx.database.db);
    return ok({
      items: rows.map((r) => ({
        id: r.id,
        email: r.email,
        name: r.display_name,
        role: r.role,
        organisationId: r.organisation_id,
        createdAt: r.created_at,
        boundAt: r.bound_at,
        lastSignInAt: r.last_sign_in_at,
      })),
    });
  });

  /** Grants access to a partner organisation's staff member; campus grants are made with `npm run staff`. */
  routes.post('/staff', onlyCampus, async (c) => {
    const body = await readObject(c);
    if (body instanceof Response) return body;
    const f = new Fields(body);
    const email = f.text('email', { required: true, max: 254 });
    const organisationId = f.text('organisationId', { required: true, max: 100 });
    if (f.errors.length) return invalid(f.errors);
    try {
      const row = await addStaff(ctx.database, { email: email!, role: 'organisation', organisationId }, actorOf(c.get('member')), ctx.now());
      return ok({ id: row.id, email: row.email, role: row.role, organisationId: row.organisation_id }, 201);
    } catch (error) {
      if (!(error instanceof StaffError)) throw error;
      const field = error.code === 'unknown_organisation' ? 'organisationId' : 'email';
      if (error.code === 'exists') return problem(409, { type: 'exists', detail: 'Cette adresse a déjà un accès.' });
      return invalid([{ field, code: error.code, message: error.message }]);
    }
  });

  routes.delete('/staff/:id', onlyCampus, async (c) => {
    try {
      await removeStaff(ctx.database, c.req.param('id'), actorOf(c.get('member')), ctx.now(), async (row) => {
        if (row.role === 'campus') throw new StaffError('self', 'Les accès de l’équipe du campus se retirent en ligne de commande (npm run staff -- remove).');
      });
      return ok({ removed: true });
    } catch (error) {
      if (!(error instanceof StaffError)) throw error;
      if (error.code === 'not_found') return notFound();
      return problem(422, { type: 'not-allowed', detail: error.message });
    }
  });

  // ------------------------------------------------------- a person's rights
  const personEmail = (body: Record<string, unknown>) => {
    const f = new Fields(body);
    const email = f.text('email', { required: true, max: 254 });
    if (email && !Email.safeParse(email).success) f.fail('email', 'invalid_email', 'Adresse électronique invalide.');
    return { email, f };
  };

  routes.post('/persons/export', onlyCampus, async (c) => {
    const body = await readObject(c);
    if (body instanceof Response) return body;
    const { email, f } = personEmail(body);
    if (f.errors.length) return invalid(f.errors);
    return ok(await exportPerson(ctx.database, email!, actorOf(c.get('member')), ctx.now()));
  });

  routes.post('/persons/rectify', onlyCampus, async (c) => {
    const body = await readObject(c);
    if (body instanceof Response) return body;
    const { email, f } = personEmail(body);
    const field = f.oneOf('field', Object.keys(RECTIFIABLE));
    const value = typeof body.value === 'string' ? body.value : f.fail('value', 'required', 'Ce champ est obligatoire.');
    if (f.errors.length) return invalid(f.errors);
    try {
      const changed = await rectify(ctx.database, email!, field!, value!, actorOf(c.get('member')), ctx.now());
      return ok({ changed });
    } catch (error) {
      if (error instanceof RectifyError) return invalid([{ field: 'value', code: 'invalid', message: error.message }]);
      throw error;
    }
  });

  routes.post('/persons/erase', onlyCampus, async (c) => {
    const body = await readObject(c);
    if (body instanceof Response) return body;
    const { email, f } = personEmail(body);
    // Typed twice: erasure cannot be undone.
    if (email && (typeof body.confirm !== 'string' || normaliseEmail(body.confirm) !== normaliseEmail(email))) {
      f.fail('confirm', 'mismatch', 'Recopiez l’adresse pour confirmer l’effacement.');
    }
    if (f.errors.length) return invalid(f.errors);
    return ok(await erasePerson(ctx.database, email!, actorOf(c.get('member')), ctx.now()));
  });

  // --------------------------------------------------------------- audit log
  const auditQuery = (params: URLSearchParams) => {
    const entity = params.get('entity');
    const entityId = params.get('entityId');
    const actor = params.get('actor');
    const action = params.get('action');
    const from = params.get('from');
    const to = params.get('to');
    const day = (v: string | null) => (v && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : undefined);
    return ctx.database.db
      .selectFrom('audit_log')
      .leftJoin('office_staff', 'office_staff.id', 'audit_log.actor_id')
      .selectAll('audit_log')
      .select(['office_staff.display_name', 'office_staff.email'])
      .$if(!!entity, (q) => q.where('audit_log.entity', '=', entity!))
      .$if(!!entityId, (q) => q.where('audit_log.entity_id', '=', entityId!))
      .$if(!!actor, (q) => q.where('audit_log.actor_id', '=', actor!))
      .$if(!!action, (q) => q.where('audit_log.action', '=', action!))
      .$if(!!day(from), (q) => q.where('audit_log.at', '>=', day(from)!))
      .$if(!!day(to), (q) => q.where('audit_log.at', '<', `${day(to)!}T99`));
  };
  const entry = (r: Awaited<ReturnType<ReturnType<typeof auditQuery>['execute']>>[number]) => ({
    id: Number(r.id),
    at: r.at,
    actor: { kind: r.actor_kind, id: r.actor_id, name: r.display_name ?? r.email ?? null },
    entity: r.entity,
    entityId: r.entity_id,
    action: r.action,
    from: r.from_state,
    to: r.to_state,
    fields: r.fields ? (JSON.parse(r.fields) as string[]) : [],
  });

  routes.get('/audit', onlyCampus, async (c) => {
    const params = query(c);
    const { page, pageSize } = pageOf(params, 50);
    const total = Number(
      (await auditQuery(params).clearSelect().select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n,
    );
    const rows = await auditQuery(params).orderBy('audit_log.id', 'desc').limit(pageSize).offset((page - 1) * pageSize).execute();
    return ok({ items: rows.map(entry), total, page, pageSize });
  });

  routes.get('/audit.csv', onlyCampus, async (c) => {
    const params = query(c);
    const rows = await auditQuery(params).orderBy('audit_log.id').limit(100_000).execute();
    const lines = ['\uFEFF', csvLine(['Quand', 'Qui (type)', 'Qui', 'Objet', 'Identifiant', 'Action', 'De', 'Vers', 'Champs'])];
    for (const r of rows.map(entry)) {
      lines.push(csvLine([r.at, r.actor.kind, r.actor.name ?? r.actor.id ?? '', r.entity, r.entityId, r.action, r.from ?? '', r.to ?? '', r.fields.join(', ')]));
    }
    const filters = [...new Set([...params.keys()])].sort();
    await ctx.database.transaction((tx) => audit(tx, ctx.now(), actorOf(c.get('member')), { entity: 'audit_log', entityId: 'list', action: 'exported', fields: ['audit.csv', ...filters] }));
    return new Response(lines.join(''), {
      headers: { 'Content-Type': 'text/csv; charset=utf-8; header=present', 'Content-Disposition': 'attachment; filename="journal-bureau.csv"', 'Cache-Control': 'no-store' },
    });
  });

  return routes;
}
