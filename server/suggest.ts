/**
 * Suggestions as a reader types (`GET /suggest?q=`): course titles, expertises
 * and organisations whose words hold every word typed, the last one as the
 * start of a word, accents and case ignored, and
 * what the synonyms list says the words also mean ("phish" suggests the
 * courses on hameçonnage). Only what leads somewhere is suggested: an
 * expertise or an organisation with at least one course.
 */
import { SUGGEST_LIMIT, SUGGEST_MIN_LENGTH, type Suggestion } from '../src/api/schemas.js';
import { foldText, MAX_QUERY_WORDS, MAX_WORD_LENGTH, singular, STOP_WORDS, type Alternative, type SynonymIndex } from './text.js';

/** Something that may be suggested, with its words as searched. */
export interface Candidate {
  suggestion: Suggestion;
  /** Folded words of its label (and of its other names). */
  words: string[];
}

interface Indexed extends Candidate {
  order: number;
  singulars: Set<string>;
}

/** Expertises first (they narrow the list most), then organisations, then courses. */
const KIND_ORDER: Record<string, number> = { expertise: 0, organisation: 1, course: 2 };

/**
 * A query's folded words in order, each once: at most 10 distinct words of at
 * most 64 characters (issue 14's rule for `q`), the rest left out, never refused.
 */
export function suggestWords(q: string, work?: { steps: number }): string[] {
  const words = new Set<string>();
  for (const match of q.matchAll(/\S+/g)) {
    const raw = match[0].slice(0, MAX_WORD_LENGTH * 2);
    if (work) work.steps += raw.length;
    const parts = foldText(raw).split(' ').filter(Boolean);
    for (const whole of parts) {
      if (parts.length > 1 && whole.length <= 1) continue;
      if (words.size < MAX_QUERY_WORDS) words.add(whole.slice(0, MAX_WORD_LENGTH));
    }
    if (words.size >= MAX_QUERY_WORDS) break;
  }
  return [...words];
}

export class Suggester {
  readonly #candidates: Indexed[];
  readonly #collator = new Intl.Collator('fr', { sensitivity: 'base', numeric: true });
  /** Candidates by word, by the word's singular, and the distinct words sorted (for prefixes). */
  readonly #byWord = new Map<string, number[]>();
  readonly #bySingular = new Map<string, number[]>();
  readonly #sorted: string[];

  constructor(
    candidates: readonly Candidate[],
    private readonly synonyms: SynonymIndex,
  ) {
    this.#candidates = candidates.map((c) => ({
      ...c,
      order: KIND_ORDER[c.suggestion.kind] ?? 3,
      singulars: new Set(c.words.map(singular)),
    }));
    const add = (map: Map<string, number[]>, key: string, i: number) => {
      const list = map.get(key);
      if (!list) map.set(key, [i]);
      else if (list[list.length - 1] !== i) list.push(i);
    };
    this.#candidates.forEach((c, i) => {
      for (const w of c.words) add(this.#byWord, w, i);
      for (const w of c.singulars) add(this.#bySingular, w, i);
    });
    this.#sorted = [...this.#byWord.keys()].sort();
  }

  /** Candidates with a word starting with `prefix` (a binary search in the sorted words). */
  #withPrefix(prefix: string): Set<number> {
    const out = new Set<number>();
    const words = this.#sorted;
    let lo = 0;
    let hi = words.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (words[mid] < prefix) lo = mid + 1;
      else hi = mid;
    }
    for (let k = lo; k < words.length && words[k].startsWith(prefix); k++) for (const i of this.#byWord.get(words[k])!) out.add(i);
    return out;
  }

  /** Candidates with this whole word (singular or plural). */
  #withWord(word: string): Set<number> {
    return new Set([...(this.#bySingular.get(singular(word)) ?? []), ...(this.#byWord.get(word) ?? [])]);
  }

  /** Candidates with a word containing `part`. */
  #containing(part: string): Set<number> {
    const out = new Set<number>();
    for (const [word, list] of this.#byWord) if (word.includes(part)) for (const i of list) out.add(i);
    return out;
  }

  /** Candidates holding every word of an alternative (whole words for acronyms, inside a word otherwise). */
  #holding(alternative: Alternative): Set<number> {
    return intersect(alternative.map(({ word, exact }) => (exact ? this.#withWord(word) : this.#containing(word))));
  }

  /** The suggestions for `q`: at most `limit`, best first; none for fewer than 2 letters or digits. */
  suggest(q: string, limit: number = SUGGEST_LIMIT): Suggestion[] {
    const words = suggestWords(q);
    if (words.join('').length < SUGGEST_MIN_LENGTH) return [];
    // The last word is being typed: it is the start of a word; the others are whole words.
    const last = words[words.length - 1];
    const earlier = withoutStops(words.slice(0, -1));
    const rank = new Map<number, number>();
    const better = (i: number, r: number) => {
      if (r < (rank.get(i) ?? Infinity)) rank.set(i, r);
    };

    for (const i of intersect([...earlier.map((w) => this.#withWord(w)), this.#withPrefix(last)])) {
      better(i, startsWithQuery(this.#candidates[i].words, words, true) ? 0 : 2);
    }
    // What the words also mean ranks just after what they say: "IA" suggests « Intelligence
    // artificielle » before a title that merely holds "IA" further on.
    for (const { covers, alternatives } of this.synonyms.completions(words, true)) {
      const leading = withoutStops(words.slice(0, words.length - covers));
      const within = leading.length ? intersect(leading.map((w) => this.#withWord(w))) : undefined;
      for (const alternative of alternatives) {
        const altWords = alternative.map((a) => a.word);
        for (const i of this.#holding(alternative)) {
          if (within && !within.has(i)) continue;
          better(i, !leading.length && startsWithQuery(this.#candidates[i].words, altWords, false) ? 1 : 3);
        }
      }
    }

    const ranked = [...rank].map(([i, r]) => ({ c: this.#candidates[i], rank: r }));
    ranked.sort(
      (a, b) =>
        a.rank - b.rank ||
        a.c.order - b.c.order ||
        a.c.suggestion.label.length - b.c.suggestion.label.length ||
        this.#collator.compare(a.c.suggestion.label, b.c.suggestion.label),
    );
    return ranked.slice(0, limit).map((r) => r.c.suggestion);
  }
}

/** The members of every set (the smallest one walked). */
function intersect(sets: Set<number>[]): Set<number> {
  if (!sets.length) return new Set();
  const [smallest, ...others] = [...sets].sort((a, b) => a.size - b.size);
  return new Set([...smallest].filter((i) => others.every((s) => s.has(i))));
}

function withoutStops(words: string[]): string[] {
  return words.filter((w) => !STOP_WORDS.has(w));
}

/** Whether the label begins with what was typed. */
function startsWithQuery(label: string[], words: string[], lastIsPrefix: boolean): boolean {
  if (words.length > label.length) return false;
  return words.every((w, k) => (k === words.length - 1 && lastIsPrefix ? label[k].startsWith(w) : singular(label[k]) === singular(w)));
}
