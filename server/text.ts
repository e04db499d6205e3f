/**
 * How the service reads words: text folded for search, the bounded words of a
 * query, and the synonyms list turned into alternatives. The course search
 * and the suggestions read words the same way, so a word that finds a course
 * in one finds it in the other.
 */
import type { Synonym } from '../src/api/schemas.js';

/**
 * Folds text for search: lower case, accents stripped (NFD), ligatures
 * expanded, every run of other characters turned into one space. Query words
 * fold the same way, so "sécurité" and "securite" both find "Cybersécurité".
 */
export function foldText(value: string): string {
  return value
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .replace(/ß/g, 'ss')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** Words too common to narrow a search; ignored when the query has others. */
export const STOP_WORDS: ReadonlySet<string> = new Set('a au aux avec d dans de des du en et l la le les pour par sur un une'.split(' '));

export const MAX_QUERY_WORDS = 10;
export const MAX_WORD_LENGTH = 64;

/** A query's words in the order typed: those that narrow, and the stop words. */
export interface ReadWords {
  words: string[];
  stops: string[];
}

/**
 * The folded words of a query, in order, each once. An elided or hyphenated
 * word splits in two and loses its one-letter part ("l'IA" → "ia",
 * "e-learning" → "learning"). Read word by word, each once, until ten distinct
 * words that are not stop words: the rest of a longer query is left out
 * (truncated, never refused), so the work grows with the query's length at most.
 */
export function readWords(q: string | undefined, work?: { steps: number }): ReadWords {
  const words = new Set<string>();
  const stops = new Set<string>();
  if (!q) return { words: [], stops: [] };
  for (const match of q.matchAll(/\S+/g)) {
    const raw = match[0].slice(0, MAX_WORD_LENGTH * 2);
    if (work) work.steps += raw.length;
    const parts = foldText(raw).split(' ').filter(Boolean);
    for (const whole of parts) {
      if (parts.length > 1 && whole.length <= 1) continue;
      const part = whole.slice(0, MAX_WORD_LENGTH);
      if (STOP_WORDS.has(part)) {
        if (stops.size < MAX_QUERY_WORDS) stops.add(part);
      } else if (words.size < MAX_QUERY_WORDS) words.add(part);
    }
    if (words.size >= MAX_QUERY_WORDS) break;
  }
  return { words: [...words], stops: [...stops] };
}

/**
 * The folded words of a query that a search needs: those that narrow (stop
 * words alone are still searched), a word contained in another left out.
 */
export function queryWords(q: string | undefined, work?: { steps: number }): string[] {
  const { words, stops } = readWords(q, work);
  const list = (words.length ? words : stops).slice(0, MAX_QUERY_WORDS);
  // A word contained in another adds nothing: every course matching the longer one matches it.
  list.sort((a, b) => b.length - a.length);
  return list.filter((w, i) => !list.slice(0, i).some((longer) => longer.includes(w)));
}

/** A word without its plural mark, so that "données personnelles" and "donnée personnelle" are one term. */
export const singular = (word: string): string => (word.length > 3 && /[^s]s$|[^x]x$/.test(word) ? word.slice(0, -1) : word);

/**
 * One word of an alternative: short words (acronyms: IA, SSI, UX) match a
 * whole word only, or "ia" would find "initiation"; longer ones match inside
 * a word, as typed words do ("securite" finds "cybersecurite").
 */
export interface AltWord {
  word: string;
  exact: boolean;
}

/** Words that must all match (a term of the synonyms list, or one typed word). */
export type Alternative = AltWord[];

/** A part of a query: any of its alternatives matches. */
export interface QueryGroup {
  alternatives: Alternative[];
  /** Whether the synonyms list gave the alternatives. */
  synonym: boolean;
}

const altWord = (word: string): AltWord => ({ word, exact: word.length <= 3 });

/** A term's words, read as a query's are (so "e-mail" is "mail" on both sides), stop words left out unless it has only those. */
function termWords(text: string): string[] {
  const { words, stops } = readWords(text);
  return words.length ? words : stops;
}

const keyOf = (words: readonly string[]): string => words.map(singular).join(' ');

/** A term of the list: its words, and what it finds. */
interface TermEntry {
  words: string[];
  alternatives: Alternative[];
}

/**
 * The synonyms list as lookups: each term (by its folded, singular words) and
 * the alternatives it finds — itself and the entry's `terms` for every term;
 * `from` terms find the entry's `terms` but are not found by them.
 */
export class SynonymIndex {
  readonly #byKey = new Map<string, TermEntry>();
  readonly maxWords: number;

  constructor(entries: readonly Synonym[]) {
    let maxWords = 0;
    for (const entry of entries) {
      const both = entry.terms.map((t) => termWords(t.text)).filter((w) => w.length);
      const oneWay = entry.from.map((t) => termWords(t.text)).filter((w) => w.length);
      for (const words of [...both, ...oneWay]) {
        const key = keyOf(words);
        const term = this.#byKey.get(key) ?? { words, alternatives: [] };
        this.#byKey.set(key, term);
        maxWords = Math.max(maxWords, words.length);
        const found = both.includes(words) ? both : [words, ...both];
        for (const alt of found) {
          const altKey = keyOf(alt);
          if (!term.alternatives.some((a) => keyOf(a.map((w) => w.word)) === altKey)) term.alternatives.push(alt.map((w) => altWord(singular(w))));
        }
      }
    }
    this.maxWords = maxWords;
  }

  get size(): number {
    return this.#byKey.size;
  }

  /**
   * A query's words as groups, in order: the longest run of words that is a
   * term of the list becomes one group of alternatives, any other word a
   * group of its own ("intelligence artificielle" is one group, found as
   * itself or as "IA").
   */
  groups(words: readonly string[]): QueryGroup[] {
    const out: QueryGroup[] = [];
    for (let i = 0; i < words.length; ) {
      let taken = 0;
      for (let n = Math.min(this.maxWords, words.length - i); n >= 1 && !taken; n--) {
        const term = this.#byKey.get(keyOf(words.slice(i, i + n)));
        if (term) {
          out.push({ alternatives: term.alternatives, synonym: true });
          taken = n;
        }
      }
      if (!taken) {
        out.push({ alternatives: [[{ word: words[i], exact: false }]], synonym: false });
        taken = 1;
      }
      i += taken;
    }
    return out;
  }

  /**
   * The terms the end of a query may be typing: the query's last `n` words
   * are a term's words, the last of them as a prefix ("phish" → phishing,
   * "intelligence art" → intelligence artificielle). Each with the number of
   * query words it covers.
   */
  completions(words: readonly string[], lastIsPrefix: boolean): { covers: number; alternatives: Alternative[] }[] {
    const out: { covers: number; alternatives: Alternative[] }[] = [];
    if (!words.length) return out;
    for (const term of this.#byKey.values()) {
      const n = term.words.length;
      if (n > words.length) continue;
      const tail = words.slice(words.length - n);
      const ok = tail.every((w, k) => {
        const t = term.words[k];
        if (k === n - 1 && lastIsPrefix) return t.startsWith(w) || singular(t).startsWith(singular(w));
        return singular(t) === singular(w);
      });
      if (ok) out.push({ covers: n, alternatives: term.alternatives });
    }
    return out;
  }
}

/** A query's groups: its words read and bounded, the synonyms applied, a word contained in another left out. */
export function queryGroups(q: string | undefined, synonyms: SynonymIndex, work?: { steps: number }): QueryGroup[] {
  const { words, stops } = readWords(q, work);
  const groups = synonyms.groups(words.length ? words : stops);
  // A typed word contained in another typed word adds nothing (as in `queryWords`).
  const plain = groups.filter((g) => !g.synonym).map((g) => g.alternatives[0][0].word);
  return groups.filter((g) => {
    if (g.synonym) return true;
    const word = g.alternatives[0][0].word;
    return !plain.some((other) => other !== word && other.includes(word));
  });
}
