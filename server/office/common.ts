/**
 * What every office route shares: private JSON answers (never cached), the
 * body reader with field checks, the staff member as the lifecycle's actor,
 * and the audit history of a record with who did what.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { textProblem } from '../../src/api/validate.js';
import { JSON_TYPE, problem, readJson } from '../http.js';
import { TransitionError, type Actor } from '../lifecycle.js';
import type { Runner } from '../storage/database.js';
import type { StaffMember } from './staff.js';

export const PRIVATE = 'no-store';

/** A JSON answer with personal data: never stored by a browser or a proxy. */
export function ok(value: unknown, status = 200): Response {
  return new Response(JSON.stringify(value), { status, headers: { 'Content-Type': JSON_TYPE, 'Cache-Control': PRIVATE } });
}

export const actorOf = (member: StaffMember): Actor => ({ kind: 'staff', id: member.id });

export const notFound = () => problem(404, { detail: 'Introuvable, ou hors de votre périmètre.' });
export const campusOnly = () => problem(403, { type: 'forbidden', detail: 'Réservé à l’équipe du campus.' });

/** On each route of the campus alone: an organisation member gets 403. */
export const onlyCampus: MiddlewareHandler<{ Variables: { member: StaffMember } }> = async (c, next) =>
  c.get('member').role === 'campus' ? next() : campusOnly();

export interface FieldProblem {
  field: string;
  code: string;
  message: string;
}

export const invalid = (errors: FieldProblem[], detail = 'Certains champs sont à corriger.') =>
  problem(422, { type: 'validation', detail, errors });

/** The JSON object of a request's body, or the problem answering why not. */
export async function readObject(c: Context): Promise<Record<string, unknown> | Response> {
  const read = await readJson(c);
  if (read instanceof Response) return read;
  if (!read.body || typeof read.body !== 'object' || Array.isArray(read.body)) {
    return problem(400, { type: 'not-an-object', detail: 'Le corps de la requête doit être un objet JSON.' });
  }
  return read.body as Record<string, unknown>;
}

/** Field checks that collect every problem before answering. */
export class Fields {
  readonly errors: FieldProblem[] = [];

  constructor(private readonly body: Record<string, unknown>) {}

  fail(field: string, code: string, message: string): undefined {
    if (!this.errors.some((e) => e.field === field)) this.errors.push({ field, code, message });
    return undefined;
  }

  has(field: string): boolean {
    return this.body[field] !== undefined;
  }

  text(field: string, options: { required?: boolean; max: number; multiline?: boolean }): string | undefined {
    const v = this.body[field];
    if (v === undefined || v === null || (typeof v === 'string' && v.trim() === '')) {
      return options.required ? this.fail(field, 'required', 'Ce champ est obligatoire.') : undefined;
    }
    if (typeof v !== 'string') return this.fail(field, 'type', 'Un texte est attendu.');
    const value = v.trim();
    if (value.length > options.max) return this.fail(field, 'too_long', `${options.max} caractères au plus.`);
    if (textProblem(value, options.multiline)) return this.fail(field, 'control_characters', 'Ce texte contient des caractères interdits.');
    return value;
  }

  int(field: string, options: { required?: boolean; min: number; max: number }): number | undefined {
    const v = this.body[field];
    if (v === undefined || v === null) return options.required ? this.fail(field, 'required', 'Ce champ est obligatoire.') : undefined;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < options.min || v > options.max) {
      return this.fail(field, 'range', `Un nombre entier de ${options.min} à ${options.max} est attendu.`);
    }
    return v;
  }

  bool(field: string): boolean | undefined {
    const v = this.body[field];
    if (v === undefined) return undefined;
    if (typeof v !== 'boolean') return this.fail(field, 'type', 'Vrai ou faux est attendu.');
    return v;
  }

  oneOf<T extends string>(field: string, values: readonly T[], required = true): T | undefined {
    const v = this.body[field];
    if (v === undefined || v === null) return required ? this.fail(field, 'required', 'Ce champ est obligatoire.') : undefined;
    if (typeof v !== 'string' || !(values as readonly string[]).includes(v)) return this.fail(field, 'unknown_value', 'Valeur inconnue.');
    return v as T;
  }

  /** The version of the record the staff member saw: a change made since then is a conflict. */
  version(): number | undefined {
    return this.int('version', { required: true, min: 1, max: Number.MAX_SAFE_INTEGER });
  }
}

/** A version seen by the client, against the stored one: 409 with the fresh state when they differ. */
export function conflict(current: unknown, detail = 'Quelqu’un a modifié cet enregistrement entre-temps : voici son état actuel.'): Response {
  const body = {
    type: 'urn:campus-numerique:problem:conflict',
    title: 'Conflit',
    status: 409,
    detail,
    current,
  };
  return new Response(JSON.stringify(body), { status: 409, headers: { 'Content-Type': 'application/problem+json; charset=utf-8', 'Cache-Control': PRIVATE } });
}

/** How a refused status change is answered (a conflict carries the fresh state). */
export function transitionProblem(error: TransitionError, fresh: () => Promise<unknown>): Promise<Response> | Response {
  switch (error.code) {
    case 'conflict':
      return fresh().then((current) => conflict(current));
    case 'no_seat':
      return fresh().then((current) => conflict(current, 'Il n’y a plus de place dans cette session.'));
    case 'not_found':
      return notFound();
    case 'unconfirmed':
      return problem(422, {
        type: 'unconfirmed',
        detail: 'La personne n’a pas encore confirmé sa demande (par le lien de son accusé de réception) : on ne peut que l’annuler.',
      });
    default:
      return problem(422, { type: 'not-allowed', detail: 'Ce changement n’est pas possible depuis l’état actuel de la demande.' });
  }
}

export interface HistoryEntry {
  at: string;
  action: string;
  from: string | null;
  to: string | null;
  fields: string[];
  actor: { kind: string; id: string | null; name: string | null };
}

/** The audit entries of records, oldest first, with the staff member's name for staff actions. */
export async function historyOf(db: Runner, entity: string, ids: string[]): Promise<Map<string, HistoryEntry[]>> {
  const out = new Map<string, HistoryEntry[]>();
  if (!ids.length) return out;
  const rows = await db
    .selectFrom('audit_log')
    .leftJoin('office_staff', 'office_staff.id', 'audit_log.actor_id')
    .select([
      'audit_log.entity_id',
      'audit_log.at',
      'audit_log.action',
      'audit_log.from_state',
      'audit_log.to_state',
      'audit_log.fields',
      'audit_log.actor_kind',
      'audit_log.actor_id',
      'office_staff.display_name',
      'office_staff.email',
    ])
    .where('audit_log.entity', '=', entity)
    .where('audit_log.entity_id', 'in', ids)
    .orderBy('audit_log.at')
    .orderBy('audit_log.id')
    .execute();
  for (const r of rows) {
    const list = out.get(r.entity_id) ?? [];
    list.push({
      at: r.at,
      action: r.action,
      from: r.from_state,
      to: r.to_state,
      fields: r.fields ? (JSON.parse(r.fields) as string[]) : [],
      actor: { kind: r.actor_kind, id: r.actor_id, name: r.display_name ?? r.email ?? null },
    });
    out.set(r.entity_id, list);
  }
  return out;
}

/** A `LIKE` pattern that finds `text` anywhere (its `%`, `_` and `\` taken literally). */
export const containsPattern = (text: string) => `%${text.toLowerCase().replace(/[\\%_]/g, '\\$&')}%`;

/** Query parameters, read once. */
export function query(c: Context): URLSearchParams {
  return new URL(c.req.url).searchParams;
}

export function pageOf(params: URLSearchParams, fallbackSize = 25): { page: number; pageSize: number } {
  const page = Math.max(1, Math.min(10_000, Number.parseInt(params.get('page') ?? '1', 10) || 1));
  const pageSize = Math.max(1, Math.min(100, Number.parseInt(params.get('pageSize') ?? String(fallbackSize), 10) || fallbackSize));
  return { page, pageSize };
}

/** A `YYYY-MM-DD` day as the start of that day in Paris (ISO), or undefined. */
export function dayStart(value: string | null): string | undefined {
  if (!value || !/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(value))) return undefined;
  return value;
}

/** A write refused by a unique index (two live requests of one person for one session…). */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | undefined)?.code;
  return code === '23505' || (typeof code === 'string' && code.startsWith('SQLITE_CONSTRAINT_UNIQUE'));
}
