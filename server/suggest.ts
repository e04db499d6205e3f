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

  constructor(
    candidates: readonly Candidate[],
    private readonly synonyms: SynonymIndex,
  ) {
    this.#candidates = candidates.map((c) => ({
      ...c,
      order: KIND_ORDER[c.suggestion.kind] ?? 3,
      singulars: new Set(c.words.map(singular)),
    }));
  }

  /** The suggestions for `q`: at most `limit`, best first; none for fewer than 2 letters or digits. */
  suggest(q: string, limit: number = SUGGEST_LIMIT): Suggestion[] {
    const words = suggestWords(q);
    // The last word is being typed: it is the start of a word.
    const lastIsPrefix = true;
    if (words.join('').length < SUGGEST_MIN_LENGTH) return [];
    const last = words[words.length - 1];
    const earlier = withoutStops(words.slice(0, -1));
    const completions = this.synonyms.completions(words, lastIsPrefix).map((c) => ({
      leading: withoutStops(words.slice(0, words.length - c.covers)),
      alternatives: c.alternatives,
    }));

    const ranked: { c: Indexed; rank: number }[] = [];
    for (const c of this.#candidates) {
      let rank = Infinity;
      if (earlier.every((w) => c.singulars.has(singular(w)))) {
        const at = c.words.findIndex((w) => (lastIsPrefix ? w.startsWith(last) : singular(w) === singular(last)));
        if (at >= 0) rank = startsWithQuery(c.words, words, lastIsPrefix) ? 0 : 2;
      }
      // What the words also mean ranks just after what they say: "IA" suggests « Intelligence artificielle »
      // before a title that merely holds "IA" further on.
      for (const { leading, alternatives } of completions) {
        if (rank === 0 || !leading.every((w) => c.singulars.has(singular(w)))) continue;
        for (const alternative of alternatives) {
          if (!holds(c, alternative)) continue;
          const words = alternative.map((a) => a.word);
          rank = Math.min(rank, !leading.length && startsWithQuery(c.words, words, false) ? 1 : 3);
        }
      }
      if (rank <= 3) ranked.push({ c, rank });
    }
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

function withoutStops(words: string[]): string[] {
  return words.filter((w) => !STOP_WORDS.has(w));
}

/** Whether the label begins with what was typed. */
function startsWithQuery(label: string[], words: string[], lastIsPrefix: boolean): boolean {
  if (words.length > label.length) return false;
  return words.every((w, k) => (k === words.length - 1 && lastIsPrefix ? label[k].startsWith(w) : singular(label[k]) === singular(w)));
}

/** Whether a candidate's words hold every word of an alternative (whole words for acronyms, inside a word otherwise). */
function holds(c: Indexed, alternative: Alternative): boolean {
  return alternative.every(({ word, exact }) => (exact ? c.singulars.has(word) || c.words.includes(word) : c.words.some((w) => w.includes(word))));
}
