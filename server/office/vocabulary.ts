/**
 * The office's words and the few rules its server and its pages share:
 * status labels, review states, attendance marks, and a session's half-days
 * (the boxes of the attendance sheet). Plain data and functions, no Node and
 * no DOM: the office's pages import this module too.
 */

export const STATUS_LABELS: Record<string, string> = {
  pending_manager: 'En attente de l’accord du responsable',
  submitted: 'Reçue',
  accepted: 'Acceptée',
  waitlisted: 'Liste d’attente',
  refused: 'Refusée',
  cancelled: 'Annulée',
};

export const MANAGER_DECISION_LABELS: Record<string, string> = {
  requested: 'Demandé',
  given: 'Donné',
  declined: 'Refusé',
  recorded_by_staff: 'Enregistré par l’équipe',
};

export const CANCELLED_BY_LABELS: Record<string, string> = {
  agent: 'par l’agent',
  campus: 'par l’équipe',
  system: 'par le service',
};

/** What staff do to a request, and the status it leads to. */
export const ACTIONS = {
  accept: 'accepted',
  waitlist: 'waitlisted',
  refuse: 'refused',
  cancel: 'cancelled',
} as const;
export type RequestAction = keyof typeof ACTIONS;

export const ACTION_LABELS: Record<RequestAction, string> = {
  accept: 'Accepter',
  waitlist: 'Mettre en liste d’attente',
  refuse: 'Refuser',
  cancel: 'Annuler',
};

/** The campus's review of a trainer application (not the applicant's own `status`). */
export const REVIEW_STATES = ['new', 'contacted', 'accepted', 'declined', 'archived'] as const;
export type ReviewState = (typeof REVIEW_STATES)[number];
export const REVIEW_LABELS: Record<ReviewState, string> = {
  new: 'Nouvelle',
  contacted: 'Contactée',
  accepted: 'Retenue',
  declined: 'Non retenue',
  archived: 'Archivée',
};

export const ATTENDANCE = ['present', 'absent', 'excused'] as const;
export type AttendanceMark = (typeof ATTENDANCE)[number];
export const ATTENDANCE_LABELS: Record<AttendanceMark, string> = {
  present: 'Présent·e',
  absent: 'Absent·e',
  excused: 'Excusé·e',
};

export const SESSION_STATUS_LABELS: Record<string, string> = {
  open: 'Inscriptions ouvertes',
  waitlist: 'Liste d’attente seulement',
  full: 'Complet',
  closed: 'Inscriptions closes',
  cancelled: 'Annulée',
};

export const ROLE_LABELS: Record<string, string> = {
  campus: 'Équipe du campus',
  organisation: 'Organisme partenaire',
};

/** A half-day of a session: a box of the attendance sheet, a mark of attendance. */
export interface HalfDay {
  /** `2030-05-12-am`. */
  key: string;
  /** The local date, `2030-05-12`. */
  date: string;
  part: 'am' | 'pm';
  /** When that half-day's slot starts (attendance is recorded from then on). */
  start: string;
}

/** The local date and minutes after midnight of an instant in a time zone. */
function localParts(iso: string, timeZone: string): { date: string; minutes: number } {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(iso));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '00';
  return { date: `${get('year')}-${get('month')}-${get('day')}`, minutes: Number(get('hour')) * 60 + Number(get('minute')) };
}

const NOON = 13 * 60;

/**
 * A session's half-days, in order: a slot that starts before 13:00 (local
 * time) covers a morning, one that ends after 13:00 covers an afternoon.
 */
export function halfDays(slots: readonly { start: string; end: string }[], timeZone: string): HalfDay[] {
  const out: HalfDay[] = [];
  const seen = new Set<string>();
  let zone = timeZone;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
  } catch {
    zone = 'Europe/Paris';
  }
  for (const slot of slots) {
    if (Number.isNaN(Date.parse(slot.start)) || Number.isNaN(Date.parse(slot.end))) continue;
    const start = localParts(slot.start, zone);
    const end = localParts(slot.end, zone);
    const add = (part: 'am' | 'pm') => {
      const key = `${start.date}-${part}`;
      if (seen.has(key)) return;
      seen.add(key);
      out.push({ key, date: start.date, part, start: slot.start });
    };
    if (start.minutes < NOON) add('am');
    if (end.minutes > NOON || end.date !== start.date) add('pm');
  }
  return out;
}

/** `2030-05-12T09:30` in a time zone → the instant, as ISO 8601 with that zone's offset. */
export function zonedIso(local: string, timeZone: string): string | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local);
  if (!m) return undefined;
  const [, y, mo, d, h, mi] = m.map(Number);
  const wanted = Date.UTC(y, mo - 1, d, h, mi);
  // The zone's offset at that moment, found in two steps (enough across a DST change).
  let guess = wanted;
  for (let i = 0; i < 2; i++) {
    const p = localParts(new Date(guess).toISOString(), timeZone);
    const [py, pm, pd] = p.date.split('-').map(Number);
    const seenAs = Date.UTC(py, pm - 1, pd, Math.floor(p.minutes / 60), p.minutes % 60);
    guess += wanted - seenAs;
  }
  const check = localParts(new Date(guess).toISOString(), timeZone);
  if (check.date !== `${m[1]}-${m[2]}-${m[3]}` || check.minutes !== h * 60 + mi) return undefined;
  const offset = Math.round((wanted - guess) / 60_000);
  const sign = offset >= 0 ? '+' : '-';
  const abs = Math.abs(offset);
  return `${local}:00${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/** An instant as `2030-05-12T09:30` in a time zone (for a form's datetime-local field). */
export function localInput(iso: string, timeZone: string): string {
  const p = localParts(iso, timeZone);
  return `${p.date}T${String(Math.floor(p.minutes / 60)).padStart(2, '0')}:${String(p.minutes % 60).padStart(2, '0')}`;
}

/** The e-mails the service sends, as the office names them. */
export const MESSAGE_KIND_LABELS: Record<string, string> = {
  receipt: 'Accusé de réception (confirmation de l’adresse)',
  accepted: 'Demande acceptée',
  waitlisted: 'Liste d’attente',
  promoted: 'Place libérée',
  refused: 'Demande refusée',
  cancelled: 'Demande annulée',
  session_changed: 'Session modifiée',
  reminder_7d: 'Rappel à 7 jours',
  reminder_1d: 'Rappel la veille',
  manager_request: 'Accord demandé au responsable',
  manager_given: 'Accord du responsable reçu',
  attestation: 'Attestation de présence',
  organiser_digest: 'Récapitulatif quotidien des organisateurs',
  requests_link: 'Lien « Retrouver mes demandes »',
  alert_confirm: 'Confirmation d’une alerte',
  session_opened: 'Alerte : nouvelle session',
  trainer_receipt: 'Candidature de formateur reçue',
  trainer_accepted: 'Candidature de formateur retenue',
  trainer_declined: 'Candidature de formateur non retenue',
};

export const MESSAGE_STATUSES = ['pending', 'sent', 'failed', 'suppressed'] as const;
export const MESSAGE_STATUS_LABELS: Record<string, string> = {
  pending: 'En file d’envoi',
  sent: 'Envoyé',
  failed: 'Échec de l’envoi',
  suppressed: 'Non envoyé (devenu sans objet, ou limite quotidienne du destinataire)',
};
/** The messages staff may send again: a delivery that failed, never one held back to protect its recipient. */
export const RETRYABLE_MESSAGES = ['failed'] as const;
