/**
 * The course as schema.org JSON-LD (Course with its CourseInstances), written
 * to a `<script type="application/ld+json">` in the element's light DOM so
 * search engines index the courses shown on partner sites.
 *
 * Under Trusted Types, a script's text needs a TrustedScript: the library
 * creates one policy, named `campus-widgets`, once per page. When it cannot
 * (the name is taken, e.g. by a second copy of the library, or the page's CSP
 * does not allow it) the JSON-LD is left out: it is an extra, never an error.
 */
import type { Reference } from '../api/reference.js';
import type { Course, Session } from '../api/schemas.js';
import { safeUrl } from '../core/states.js';

export const POLICY_NAME = 'campus-widgets';

type Json = Record<string, unknown>;

/** ISO 8601 duration from minutes, e.g. 90 → "PT1H30M". */
export function isoDuration(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = Math.round(minutes % 60);
  return `PT${h ? `${h}H` : ''}${m || !h ? `${m}M` : ''}`;
}

/** schema.org's courseMode for a session: online, onsite or blended; else the mode's label. */
function courseMode(session: Session, reference: Reference): string {
  const id = session.mode.toLowerCase();
  if (/hybrid|blended|mixte/.test(id)) return 'blended';
  if (session.online || /ligne|online|distanc|learning/.test(id)) return 'online';
  if (/presentiel|présentiel|onsite|site/.test(id) || session.location) return 'onsite';
  return reference.label('modes', session.mode);
}

const drop = (value: Json): Json => Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined && v !== ''));

function offer(course: Course, url?: string): Json {
  return drop({
    '@type': 'Offer',
    price: course.isFree || !course.price ? 0 : course.price.amount,
    priceCurrency: course.price?.currency ?? 'EUR',
    category: course.isFree ? 'Free' : 'Paid',
    url,
  });
}

function organisation(reference: Reference, id: string): Json | undefined {
  if (!id) return undefined;
  const org = reference.organisation(id);
  return drop({ '@type': 'Organization', name: org?.name ?? id, url: safeUrl(org?.url), logo: safeUrl(org?.logoUrl) });
}

function instance(course: Course, session: Session, reference: Reference, enrolUrl: string | undefined): Json {
  const place = session.location;
  const address = place
    ? drop({
        '@type': 'PostalAddress',
        streetAddress: place.address,
        addressLocality: place.city,
        addressCountry: place.country,
      })
    : undefined;
  const locations: Json[] = [];
  if (place && (place.name || place.city)) locations.push(drop({ '@type': 'Place', name: place.name || place.city, address }));
  if (session.online) locations.push(drop({ '@type': 'VirtualLocation', url: enrolUrl }));
  const seats =
    session.status === 'full' || session.status === 'waitlist' ? 0 : session.seatsLeft;
  return drop({
    '@type': 'CourseInstance',
    identifier: session.id,
    courseMode: courseMode(session, reference),
    startDate: session.slots[0].start,
    endDate: session.slots[session.slots.length - 1].end,
    location: locations.length > 1 ? locations : locations[0],
    maximumAttendeeCapacity: session.capacity,
    remainingAttendeeCapacity: seats,
    eventStatus: session.status === 'cancelled' ? 'https://schema.org/EventCancelled' : undefined,
    isAccessibleForFree: course.isFree,
    offers: drop({
      ...offer(course, enrolUrl),
      availability:
        session.status === 'cancelled' || session.status === 'closed'
          ? 'https://schema.org/Discontinued'
          : seats === 0
            ? 'https://schema.org/SoldOut'
            : 'https://schema.org/InStock',
      validFrom: session.registrationOpens,
      validThrough: session.registrationCloses,
    }),
  });
}

/** The schema.org Course for a course and its sessions; `url` is the page showing it. */
export function courseJsonLd(course: Course, sessions: readonly Session[], reference: Reference, url?: string): Json {
  const enrolUrl = safeUrl(course.enrolment.url);
  return drop({
    '@context': 'https://schema.org',
    '@type': 'Course',
    '@id': url ? `${url.split('#')[0]}#course-${encodeURIComponent(course.id)}` : undefined,
    courseCode: course.id,
    name: course.title,
    description: course.summary,
    url,
    image: safeUrl(course.imageUrl),
    inLanguage: course.language,
    educationalLevel: course.level ? reference.label('levels', course.level) : undefined,
    timeRequired: course.duration?.minutes !== undefined ? isoDuration(course.duration.minutes) : undefined,
    teaches: course.objectives.length ? course.objectives : undefined,
    coursePrerequisites: course.prerequisites,
    audience: course.audienceIds.length
      ? course.audienceIds.map((id) => ({ '@type': 'Audience', audienceType: reference.label('audiences', id) }))
      : undefined,
    about: course.expertiseIds.length ? course.expertiseIds.map((id) => reference.label('expertises', id)) : undefined,
    provider: organisation(reference, course.providerId),
    contributor: course.partnerIds.length ? course.partnerIds.map((id) => organisation(reference, id)) : undefined,
    isAccessibleForFree: course.isFree,
    offers: offer(course, enrolUrl),
    hasCourseInstance: sessions.map((s) => instance(course, s, reference, enrolUrl)),
    dateModified: course.updatedAt,
  });
}

/** JSON that cannot end its script element: `<` (so `</script>`), `>`, `&` and line separators escaped. */
export function serializeJsonLd(data: unknown): string {
  return JSON.stringify(data).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

interface ScriptPolicy {
  createScript(input: string): unknown;
}
interface TrustedTypesFactory {
  createPolicy(name: string, rules: { createScript: (input: string) => string }): ScriptPolicy;
}

// undefined: not tried yet; null: Trusted Types present but no policy could be made.
let policy: ScriptPolicy | null | undefined;

/** The page's `campus-widgets` policy, made once; null when it could not be made. */
function scriptPolicy(): ScriptPolicy | null {
  if (policy !== undefined) return policy;
  const factory = (globalThis as { trustedTypes?: TrustedTypesFactory }).trustedTypes;
  if (!factory) return (policy = { createScript: (s) => s });
  try {
    // The JSON is escaped by serializeJsonLd: it cannot leave its script element.
    policy = factory.createPolicy(POLICY_NAME, { createScript: (s) => s });
  } catch (error) {
    console.warn(`[campus-widgets] Trusted Types policy « ${POLICY_NAME} » unavailable: JSON-LD left out.`, error);
    policy = null;
  }
  return policy;
}

/**
 * Writes (or rewrites) the JSON-LD script in `host`'s light DOM. Returns the
 * script, or undefined when it could not be written (it is then removed).
 */
export function writeJsonLd(host: Element, data: unknown, script?: HTMLScriptElement): HTMLScriptElement | undefined {
  const p = scriptPolicy();
  if (!p) {
    script?.remove();
    return undefined;
  }
  try {
    const el = script ?? document.createElement('script');
    el.type = 'application/ld+json';
    (el as unknown as { text: unknown }).text = p.createScript(serializeJsonLd(data));
    if (el.parentNode !== host) host.append(el);
    return el;
  } catch (error) {
    console.warn('[campus-widgets] JSON-LD could not be written.', error);
    script?.remove();
    return undefined;
  }
}
