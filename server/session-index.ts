/**
 * The catalogue's sessions as filters: when they start (month, period, the
 * next months), where (city, region, online) and whether they take requests
 * now. A course matches when one of its sessions meets every session filter
 * at once ("Lyon in March" is one session in Lyon in March, not a session in
 * Lyon and another in March). Only sessions neither cancelled nor over count.
 *
 * What depends on the clock (over, taking requests, the next months) is read
 * per minute; facet counts without a session filter come from bitsets built
 * once a minute, those with one from one pass over the live sessions.
 */
import { SESSION_FACETS, type FacetValue, type SessionFacetName } from '../src/api/schemas.js';
import { SOON_MONTHS, type CourseQuery } from '../src/api/query.js';
import { dayIn, isOffered, sessionStart, statusTakesRequests } from '../src/api/sessions.js';
import type { IndexedSession } from './catalogue.js';
import { foldText } from './text.js';
import { countAnd, countBits, type Bits } from './bits.js';

const set = (bits: Bits, i: number): void => {
  bits[i >>> 5] |= 1 << (i & 31);
};
const has = (bits: Bits, i: number): boolean => (bits[i >>> 5] & (1 << (i & 31))) !== 0;

/** A dictionary of values (months, cities, regions): an id per value, in order of first appearance. */
class Values {
  readonly ids = new Map<string, number>();
  readonly labels: string[] = [];

  id(key: string, label: string = key): number {
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.labels.length;
      this.ids.set(key, id);
      this.labels.push(label);
    }
    return id;
  }
}

/** What the clock says of the sessions at one minute. */
interface LiveState {
  minute: number;
  /** Neither cancelled nor over: the sessions the filters read. */
  live: Int32Array;
  offered: Uint8Array;
  /** Without a session filter: per facet value, the courses having a live session with it. */
  unfiltered?: Record<SessionFacetName, Bits[]>;
}

/** Session filters of a query, as ids. */
interface Filters {
  months?: Set<number>;
  from?: number;
  to?: number;
  withinEnd?: number;
  cities?: Set<number>;
  regions?: Set<number>;
  online: boolean;
  open: boolean;
  /** The selected values, listed in their facets even when nothing matches. */
  selected: Record<SessionFacetName, string[]>;
}

export interface SessionMatch {
  /** Courses with a session meeting every session filter (every course when there is none). */
  mask: Bits;
  /** Per course, the first session meeting them that still takes requests or is upcoming (-1: none); only with filters. */
  first?: Int32Array;
  facets: Record<SessionFacetName, FacetValue[]>;
}

/** `YYYY-MM-DD` as the number YYYYMMDD (0 when unreadable). */
const dayNumber = (day: string): number => Number(day.replace(/-/g, '')) || 0;

/** The end of a session's last day, in ms. */
const sessionEnd = (s: IndexedSession): number => Date.parse(s.slots[s.slots.length - 1].end);

/** `now` plus `months` calendar months (a day missing in the last month falls back to its last day). */
export function addMonths(now: number, months: number): number {
  const d = new Date(now);
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + months);
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, last));
  return d.getTime();
}

export class SessionIndex {
  readonly #sessions: IndexedSession[];
  readonly #course: Int32Array;
  readonly #start: Float64Array;
  readonly #end: Float64Array;
  /** The day a session starts on where it is held, as the number YYYYMMDD (compared as numbers). */
  readonly #day: Int32Array;
  readonly #month: Int32Array;
  readonly #city: Int32Array;
  readonly #region: Int32Array;
  readonly #online: Uint8Array;
  /** Whether a session's status takes requests at all (`statusTakesRequests`). */
  readonly #takes: Uint8Array;
  readonly #months = new Values();
  readonly #cities = new Values();
  readonly #regions = new Values();
  #state?: LiveState;

  /**
   * @param sessions each course's sessions by start, courses in index order
   * @param courses how many courses the catalogue has; `words`, the length of its bitsets
   * @param regionOrder the regions' codes in the vocabulary's order
   */
  constructor(
    sessions: { course: number; session: IndexedSession }[],
    private readonly courses: number,
    private readonly words: number,
    regionOrder: readonly string[] = [],
  ) {
    const n = sessions.length;
    this.#sessions = sessions.map((s) => s.session);
    this.#course = Int32Array.from(sessions, (s) => s.course);
    this.#start = Float64Array.from(sessions, (s) => sessionStart(s.session));
    this.#end = Float64Array.from(sessions, (s) => sessionEnd(s.session));
    const days = sessions.map((s) => dayIn(s.session.slots[0].start, s.session.timezone));
    this.#day = Int32Array.from(days, dayNumber);
    this.#month = new Int32Array(n);
    this.#city = new Int32Array(n).fill(-1);
    this.#region = new Int32Array(n).fill(-1);
    this.#online = Uint8Array.from(sessions, (s) => (s.session.online ? 1 : 0));
    this.#takes = Uint8Array.from(sessions, (s) => (statusTakesRequests(s.session.status) ? 1 : 0));
    // Months in order; regions in the vocabulary's order, then as they come; cities alphabetically.
    const months = [...new Set(days.map((d) => d.slice(0, 7)))].sort();
    for (const m of months) this.#months.id(m);
    for (const code of regionOrder) this.#regions.id(code.toUpperCase(), code.toUpperCase());
    const collator = new Intl.Collator('fr', { sensitivity: 'base' });
    const cities = sessions
      .map((s) => s.session.location?.city?.trim())
      .filter((c): c is string => Boolean(c))
      .sort(collator.compare);
    for (const city of cities) this.#cities.id(foldText(city), city);
    sessions.forEach(({ session }, i) => {
      this.#month[i] = this.#months.id(days[i].slice(0, 7));
      const city = session.location?.city?.trim();
      if (city) this.#city[i] = this.#cities.id(foldText(city), city);
      const region = session.location?.region?.trim().toUpperCase();
      if (region) this.#region[i] = this.#regions.id(region);
    });
  }

  /** The live sessions at `now`, read again each minute. */
  #live(now: number): LiveState {
    const minute = Math.floor(now / 60_000);
    if (this.#state?.minute === minute) return this.#state;
    const at = minute * 60_000;
    const live: number[] = [];
    const offered = new Uint8Array(this.#sessions.length);
    this.#sessions.forEach((s, i) => {
      if (s.status === 'cancelled' || this.#end[i] < at) return;
      live.push(i);
      if (isOffered(s, at)) offered[i] = 1;
    });
    this.#state = { minute, live: Int32Array.from(live), offered };
    return this.#state;
  }

  #filters(query: CourseQuery, now: number): Filters | undefined {
    const ids = (values: Values, list: string[] | undefined, key: (v: string) => string) =>
      list?.length ? new Set(list.map((v) => values.ids.get(key(v)) ?? -2)) : undefined;
    const filters: Filters = {
      months: ids(this.#months, query.month, (v) => v),
      cities: ids(this.#cities, query.city, foldText),
      regions: ids(this.#regions, query.region, (v) => v.toUpperCase()),
      from: query.from ? dayNumber(query.from) : undefined,
      to: query.to ? dayNumber(query.to) : undefined,
      withinEnd: query.withinMonths ? addMonths(now, query.withinMonths) : undefined,
      online: Boolean(query.online),
      open: Boolean(query.open),
      selected: {
        month: query.month ?? [],
        city: query.city ?? [],
        region: (query.region ?? []).map((r) => r.toUpperCase()),
        online: query.online ? ['true'] : [],
        open: query.open ? ['true'] : [],
        withinMonths: query.withinMonths ? [String(query.withinMonths)] : [],
      },
    };
    const any = filters.months || filters.cities || filters.regions || filters.from || filters.to || filters.withinEnd || filters.online || filters.open;
    return any ? filters : undefined;
  }

  /** Per facet value, the courses in `scope` having a live session with that value that meets the other groups' filters. */
  #collect(state: LiveState, filters: Filters | undefined, now: number, scope: Bits | undefined, match?: { mask: Bits; first: Int32Array }) {
    const words = this.words;
    const bits = (values: Values) => values.labels.map(() => new Uint32Array(words));
    const out: Record<SessionFacetName, Bits[]> = {
      month: bits(this.#months),
      city: bits(this.#cities),
      region: bits(this.#regions),
      online: [new Uint32Array(words)],
      open: [new Uint32Array(words)],
      withinMonths: [new Uint32Array(words)],
    };
    // A hot loop over every live session: plain locals, no optional chains.
    const { live, offered } = state;
    const courses = this.#course;
    const monthOf = this.#month;
    const dayOf = this.#day;
    const startOf = this.#start;
    const cityOf = this.#city;
    const regionOf = this.#region;
    const onlineOf = this.#online;
    const takes = this.#takes;
    const months = filters?.months;
    const cities = filters?.cities;
    const regions = filters?.regions;
    const from = filters?.from ?? 0;
    const to = filters?.to ?? 99_999_999;
    const withinEnd = filters?.withinEnd;
    const soonEnd = withinEnd ?? addMonths(now, SOON_MONTHS);
    const wantOnline = filters?.online ?? false;
    const wantOpen = filters?.open ?? false;
    const anyPlace = !cities && !regions && !wantOnline;
    const [monthBits, cityBits, regionBits, onlineBits, openBits, soonBits] = [out.month, out.city, out.region, out.online[0], out.open[0], out.withinMonths[0]];
    for (let k = 0; k < live.length; k++) {
      const i = live[k];
      const course = courses[i];
      const inScope = scope === undefined || has(scope, course);
      if (!inScope && !match) continue;
      const month = monthOf[i];
      const day = dayOf[i];
      const start = startOf[i];
      const monthOk = months === undefined || months.has(month);
      const daysOk = day >= from && day <= to;
      const soon = start >= now && start <= soonEnd;
      const rangeOk = daysOk && (withinEnd === undefined || soon);
      const city = cityOf[i];
      const region = regionOf[i];
      const placeOk = anyPlace || (cities !== undefined && cities.has(city)) || (regions !== undefined && regions.has(region)) || (wantOnline && onlineOf[i] === 1);
      const isOffered = offered[i] === 1;
      const openOk = !wantOpen || isOffered;
      if (inScope) {
        if (rangeOk && placeOk && openOk) set(monthBits[month], course);
        if (monthOk && rangeOk && openOk) {
          if (city >= 0) set(cityBits[city], course);
          if (region >= 0) set(regionBits[region], course);
          if (onlineOf[i] === 1) set(onlineBits, course);
        }
        if (monthOk && rangeOk && placeOk && isOffered) set(openBits, course);
        if (monthOk && daysOk && soon && placeOk && openOk) set(soonBits, course);
      }
      if (match && monthOk && rangeOk && placeOk && openOk) {
        set(match.mask, course);
        if (match.first[course] < 0 && start >= now && takes[i] === 1) match.first[course] = i;
      }
    }
    return out;
  }

  session(i: number): IndexedSession {
    return this.#sessions[i];
  }

  /**
   * The courses meeting the query's session filters, and the session facets
   * counted over `scope` (the courses meeting every other filter of the query).
   */
  match(query: CourseQuery, now: number, scope: Bits, all: Bits): SessionMatch {
    const state = this.#live(now);
    const filters = this.#filters(query, now);
    let perValue: Record<SessionFacetName, Bits[]>;
    let mask = all;
    let first: Int32Array | undefined;
    if (!filters) {
      state.unfiltered ??= this.#collect(state, undefined, now, undefined);
      perValue = state.unfiltered;
    } else {
      const m = { mask: new Uint32Array(this.words), first: new Int32Array(this.courses).fill(-1) };
      // The mask is over every course (the other facets count under it); the counts over the scope.
      perValue = this.#collect(state, filters, now, scope, m);
      mask = m.mask;
      first = m.first;
    }
    const facets = {} as Record<SessionFacetName, FacetValue[]>;
    const labels: Record<SessionFacetName, string[]> = {
      month: this.#months.labels,
      city: this.#cities.labels,
      region: this.#regions.labels,
      online: ['true'],
      open: ['true'],
      // The period the facet counts: the query's, or SOON_MONTHS (as #collect).
      withinMonths: [String(query.withinMonths ?? SOON_MONTHS)],
    };
    for (const facet of SESSION_FACETS) {
      const values: FacetValue[] = [];
      const selected = filters?.selected[facet] ?? [];
      perValue[facet].forEach((bits, id) => {
        const count = filters ? countBits(bits) : countAnd(bits, scope);
        const label = labels[facet][id];
        const chosen = selected.some((v) => (facet === 'city' ? foldText(v) === foldText(label) : v === label));
        if (count > 0 || chosen) values.push({ id: label, count });
      });
      for (const value of selected) {
        const known = values.some((v) => (facet === 'city' ? foldText(v.id) === foldText(value) : v.id === value));
        if (!known) values.push({ id: value, count: 0 });
      }
      facets[facet] = values;
    }
    return { mask, first, facets };
  }
}

