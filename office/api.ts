/**
 * The office's one client of its private API (`/office/api/…`, same origin,
 * session cookie): JSON in and out, the session's CSRF token on every change,
 * problems (RFC 9457) as `ApiError`, and a signed-out event when the session
 * has ended, so the application shows the sign-in page again.
 */

export interface Problem {
  type?: string;
  title?: string;
  status: number;
  detail?: string;
  errors?: { field: string; code: string; message: string }[];
  /** A conflict's fresh state. */
  current?: unknown;
}

export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail ?? problem.title ?? `HTTP ${problem.status}`);
  }

  get status(): number {
    return this.problem.status;
  }

  /** The message for a field, from the server's own wording. */
  fieldMessage(field: string): string | undefined {
    return this.problem.errors?.find((e) => e.field === field)?.message;
  }
}

export const SIGNED_OUT_EVENT = 'office-signed-out';

let csrfToken = '';

export function setCsrfToken(token: string): void {
  csrfToken = token;
}

const BASE = '/office/api';

async function problemOf(response: Response): Promise<Problem> {
  try {
    const body = (await response.json()) as Problem;
    return { ...body, status: response.status };
  } catch {
    return { status: response.status, detail: response.status >= 500 ? 'Le service ne répond pas correctement. Réessayez dans un moment.' : undefined };
  }
}

async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (method !== 'GET') headers['X-CSRF-Token'] = csrfToken;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(BASE + path, { method, headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body) });
  } catch {
    throw new ApiError({ status: 0, detail: 'Le service est injoignable : vérifiez votre connexion, puis réessayez.' });
  }
  if (response.status === 401) {
    window.dispatchEvent(new CustomEvent(SIGNED_OUT_EVENT));
    throw new ApiError(await problemOf(response));
  }
  if (!response.ok) throw new ApiError(await problemOf(response));
  return (await response.json()) as T;
}

export const api = {
  get: <T>(path: string) => request<T>('GET', path),
  post: <T>(path: string, body: unknown = {}) => request<T>('POST', path, body),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, body),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, body),
  delete: <T>(path: string) => request<T>('DELETE', path),
};

/** A query string from filters, leaving out empty values. */
export function queryString(params: Record<string, string | string[] | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    for (const v of Array.isArray(value) ? value : [value]) if (v) search.append(key, v);
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

// ---------------------------------------------------------------- types

export interface Member {
  id: string;
  email: string;
  name: string;
  role: 'campus' | 'organisation';
  organisationId: string | null;
  organisationName: string | null;
}

export interface Me {
  member: Member;
  csrfToken: string;
  expiresAt: string;
}

export interface HistoryEntry {
  at: string;
  action: string;
  from: string | null;
  to: string | null;
  fields: string[];
  actor: { kind: string; id: string | null; name: string | null };
}

export interface RequestSummary {
  id: string;
  reference: string;
  status: string;
  managerDecision: string | null;
  managerVerified: boolean | null;
  givenName: string;
  familyName: string;
  email: string;
  organisation: string;
  courseId: string;
  courseTitle: string;
  providerId?: string;
  sessionId: string | null;
  sessionStart: string | null;
  sessionTimezone: string | null;
  createdAt: string;
  statusChangedAt: string;
  version: number;
  confirmed: boolean;
  erased: boolean;
}

export interface RequestList {
  items: RequestSummary[];
  total: number;
  page: number;
  pageSize: number;
  counts: Record<string, number>;
}

export interface Slot {
  start: string;
  end: string;
}

export interface Location {
  name: string;
  address?: string;
  city: string;
  country?: string;
  /** ISO 3166-2, e.g. FR-ARA. */
  region?: string;
}

export interface HalfDay {
  key: string;
  date: string;
  part: 'am' | 'pm';
  start: string;
  open: boolean;
}

export interface SessionRef {
  id: string;
  status: string;
  slots: Slot[];
  timezone: string;
  mode: string;
  online: boolean;
  location: Location | null;
  capacity: number | null;
  version: number;
}

export interface RequestDetail extends RequestSummary {
  jobTitle: string | null;
  managerEmail: string | null;
  accommodation: string | null;
  comment: string | null;
  locale: string | null;
  reason: string | null;
  cancelledBy: string | null;
  confirmedAt: string | null;
  attendance: Record<string, string>;
  course: { id: string; title: string; providerId: string; managerApproval: boolean; acceptance: string };
  session: SessionRef | null;
  halfDays: HalfDay[];
  placeable: SessionRef[];
  actions: ('accept' | 'waitlist' | 'refuse' | 'cancel')[];
  canRecordManagerDecision: boolean;
  canRecordAttendance: boolean;
  history: HistoryEntry[];
}

export interface Person {
  id: string;
  reference: string;
  status: string;
  managerDecision: string | null;
  givenName: string;
  familyName: string;
  email: string;
  organisation: string;
  jobTitle: string | null;
  createdAt: string;
  statusChangedAt: string;
  attendance: Record<string, string>;
  version: number;
}

export interface SessionDetail {
  id: string;
  courseId: string;
  courseTitle: string;
  providerId: string;
  status: string;
  slots: Slot[];
  timezone: string;
  mode: string;
  online: boolean;
  location: Location | null;
  capacity: number | null;
  seatsReserved: number;
  seatsHeld: number;
  seatsTaken: number;
  seatsLeft: number | null;
  registrationOpens: string | null;
  registrationCloses: string | null;
  autoPromote: boolean;
  origin: string;
  officeEditedAt: string | null;
  version: number;
  counts: Record<string, number>;
  participants: Person[];
  waiting: Person[];
  others: Person[];
  halfDays: HalfDay[];
  history: HistoryEntry[];
}

export interface SessionSummary {
  id: string;
  courseId: string;
  courseTitle: string;
  providerId: string;
  status: string;
  start: string;
  end: string;
  timezone: string;
  online: boolean;
  city: string | null;
  capacity: number | null;
  seatsTaken: number;
  waiting: number;
  counts: Record<string, number>;
}

export interface CourseOption {
  id: string;
  title: string;
  providerId: string;
  enrolmentMode: string;
  managerApproval: boolean;
  sessions: { id: string; start: string; status: string }[];
}

export interface Term {
  id: string;
  label: string;
}

export interface Organisation {
  id: string;
  name: string;
  shortName: string | null;
  notificationEmails: string[];
}

export interface Application {
  id: string;
  reference: string;
  reviewState: string;
  notes: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
  erased: boolean;
  givenName: string;
  familyName: string;
  email: string;
  organisation: string;
  jobTitle: string;
  status: string;
  skills: string[];
  intent: string;
  training: { title?: string; summary?: string; modes?: string[]; duration?: string; audienceIds?: string[] } | null;
  availability: string;
  places: string;
  remote: boolean;
  links: string[];
  history?: HistoryEntry[];
}

export interface StaffEntry {
  id: string;
  email: string;
  name: string | null;
  role: string;
  organisationId: string | null;
  createdAt: string;
  boundAt: string | null;
  lastSignInAt: string | null;
}

export interface AuditEntry extends HistoryEntry {
  id: number;
  entity: string;
  entityId: string;
}
