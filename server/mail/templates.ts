/**
 * The words of every message, in French, English and Québec French. A
 * message to a third party (a manager, an organiser) carries nothing the
 * requester typed freely: name, administration, course and dates only.
 */
import { formatSlots, type MailLocale, type MailParts } from './format.js';

export interface SessionFacts {
  slots: readonly { start: string; end: string }[];
  timezone: string;
  online: boolean;
  location?: { name?: string; address?: string; city?: string };
  /** The private joining link of an online session (accepted agents only). */
  joinUrl?: string | null;
}

export interface RequestFacts {
  reference: string;
  givenName: string;
  familyName: string;
  organisation: string;
  status: string;
  courseTitle: string;
  session?: SessionFacts;
  reason?: string | null;
  /** The agent's space of this request (confirm, cancel, the current calendar file). */
  spaceUrl?: string;
}

export type RequestMessageKind =
  | 'receipt'
  | 'accepted'
  | 'waitlisted'
  | 'promoted'
  | 'refused'
  | 'cancelled'
  | 'session_changed'
  | 'reminder_7d'
  | 'reminder_1d'
  | 'manager_given'
  | 'attestation';

const fr = {
  hello: (name: string) => `Bonjour ${name},`,
  helloAll: 'Bonjour,',
  reference: 'Référence',
  course: 'Formation',
  dates: 'Dates',
  place: 'Lieu',
  online: 'À distance',
  join: 'Lien pour rejoindre la session',
  space: 'Voir ma demande',
  confirm: 'Confirmer ma demande',
  reason: 'Motif',
  agent: 'Agent',
  organisation: 'Administration',
  footer: 'Message envoyé automatiquement par le Campus du numérique public (DINUM). Merci de ne pas y répondre.',
  notYou: "Si vous n'êtes pas à l'origine de cette demande, ignorez ce message : sans confirmation, elle sera supprimée dans 48 heures.",
  calendar: "L'invitation jointe ajoute la session à votre agenda. Refuser l'invitation dans votre agenda n'annule pas votre inscription : pour l'annuler, passez par le lien « Voir ma demande ».",
  status: {
    submitted: "Une place vous est réservée : l'équipe du campus va étudier votre demande.",
    accepted: 'Votre inscription est acceptée.',
    waitlisted: "La session est complète : votre demande est sur liste d'attente. Nous vous écrirons si une place se libère.",
    pending_manager: 'Cette formation demande l’accord de votre responsable : nous lui écrirons dès que vous aurez confirmé votre demande.',
  } as Record<string, string>,
  subject: {
    receipt: (c: string, r: string) => `Confirmez votre demande d'inscription ${r} – ${c}`,
    accepted: (c: string, r: string) => `Inscription acceptée : ${c} (${r})`,
    waitlisted: (c: string, r: string) => `Liste d'attente : ${c} (${r})`,
    promoted: (c: string, r: string) => `Une place s'est libérée : ${c} (${r})`,
    refused: (c: string, r: string) => `Demande d'inscription non retenue : ${c} (${r})`,
    cancelled: (c: string, r: string) => `Inscription annulée : ${c} (${r})`,
    session_changed: (c: string, r: string) => `Session modifiée : ${c} (${r})`,
    reminder_7d: (c: string, r: string) => `Dans une semaine : ${c} (${r})`,
    reminder_1d: (c: string, r: string) => `Demain : ${c} (${r})`,
    manager_given: (c: string, r: string) => `Votre responsable a donné son accord : ${c} (${r})`,
    attestation: (c: string, r: string) => `Attestation de présence : ${c} (${r})`,
  } satisfies Record<RequestMessageKind, (course: string, reference: string) => string>,
  body: {
    receipt: (c: string) => [`Nous avons bien reçu votre demande d'inscription à « ${c} ».`, 'Confirmez-la dans les 48 heures avec le lien ci-dessous : sans confirmation, elle sera annulée et la place rendue.'],
    accepted: (c: string) => [`Votre inscription à « ${c} » est acceptée. Nous vous attendons.`],
    waitlisted: (c: string) => [`La session de « ${c} » est complète : votre demande est sur liste d'attente. Nous vous écrirons si une place se libère.`],
    promoted: (c: string) => [`Une place s'est libérée à la session de « ${c} » : elle est pour vous.`],
    refused: (c: string) => [`Votre demande d'inscription à « ${c} » n'a pas été retenue.`],
    cancelled: (c: string) => [`Votre inscription à « ${c} » est annulée.`],
    session_changed: (c: string) => [`La session de « ${c} » a changé. Voici ce qui vaut désormais ; l'invitation jointe met votre agenda à jour.`],
    reminder_7d: (c: string) => [`La session de « ${c} » commence dans une semaine.`],
    reminder_1d: (c: string) => [`La session de « ${c} » commence demain.`],
    manager_given: (c: string) => [`Votre responsable a donné son accord pour « ${c} ».`],
    attestation: (c: string) => [`Vous trouverez ci-joint votre attestation de présence à « ${c} ».`],
  } satisfies Record<RequestMessageKind, (course: string) => string[]>,
  cancelledBy: {
    agent: 'Vous avez annulé votre demande.',
    campus: "L'équipe du campus a annulé votre inscription.",
    system: "Vous n'avez pas confirmé votre demande dans les 48 heures : elle est annulée.",
    session: "La session est annulée : nous en sommes désolés. Vous serez prévenu·e si une autre session s'ouvre.",
  } as Record<string, string>,
  waitlistPlace: (n: number) => `Votre rang sur la liste d'attente : ${n}.`,
  manager: {
    subject: (name: string, c: string) => `Demande d'accord : ${name} souhaite suivre « ${c} »`,
    body: (name: string, org: string, c: string) => [
      `${name} (${org}) souhaite suivre la formation « ${c} » du Campus du numérique public et vous a indiqué comme responsable.`,
      'Cette formation demande votre accord. Ces liens sont valables 14 jours ; chacun ouvre une page où vous confirmez votre choix.',
    ],
    approve: 'Donner mon accord',
    decline: 'Refuser',
    footer: "Vous recevez ce message parce qu'un agent a saisi votre adresse comme celle de son responsable. S'il ne s'agit pas de vous, ignorez-le.",
  },
  digest: {
    subject: (org: string, n: number) => `${n} nouvelle${n > 1 ? 's' : ''} demande${n > 1 ? 's' : ''} d'inscription – ${org}`,
    body: (n: number) => [`Voici les ${n} demande${n > 1 ? 's' : ''} d'inscription confirmée${n > 1 ? 's' : ''} depuis le dernier récapitulatif, pour les formations de votre organisme.`],
    footer: 'Vous recevez ce récapitulatif quotidien parce que votre adresse est enregistrée pour votre organisme auprès du Campus du numérique public.',
  },
  trainer: {
    receiptSubject: (r: string) => `Votre candidature de formatrice ou formateur (${r})`,
    receipt: ['Nous avons bien reçu votre candidature. Merci pour votre engagement.', "L'équipe du campus l'étudiera et reviendra vers vous."],
    acceptedSubject: (r: string) => `Votre candidature est retenue (${r})`,
    accepted: ["Votre candidature est retenue : l'équipe du campus va vous contacter pour la suite."],
    declinedSubject: (r: string) => `Votre candidature (${r})`,
    declined: ["Nous ne pouvons pas donner suite à votre candidature pour l'instant. Merci de l'intérêt que vous portez au campus."],
  },
};

type Words = typeof fr;

const en: Words = {
  hello: (name) => `Hello ${name},`,
  helloAll: 'Hello,',
  reference: 'Reference',
  course: 'Course',
  dates: 'Dates',
  place: 'Place',
  online: 'Online',
  join: 'Link to join the session',
  space: 'See my request',
  confirm: 'Confirm my request',
  reason: 'Reason',
  agent: 'Agent',
  organisation: 'Administration',
  footer: 'Message sent automatically by the Campus du numérique public (DINUM). Please do not reply.',
  notYou: 'If you did not make this request, ignore this message: without confirmation it will be deleted within 48 hours.',
  calendar: 'The attached invitation adds the session to your calendar. Declining it in your calendar does not cancel your enrolment: to cancel, use the “See my request” link.',
  status: {
    submitted: 'A seat is set aside for you: the campus team will review your request.',
    accepted: 'Your enrolment is accepted.',
    waitlisted: 'The session is full: your request is on the waiting list. We will write if a seat becomes free.',
    pending_manager: 'This course needs your manager’s approval: we will write to them as soon as you confirm your request.',
  },
  subject: {
    receipt: (c, r) => `Confirm your enrolment request ${r} – ${c}`,
    accepted: (c, r) => `Enrolment accepted: ${c} (${r})`,
    waitlisted: (c, r) => `Waiting list: ${c} (${r})`,
    promoted: (c, r) => `A seat is free: ${c} (${r})`,
    refused: (c, r) => `Enrolment request not accepted: ${c} (${r})`,
    cancelled: (c, r) => `Enrolment cancelled: ${c} (${r})`,
    session_changed: (c, r) => `Session changed: ${c} (${r})`,
    reminder_7d: (c, r) => `In one week: ${c} (${r})`,
    reminder_1d: (c, r) => `Tomorrow: ${c} (${r})`,
    manager_given: (c, r) => `Your manager approved: ${c} (${r})`,
    attestation: (c, r) => `Certificate of attendance: ${c} (${r})`,
  },
  body: {
    receipt: (c) => [`We have received your request to enrol in “${c}”.`, 'Confirm it within 48 hours with the link below: without confirmation it will be cancelled and the seat given back.'],
    accepted: (c) => [`Your enrolment in “${c}” is accepted. We look forward to seeing you.`],
    waitlisted: (c) => [`The session of “${c}” is full: your request is on the waiting list. We will write if a seat becomes free.`],
    promoted: (c) => [`A seat has become free in the session of “${c}”: it is yours.`],
    refused: (c) => [`Your request to enrol in “${c}” was not accepted.`],
    cancelled: (c) => [`Your enrolment in “${c}” is cancelled.`],
    session_changed: (c) => [`The session of “${c}” has changed. Here is what now applies; the attached invitation updates your calendar.`],
    reminder_7d: (c) => [`The session of “${c}” starts in one week.`],
    reminder_1d: (c) => [`The session of “${c}” starts tomorrow.`],
    manager_given: (c) => [`Your manager approved your request for “${c}”.`],
    attestation: (c) => [`Please find attached your certificate of attendance for “${c}”.`],
  },
  cancelledBy: {
    agent: 'You cancelled your request.',
    campus: 'The campus team cancelled your enrolment.',
    system: 'You did not confirm your request within 48 hours: it is cancelled.',
    session: 'The session is cancelled; we are sorry. You will be told if another session opens.',
  },
  waitlistPlace: (n) => `Your place on the waiting list: ${n}.`,
  manager: {
    subject: (name, c) => `Approval request: ${name} would like to follow “${c}”`,
    body: (name, org, c) => [
      `${name} (${org}) would like to follow the course “${c}” of the Campus du numérique public and named you as their manager.`,
      'This course needs your approval. These links are valid for 14 days; each opens a page where you confirm your choice.',
    ],
    approve: 'Approve',
    decline: 'Decline',
    footer: 'You receive this message because an agent gave your address as their manager’s. If this is not you, ignore it.',
  },
  digest: {
    subject: (org, n) => `${n} new enrolment request${n > 1 ? 's' : ''} – ${org}`,
    body: (n) => [`Here ${n > 1 ? 'are' : 'is'} the ${n} enrolment request${n > 1 ? 's' : ''} confirmed since the last summary, for your organisation’s courses.`],
    footer: 'You receive this daily summary because your address is registered for your organisation with the Campus du numérique public.',
  },
  trainer: {
    receiptSubject: (r) => `Your trainer application (${r})`,
    receipt: ['We have received your application. Thank you for your commitment.', 'The campus team will review it and get back to you.'],
    acceptedSubject: (r) => `Your application is accepted (${r})`,
    accepted: ['Your application is accepted: the campus team will contact you about the next steps.'],
    declinedSubject: (r) => `Your application (${r})`,
    declined: ['We cannot follow up on your application for now. Thank you for your interest in the campus.'],
  },
};

const WORDS: Record<MailLocale, Words> = { fr, en, 'fr-CA': fr };

export const words = (locale: MailLocale): Words => WORDS[locale];

function sessionFacts(w: Words, session: SessionFacts | undefined, locale: MailLocale, withJoinUrl: boolean): [string, string | string[]][] {
  if (!session) return [];
  const place = session.online && !session.location ? w.online : [session.location?.name, session.location?.address].filter(Boolean).join(', ');
  const facts: [string, string | string[]][] = [[w.dates, formatSlots(session.slots, session.timezone, locale)]];
  if (place) facts.push([w.place, place]);
  if (withJoinUrl && session.online && session.joinUrl) facts.push([w.join, session.joinUrl]);
  return facts;
}

/** A message to the agent about their request. */
export function requestMessage(kind: RequestMessageKind, facts: RequestFacts, locale: MailLocale, extra: { cancelledBy?: string; waitlistRank?: number } = {}): MailParts {
  const w = words(locale);
  const paragraphs = [...w.body[kind](facts.courseTitle)];
  if (kind === 'receipt' && w.status[facts.status]) paragraphs.push(w.status[facts.status]);
  if (kind === 'cancelled' && extra.cancelledBy && w.cancelledBy[extra.cancelledBy]) paragraphs.push(w.cancelledBy[extra.cancelledBy]);
  if (kind === 'waitlisted' && extra.waitlistRank) paragraphs.push(w.waitlistPlace(extra.waitlistRank));
  const withJoinUrl = ['accepted', 'promoted', 'session_changed', 'reminder_7d', 'reminder_1d'].includes(kind) && facts.status === 'accepted';
  const list: [string, string | string[]][] = [
    [w.reference, facts.reference],
    [w.course, facts.courseTitle],
    ...sessionFacts(w, facts.session, locale, withJoinUrl),
  ];
  if (kind === 'refused' && facts.reason) list.push([w.reason, reasonText(facts.reason, locale)]);
  const actions = facts.spaceUrl ? [{ label: kind === 'receipt' ? w.confirm : w.space, url: facts.spaceUrl }] : [];
  const footer = [w.footer];
  if (kind === 'receipt') footer.unshift(w.notYou);
  return { subject: w.subject[kind](facts.courseTitle, facts.reference), greeting: w.hello(facts.givenName), paragraphs, facts: list, actions, footer };
}

/** A recorded reason as the agent reads it: a code of the service in their words, staff's text as written. */
export function reasonText(reason: string, locale: MailLocale): string {
  if (reason === 'manager_declined') return locale === 'en' ? 'Your manager did not approve.' : 'Votre responsable n’a pas donné son accord.';
  if (reason === 'unconfirmed') return locale === 'en' ? 'The request was not confirmed within 48 hours.' : 'La demande n’a pas été confirmée dans les 48 heures.';
  return reason;
}

/** The link to every request of an address ("Retrouver mes demandes"). */
export function requestsLinkMessage(url: string, locale: MailLocale): MailParts {
  const en = locale === 'en';
  return {
    subject: en ? 'Your enrolment requests' : 'Vos demandes d’inscription',
    greeting: en ? 'Hello,' : 'Bonjour,',
    paragraphs: [en ? 'Here is the link to all your enrolment requests to the Campus du numérique public. It is valid for 7 days.' : 'Voici le lien vers toutes vos demandes d’inscription au Campus du numérique public. Il est valable 7 jours.'],
    actions: [{ label: en ? 'See my requests' : 'Voir mes demandes', url }],
    footer: [en ? 'You receive this message because someone asked for a link to the requests of this address. If it was not you, ignore it.' : 'Vous recevez ce message parce qu’un lien vers les demandes de cette adresse a été demandé. S’il ne s’agit pas de vous, ignorez-le.', words(locale).footer],
  };
}

/** Double opt-in of an alert: confirm, through the link, that you want it. */
export function alertConfirmMessage(courseTitle: string, url: string, locale: MailLocale): MailParts {
  const en = locale === 'en';
  return {
    subject: en ? `Confirm your alert: ${courseTitle}` : `Confirmez votre alerte : ${courseTitle}`,
    greeting: en ? 'Hello,' : 'Bonjour,',
    paragraphs: [en ? `Confirm that you want to be told when a session of “${courseTitle}” opens.` : `Confirmez que vous souhaitez être prévenu·e quand une session de « ${courseTitle} » ouvre.`],
    actions: [{ label: en ? 'Confirm the alert' : 'Confirmer l’alerte', url }],
    footer: [en ? 'Without confirmation you will receive nothing more.' : 'Sans confirmation, vous ne recevrez rien de plus.', words(locale).footer],
  };
}

/** A session opened for a course someone asked to be told about. */
export function sessionOpenedMessage(courseTitle: string, session: SessionFacts, urls: { course?: string; unsubscribe: string }, locale: MailLocale): MailParts {
  const en = locale === 'en';
  const w = words(locale);
  return {
    subject: en ? `A session opens: ${courseTitle}` : `Une session ouvre : ${courseTitle}`,
    greeting: w.helloAll,
    paragraphs: [en ? `A session of “${courseTitle}” now takes enrolment requests.` : `Une session de « ${courseTitle} » prend désormais les demandes d’inscription.`],
    facts: [[w.course, courseTitle], ...sessionFacts(w, session, locale, false)],
    actions: urls.course ? [{ label: en ? 'See the course' : 'Voir la formation', url: urls.course }] : [],
    footer: [en ? `To stop these alerts: ${urls.unsubscribe}` : `Pour ne plus recevoir ces alertes : ${urls.unsubscribe}`, w.footer],
  };
}

/** The calendar paragraph that goes with an invitation. */
export const calendarNote = (locale: MailLocale) => words(locale).calendar;

/** To the manager: who asks for which course and session, and the two decision links. Nothing typed freely. */
export function managerMessage(facts: RequestFacts, locale: MailLocale, links: { approve: string; decline: string }): MailParts {
  const w = words(locale);
  const name = `${facts.givenName} ${facts.familyName}`;
  return {
    subject: w.manager.subject(name, facts.courseTitle),
    greeting: w.helloAll,
    paragraphs: w.manager.body(name, facts.organisation, facts.courseTitle),
    facts: [[w.agent, name], [w.organisation, facts.organisation], [w.course, facts.courseTitle], [w.reference, facts.reference], ...sessionFacts(w, facts.session, locale, false)],
    actions: [
      { label: w.manager.approve, url: links.approve },
      { label: w.manager.decline, url: links.decline },
    ],
    footer: [w.manager.footer, w.footer],
  };
}

/** To an organisation: the day's confirmed requests for its courses. Nothing typed freely. */
export function digestMessage(organisation: string, requests: RequestFacts[], locale: MailLocale): MailParts {
  const w = words(locale);
  return {
    subject: w.digest.subject(organisation, requests.length),
    greeting: w.helloAll,
    paragraphs: w.digest.body(requests.length),
    facts: requests.map((r) => [
      `${r.givenName} ${r.familyName}`,
      [r.organisation, `${r.courseTitle} (${r.reference})`, ...(r.session ? formatSlots(r.session.slots.slice(0, 1), r.session.timezone, locale) : [])],
    ]),
    footer: [w.digest.footer, w.footer],
  };
}

export type TrainerMessageKind = 'trainer_receipt' | 'trainer_accepted' | 'trainer_declined';

export function trainerMessage(kind: TrainerMessageKind, application: { givenName: string; reference: string }, locale: MailLocale): MailParts {
  const w = words(locale).trainer;
  const [subject, paragraphs] =
    kind === 'trainer_receipt'
      ? [w.receiptSubject(application.reference), w.receipt]
      : kind === 'trainer_accepted'
        ? [w.acceptedSubject(application.reference), w.accepted]
        : [w.declinedSubject(application.reference), w.declined];
  return { subject, greeting: words(locale).hello(application.givenName), paragraphs, facts: [[words(locale).reference, application.reference]], footer: [words(locale).footer] };
}
