/**
 * The catalogue's in-memory index, built by each instance from the records in
 * its store (and rebuilt when the catalogue's version changes): normalised
 * with the contract's schemas, and indexed so that a filtered, faceted
 * `/courses` query over 10,000 courses costs well under a few milliseconds.
 *
 * The index keeps one bitset per filter value (a course is bit i), so a filter
 * is an OR of bitsets, several filters an AND, and a facet count a popcount;
 * search looks query words up among the distinct tokens of the folded text.
 * Seats are not here: they change with every request and are counted live.
 */
import {
  Audience,
  Course,
  Expertise,
  FACETS,
  Organisation,
  PrivacyNotice,
  Session,
  Synonym,
  Vocabularies,
  type FacetName,
  type FacetValue,
  type SessionSummary,
  type Suggestion,
  type Term,
} from '../src/api/schemas.js';
import { DEFAULT_PAGE_SIZE, hasSessionFilters, MAX_PAGE_SIZE, type CourseQuery } from '../src/api/query.js';
import { byStart, sessionStart, statusTakesRequests } from '../src/api/sessions.js';
import { SessionIndex } from './session-index.js';
import { countAnd, countBits, type Bits } from './bits.js';
import { Suggester, type Candidate } from './suggest.js';
import { foldText, queryGroups, SynonymIndex, type Alternative } from './text.js';
import type { Acceptance, CatalogueRecords, StoredCourse, StoredSession } from './storage/types.js';

/** The records an index is built from: a store's catalogue, or a fixture's. */
export type CatalogueData = Omit<CatalogueRecords, 'version'> & {
  /** The notice shown with trainer applications; found by its id otherwise (see `trainerNoticeId`). */
  trainerPrivacyNoticeId?: string;
};

export { foldText, MAX_QUERY_WORDS, MAX_WORD_LENGTH, queryWords } from './text.js';

// --------------------------------------------------------------- bitsets

const has = (bits: Bits, i: number): boolean => (bits[i >>> 5] & (1 << (i & 31))) !== 0;
const set = (bits: Bits, i: number): void => {
  bits[i >>> 5] |= 1 << (i & 31);
};

// ----------------------------------------------------------------- index

/** A session as the index keeps it: the contract's record, and the seats it starts from. */
export type IndexedSession = Session & Pick<StoredSession, 'seatsReserved' | 'autoPromote'>;

export interface SearchResult {
  /** Indices into `Catalogue.courses`, in order: the page, or every match with `all`. */
  page: number[];
  total: number;
  facets: Record<string, FacetValue[]>;
  /**
   * With session filters, per course of `page`, the first upcoming session
   * that meets them (a card then shows the session the reader asked for).
   */
  sessions?: (IndexedSession | undefined)[];
}

const sessionEnd = (s: Pick<Session, 'slots'>): number => Date.parse(s.slots[s.slots.length - 1].end);

/**
 * A session as the API sends it, its seats counted now: `held` requests hold
 * a seat besides those reserved. An open session with no seat left shows as
 * full; a status set by its organiser (full, waiting list, closed…) stays.
 */
export function publicSession(s: IndexedSession, held: number): Session {
  const { seatsReserved = 0, autoPromote: _auto, ...session } = s;
  if (session.capacity === undefined) return session;
  const seatsLeft = Math.max(0, session.capacity - seatsReserved - held);
  return { ...session, seatsLeft, status: session.status === 'open' && seatsLeft === 0 ? 'full' : session.status };
}

/** Keeps an http(s) URL or a root-relative path; the schema alone would drop the path. */
function keepUrl(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  if (value.startsWith('/') && !value.startsWith('//')) return value;
  return /^https?:\/\//.test(value) ? value : undefined;
}

function parseAll<T>(kind: string, raw: readonly unknown[], parse: (item: unknown) => T): T[] {
  const out: T[] = [];
  for (const item of raw) {
    try {
      out.push(parse(item));
    } catch {
      console.warn(`seed: ${kind} dropped, it cannot be shown: ${JSON.stringify(item).slice(0, 120)}`);
    }
  }
  return out;
}

/**
 * The indexed catalogue. Records are normalised through the contract's
 * schemas, so the server never sends what the contract does not describe.
 */
export class Catalogue {
  readonly expertises: Expertise[];
  readonly audiences: Term[];
  readonly organisations: Organisation[];
  readonly courses: Course[];
  readonly privacyNotices: PrivacyNotice[];
  readonly vocabularies: Vocabularies;
  readonly synonyms: Synonym[];
  readonly synonymIndex: SynonymIndex;
  readonly trainerNoticeId?: string;

  private readonly courseIndex = new Map<string, number>();
  private readonly acceptances = new Map<string, Acceptance>();
  private readonly sessionsByCourse = new Map<string, IndexedSession[]>();
  private readonly sessionById = new Map<string, IndexedSession>();
  private readonly nextSessions: (IndexedSession | undefined)[];
  private readonly words: number;
  private readonly all: Bits;
  private readonly valueBits = new Map<FacetName, Map<string, Bits>>();
  private readonly text: TextIndex;
  private readonly sessionIndex: SessionIndex;
  private readonly orders: Record<'title' | 'start' | 'updated', Int32Array>;

  constructor(seed: CatalogueData, now: number = Date.now()) {
    this.vocabularies = Vocabularies.parse(seed.vocabularies ?? {});
    this.expertises = parseAll('expertise', seed.expertises, (e) => Expertise.parse(e));
    this.audiences = parseAll('audience', seed.audiences, (a) => Audience.parse(a));
    this.organisations = parseAll('organisation', seed.organisations, (raw) => {
      const o = Organisation.parse({ ...(raw as object), logoUrl: undefined });
      const logoUrl = keepUrl((raw as Organisation).logoUrl);
      return logoUrl ? { ...o, logoUrl } : o;
    });
    this.courses = parseAll('course', seed.courses, (raw) => {
      const c = Course.parse({ ...(raw as object), imageUrl: undefined, nextSession: undefined });
      const imageUrl = keepUrl((raw as Course).imageUrl);
      if ((raw as StoredCourse).acceptance === 'auto') this.acceptances.set(c.id, 'auto');
      return imageUrl ? { ...c, imageUrl } : c;
    }).filter((c) => {
      if (this.courseIndex.has(c.id)) return false;
      this.courseIndex.set(c.id, this.courseIndex.size);
      return true;
    });
    this.privacyNotices = parseAll('privacy notice', seed.privacyNotices, (p) => PrivacyNotice.parse(p));
    this.synonyms = parseAll('synonym', seed.synonyms ?? [], (s) => Synonym.parse(s));
    this.synonymIndex = new SynonymIndex(this.synonyms);
    this.trainerNoticeId =
      seed.trainerPrivacyNoticeId ?? this.privacyNotices.find((p) => /formateur|trainer/i.test(p.id))?.id;

    const parseSession = (raw: unknown): IndexedSession => {
      const { seatsReserved, autoPromote } = raw as StoredSession;
      return { ...Session.parse(raw), seatsReserved: seatsReserved ?? 0, autoPromote: autoPromote !== false };
    };
    for (const s of parseAll('session', seed.sessions, parseSession)) {
      if (!this.courseIndex.has(s.courseId) || this.sessionById.has(s.id)) continue;
      this.sessionById.set(s.id, s);
      const list = this.sessionsByCourse.get(s.courseId) ?? [];
      list.push(s);
      this.sessionsByCourse.set(s.courseId, list);
    }
    for (const list of this.sessionsByCourse.values()) list.sort(byStart);

    const n = this.courses.length;
    this.words = Math.ceil(n / 32);
    this.all = new Uint32Array(this.words);
    for (let i = 0; i < n; i++) set(this.all, i);

    this.nextSessions = this.courses.map((c) =>
      (this.sessionsByCourse.get(c.id) ?? []).find((s) => sessionStart(s) >= now && statusTakesRequests(s.status)),
    );

    this.buildFacets();

    const indexed: { course: number; session: IndexedSession }[] = [];
    this.courses.forEach((c, course) => {
      for (const session of this.sessionsByCourse.get(c.id) ?? []) indexed.push({ course, session });
    });
    this.sessionIndex = new SessionIndex(indexed, n, this.words, (this.vocabularies.regions ?? []).map((r) => r.id));

    this.text = new TextIndex(
      this.courses.map((c) => ({ title: foldText(c.title), rest: [c.summary, ...c.objectives].map(foldText).join(' ') })),
      this.words,
    );

    const collator = new Intl.Collator('fr', { sensitivity: 'base', numeric: true });
    const byTitle = [...this.courses.keys()].sort((a, b) => collator.compare(this.courses[a].title, this.courses[b].title) || a - b);
    const rank = new Int32Array(n);
    byTitle.forEach((course, r) => (rank[course] = r));
    const startOf = (i: number) => {
      const s = this.nextSessions[i];
      return s ? sessionStart(s) : Infinity;
    };
    const updatedOf = (i: number) => {
      const u = this.courses[i].updatedAt;
      return u ? Date.parse(u) : -Infinity;
    };
    this.orders = {
      title: Int32Array.from(byTitle),
      start: Int32Array.from([...this.courses.keys()].sort((a, b) => startOf(a) - startOf(b) || rank[a] - rank[b])),
      updated: Int32Array.from([...this.courses.keys()].sort((a, b) => updatedOf(b) - updatedOf(a) || rank[a] - rank[b])),
    };
  }

  private buildFacets(): void {
    // Values are listed in the vocabularies' order, then in order of appearance.
    const known: Record<FacetName, string[]> = {
      expertise: this.expertises.map((e) => e.id),
      audience: this.audiences.map((a) => a.id),
      mode: this.vocabularies.modes.map((m) => m.id),
      kind: this.vocabularies.kinds.map((k) => k.id),
      organisation: this.organisations.map((o) => o.id),
      partner: this.organisations.map((o) => o.id),
      level: this.vocabularies.levels.map((l) => l.id),
      free: ['true', 'false'],
    };
    const parents = new Map(this.expertises.map((e) => [e.id, e.parentId]));
    // A course tagged with a sub-theme also belongs to every expertise above it.
    const withAncestors = (ids: string[]): string[] => {
      const out = new Set<string>();
      for (let id of ids) {
        for (let depth = 0; id && !out.has(id) && depth < 10; depth++) {
          out.add(id);
          id = parents.get(id) ?? '';
        }
      }
      return [...out];
    };
    const valuesOf = (c: Course): Record<FacetName, string[]> => ({
      expertise: withAncestors(c.expertiseIds),
      audience: c.audienceIds,
      mode: c.modes,
      kind: c.kind ? [c.kind] : [],
      organisation: c.providerId ? [c.providerId] : [],
      partner: c.partnerIds,
      level: c.level ? [c.level] : [],
      free: [String(c.isFree)],
    });
    const seen: Record<string, Map<string, Bits>> = {};
    for (const facet of FACETS) seen[facet] = new Map();
    this.courses.forEach((c, i) => {
      const values = valuesOf(c);
      for (const facet of FACETS) {
        for (const v of values[facet]) {
          let bits = seen[facet].get(v);
          if (!bits) seen[facet].set(v, (bits = new Uint32Array(this.words)));
          set(bits, i);
        }
      }
    });
    for (const facet of FACETS) {
      const ordered = new Map<string, Bits>();
      for (const id of known[facet]) {
        const bits = seen[facet].get(id);
        if (bits) ordered.set(id, bits);
      }
      for (const [id, bits] of seen[facet]) if (!ordered.has(id)) ordered.set(id, bits);
      this.valueBits.set(facet, ordered);
    }
  }

  #suggester?: Suggester;

  /** Suggestions for what a reader is typing (see `suggest.ts`). */
  suggest(q: string): Suggestion[] {
    this.#suggester ??= new Suggester(this.suggestionCandidates(), this.synonymIndex);
    return this.#suggester.suggest(q);
  }

  /** What may be suggested: expertises and organisations that lead to a course, and every course. */
  private suggestionCandidates(): Candidate[] {
    const words = (...texts: (string | undefined)[]) => texts.flatMap((t) => (t ? foldText(t).split(' ').filter(Boolean) : []));
    const out: Candidate[] = [];
    const withCourses = (facet: FacetName, id: string) => this.valueBits.get(facet)?.has(id) ?? false;
    for (const e of this.expertises) {
      if (withCourses('expertise', e.id)) out.push({ suggestion: { kind: 'expertise', label: e.label, filter: { name: 'expertise', value: e.id } }, words: words(e.label) });
    }
    for (const o of this.organisations) {
      // An organisation that runs courses filters on them; one that only co-brands, on those.
      const name = withCourses('organisation', o.id) ? 'organisation' : withCourses('partner', o.id) ? 'partner' : undefined;
      if (name) out.push({ suggestion: { kind: 'organisation', label: o.name, filter: { name, value: o.id } }, words: words(o.name, o.shortName) });
    }
    for (const c of this.courses) out.push({ suggestion: { kind: 'course', label: c.title, courseId: c.id }, words: words(c.title) });
    return out;
  }

  // ------------------------------------------------------------- lookups

  course(id: string): Course | undefined {
    const i = this.courseIndex.get(id);
    return i === undefined ? undefined : this.courses[i];
  }

  indexOf(id: string): number | undefined {
    return this.courseIndex.get(id);
  }

  courseAt(index: number): Course {
    return this.courses[index];
  }

  /** `staff` unless the course says its requests with a seat are accepted at once. */
  acceptance(courseId: string): Acceptance {
    return this.acceptances.get(courseId) ?? 'staff';
  }

  nextSessionAt(index: number): IndexedSession | undefined {
    return this.nextSessions[index];
  }

  session(id: string): IndexedSession | undefined {
    return this.sessionById.get(id);
  }

  /** A course's sessions that have not ended, by start. */
  sessionsOf(courseId: string, now: number = Date.now()): IndexedSession[] {
    return (this.sessionsByCourse.get(courseId) ?? []).filter((s) => sessionEnd(s) >= now);
  }

  privacyNotice(id: string): PrivacyNotice | undefined {
    return this.privacyNotices.find((p) => p.id === id);
  }

  // -------------------------------------------------------------- search

  private filterBits(facet: FacetName, values: readonly string[]): Bits {
    const index = this.valueBits.get(facet)!;
    const out = new Uint32Array(this.words);
    for (const v of values) {
      const bits = index.get(v);
      if (bits) for (let w = 0; w < out.length; w++) out[w] |= bits[w];
    }
    return out;
  }

  /** Courses whose text has every word of an alternative, and those whose title has them all. */
  private matchAlternative(alternative: Alternative): { any: Bits; title: Bits } {
    let any: Bits | undefined;
    let title: Bits | undefined;
    for (const { word, exact } of alternative) {
      const hit = exact ? this.text.matchWord(word) : this.text.match(word);
      if (!any || !title) {
        any = hit.any;
        title = hit.title;
        continue;
      }
      for (let w = 0; w < any.length; w++) {
        any[w] &= hit.any[w];
        title[w] &= hit.title[w];
      }
    }
    return { any: any ?? Uint32Array.from(this.all), title: title ?? new Uint32Array(this.words) };
  }

  /**
   * @param options.all every match rather than one page
   * @param options.now the time session filters are read at
   */
  search(query: CourseQuery, options: { all?: boolean; now?: number } = {}): SearchResult {
    const now = options.now ?? Date.now();
    const masks = new Map<FacetName, Bits>();
    for (const facet of FACETS) {
      if (facet === 'free') {
        if (query.free) masks.set('free', this.filterBits('free', ['true']));
        continue;
      }
      const values = query[facet];
      if (values?.length) masks.set(facet, this.filterBits(facet, values));
    }
    // Every group of the query must match (a typed word, or any alternative the synonyms
    // give it); where each one matched in a title is kept for relevance.
    const groups = queryGroups(query.q, this.synonymIndex);
    let base = this.all;
    const titleHits: Bits[] = [];
    for (const group of groups) {
      const any = new Uint32Array(this.words);
      const title = new Uint32Array(this.words);
      for (const alternative of group.alternatives) {
        const hit = this.matchAlternative(alternative);
        for (let w = 0; w < any.length; w++) {
          any[w] |= hit.any[w];
          title[w] |= hit.title[w];
        }
      }
      const narrowed = new Uint32Array(this.words);
      for (let w = 0; w < narrowed.length; w++) narrowed[w] = base[w] & any[w];
      base = narrowed;
      titleHits.push(title);
    }

    const courseLevel = (skip?: FacetName): Bits => {
      const out = Uint32Array.from(base);
      for (const [facet, mask] of masks) {
        if (facet === skip) continue;
        for (let w = 0; w < out.length; w++) out[w] &= mask[w];
      }
      return out;
    };
    // The session filters narrow every course facet; the session facets count under every course filter.
    const sessionMatch = this.sessionIndex.match(query, now, courseLevel(), this.all);
    const intersect = (skip?: FacetName): Bits => {
      const out = courseLevel(skip);
      for (let w = 0; w < out.length; w++) out[w] &= sessionMatch.mask[w];
      return out;
    };
    const result = intersect();

    // Disjunctive faceting: a facet counts under every active filter but its own.
    const facets: Record<string, FacetValue[]> = {};
    for (const facet of FACETS) {
      const scope = masks.has(facet) ? intersect(facet) : result;
      const selected = facet === 'free' ? (query.free ? ['true'] : []) : (query[facet] ?? []);
      const values: FacetValue[] = [];
      for (const [id, bits] of this.valueBits.get(facet)!) {
        const count = countAnd(scope, bits);
        if (count > 0 || selected.includes(id)) values.push({ id, count });
      }
      for (const id of selected) if (!this.valueBits.get(facet)!.has(id)) values.push({ id, count: 0 });
      facets[facet] = values;
    }
    Object.assign(facets, sessionMatch.facets);

    const total = countBits(result);
    const pageSize = Math.min(query.pageSize ?? DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
    const first = ((query.page ?? 1) - 1) * pageSize;
    const last = options.all ? total : Math.min(first + pageSize, total);
    const ordered: number[] = [];
    const sort = query.sort ?? 'relevance';
    if (sort === 'relevance') {
      if (groups.length) {
        // Every match has every word, so a score is its number of title hits: bucket, don't sort.
        const buckets: number[][] = [];
        for (let i = 0; i < this.courses.length; i++) {
          if (!has(result, i)) continue;
          let score = 0;
          for (const title of titleHits) if (has(title, i)) score++;
          (buckets[score] ??= []).push(i);
        }
        for (let s = buckets.length - 1; s >= 0 && ordered.length < last; s--) {
          if (buckets[s]) ordered.push(...buckets[s]);
        }
      } else {
        for (let i = 0; i < this.courses.length && ordered.length < last; i++) if (has(result, i)) ordered.push(i);
      }
    } else {
      const order = this.orders[sort];
      for (let r = 0; r < order.length && ordered.length < last; r++) if (has(result, order[r])) ordered.push(order[r]);
    }
    const page = options.all ? ordered : ordered.slice(first, last);
    const matched = sessionMatch.first;
    if (!matched || !hasSessionFilters(query)) return { page, total, facets };
    const sessions = page.map((i) => (matched[i] >= 0 ? this.sessionIndex.session(matched[i]) : undefined));
    return { page, total, facets, sessions };
  }
}

/** A token's courses: their indices, or a bitset once that is smaller. */
type Postings = Int32Array | Bits;

/**
 * Substring search over folded text through its distinct tokens: a query word
 * is looked up once in the string of all tokens (a few hundred KB), and the
 * courses of every token containing it are merged. "securite" thus finds the
 * token "cybersecurite".
 */
class TextIndex {
  private readonly tokens: string;
  private readonly tokenStarts: Int32Array;
  private readonly inText: Postings[] = [];
  private readonly inTitle: (Postings | undefined)[] = [];
  private readonly tokenIds = new Map<string, number>();

  constructor(
    fields: { title: string; rest: string }[],
    private readonly words: number,
  ) {
    const text = new Map<string, number[]>();
    const title = new Map<string, number[]>();
    const add = (map: Map<string, number[]>, token: string, i: number) => {
      const list = map.get(token);
      if (!list) map.set(token, [i]);
      else if (list[list.length - 1] !== i) list.push(i);
    };
    fields.forEach((f, i) => {
      for (const token of f.title.split(' ')) if (token) add(title, token, i), add(text, token, i);
      for (const token of f.rest.split(' ')) if (token) add(text, token, i);
    });
    const list = [...text.keys()];
    this.tokenStarts = new Int32Array(list.length + 1);
    let offset = 0;
    list.forEach((token, t) => {
      this.tokenIds.set(token, t);
      this.tokenStarts[t] = offset;
      offset += token.length + 1;
      this.inText.push(this.postings(text.get(token)!));
      const inTitle = title.get(token);
      this.inTitle.push(inTitle && this.postings(inTitle));
    });
    this.tokenStarts[list.length] = offset;
    this.tokens = list.map((t) => `${t}\n`).join('');
  }

  private postings(courses: number[]): Postings {
    if (courses.length < this.words) return Int32Array.from(courses);
    const bits = new Uint32Array(this.words);
    for (const i of courses) set(bits, i);
    return bits;
  }

  private static merge(into: Bits, postings: Postings): void {
    if (postings instanceof Uint32Array) for (let w = 0; w < into.length; w++) into[w] |= postings[w];
    else for (let k = 0; k < postings.length; k++) set(into, postings[k]);
  }

  /** Courses whose text has this whole word, and those whose title has it. */
  matchWord(word: string): { any: Bits; title: Bits } {
    const any = new Uint32Array(this.words);
    const title = new Uint32Array(this.words);
    const t = this.tokenIds.get(word);
    if (t !== undefined) {
      TextIndex.merge(any, this.inText[t]);
      const inTitle = this.inTitle[t];
      if (inTitle) TextIndex.merge(title, inTitle);
    }
    return { any, title };
  }

  /** Courses whose text contains the word, and those whose title does. */
  match(needle: string): { any: Bits; title: Bits } {
    const any = new Uint32Array(this.words);
    const title = new Uint32Array(this.words);
    const starts = this.tokenStarts;
    let pos = this.tokens.indexOf(needle);
    while (pos !== -1) {
      let lo = 0;
      let hi = starts.length - 2;
      while (lo < hi) {
        const mid = (lo + hi + 1) >>> 1;
        if (starts[mid] <= pos) lo = mid;
        else hi = mid - 1;
      }
      TextIndex.merge(any, this.inText[lo]);
      const inTitle = this.inTitle[lo];
      if (inTitle) TextIndex.merge(title, inTitle);
      pos = this.tokens.indexOf(needle, starts[lo + 1]);
    }
    return { any, title };
  }
}

/** What a course card shows of its next session. */
export function sessionSummary(s: Session): SessionSummary {
  const summary: SessionSummary = {
    id: s.id,
    start: s.slots[0].start,
    end: s.slots[s.slots.length - 1].end,
    mode: s.mode,
    online: s.online,
    status: s.status,
  };
  if (s.location?.city) summary.city = s.location.city;
  if (s.location?.region) summary.region = s.location.region;
  if (s.seatsLeft !== undefined) summary.seatsLeft = s.seatsLeft;
  return summary;
}
