/**
 * The filter groups of catalogue-list as data, from the API's facet counts
 * and the reference labels: which options each group offers, nested for the
 * expertises and their sub-themes.
 */
import type { CourseQuery, ListFilter } from '../api/query.js';
import type { Reference, VocabularyName } from '../api/reference.js';
import type { FacetValue } from '../api/schemas.js';
import { inScope, type ParentOf } from './query-state.js';

/** The filters offered to the reader, in the order shown (`partner` is a preset only). */
export const FACET_ORDER = ['expertise', 'audience', 'mode', 'kind', 'level', 'organisation', 'region', 'city'] as const;
export type ShownFacet = (typeof FACET_ORDER)[number];

const VOCABULARY: Record<Exclude<ShownFacet, 'organisation' | 'city'>, VocabularyName> = {
  expertise: 'expertises',
  audience: 'audiences',
  mode: 'modes',
  kind: 'kinds',
  level: 'levels',
  region: 'regions',
};

export interface FacetOption {
  id: string;
  label: string;
  count: number;
  checked: boolean;
  /** No result under the other filters: shown in place with 0, `aria-disabled` (never when checked). */
  disabled: boolean;
  /** Sub-themes of an expertise, when the facet sent them. */
  children: FacetOption[];
}

export interface FacetGroup {
  facet: ShownFacet;
  options: FacetOption[];
}

const parents = new WeakMap<Reference, ParentOf>();

/** The parent lookup of a reference's expertises, built once per reference. */
export function parentLookup(reference: Reference): ParentOf {
  let lookup = parents.get(reference);
  if (!lookup) {
    const map = new Map(reference.expertises.map((e) => [e.id, e.parentId]));
    lookup = (id) => map.get(id);
    parents.set(reference, lookup);
  }
  return lookup;
}

/** A value's label; a value the reference does not know shows its id. */
export function facetLabel(reference: Reference, facet: ShownFacet | 'partner', id: string): string {
  if (facet === 'city') return id;
  return facet === 'organisation' || facet === 'partner' ? (reference.organisation(id)?.name ?? id) : reference.label(VOCABULARY[facet], id);
}

/**
 * The values each facet has offered since the list's presets were set, in the
 * order the API gives them (stable): a value that has no result under the
 * reader's other filters stays in its place instead of vanishing under the
 * pointer, shown with 0. One per list; a new set of presets starts a new one.
 */
export class FacetMemory {
  readonly #seen = new Map<string, string[]>();

  /** Adds the values of an answer, each new one after the value it follows in that answer. */
  remember(facets: Readonly<Record<string, readonly FacetValue[]>>): void {
    for (const [facet, values] of Object.entries(facets)) {
      const order = this.#seen.get(facet) ?? [];
      const known = new Set(order);
      let at = -1;
      for (const { id } of values) {
        if (known.has(id)) {
          at = order.indexOf(id);
          continue;
        }
        order.splice(at + 1, 0, id);
        known.add(id);
        at++;
      }
      this.#seen.set(facet, order);
    }
  }

  /** The values a facet offered so far, in order. */
  values(facet: string): readonly string[] {
    return this.#seen.get(facet) ?? [];
  }
}

/**
 * The groups to show. A filter with presets offers only what narrows them (a
 * single preset value is a fixed constraint and is not offered); a group with
 * nothing to offer is left out. With a memory, values offered earlier and now
 * without result stay in place, with 0 and disabled (unless checked).
 */
export function facetGroups(
  facets: Readonly<Record<string, readonly FacetValue[]>>,
  reference: Reference,
  user: CourseQuery,
  preset: CourseQuery,
  memory?: FacetMemory,
): FacetGroup[] {
  const parentOf = parentLookup(reference);
  const groups: FacetGroup[] = [];
  for (const facet of FACET_ORDER) {
    const fixed = preset[facet] ?? [];
    const chosen = new Set(user[facet] ?? []);
    const counts = new Map((facets[facet] ?? []).map((v) => [v.id, v.count]));
    const ids = memory ? memory.values(facet) : [...counts.keys()];
    const values = ids.filter((id) => !fixed.length || (inScope(facet as ListFilter, id, fixed, parentOf) && !(fixed.length === 1 && fixed[0] === id)));
    const options = values.map<FacetOption>((id) => {
      const count = counts.get(id) ?? 0;
      const checked = chosen.has(id);
      return { id, label: facetLabel(reference, facet, id), count, checked, disabled: count === 0 && !checked, children: [] };
    });
    groups.push({ facet, options: facet === 'expertise' ? nest(options, parentOf) : options });
  }
  return groups.filter((g) => g.options.length > 0);
}

/** Sub-themes under their expertise when both are offered. */
function nest(options: FacetOption[], parentOf: ParentOf): FacetOption[] {
  const byId = new Map(options.map((o) => [o.id, o]));
  const roots: FacetOption[] = [];
  for (const option of options) {
    const parent = byId.get(parentOf(option.id) ?? '');
    if (parent && parent !== option) parent.children.push(option);
    else roots.push(option);
  }
  return roots;
}

/** The reader's choices whose chip text is the widget's own, not the service's. */
export type ChipWord = 'q' | 'month' | (typeof FLAGS)[number];
const FLAGS = ['withinMonths', 'from', 'to', 'online', 'open', 'free'] as const;

/** One of the reader's active choices, shown above the results as a removable chip. */
export interface Chip {
  /** Stable while the choice stays (`expertise:data`, `q`). */
  key: string;
  label: string;
  /** The label is the service's (French) text. */
  api?: boolean;
  /** The reader's state once this choice is removed. */
  without: CourseQuery;
}

/**
 * The reader's choices as chips, in the filters' order: the search words, each
 * value of each filter, the months, then the flags. Presets are not the reader's
 * and never appear. Removing an expertise also removes the sub-themes picked under
 * it, as unchecking it does. `word` gives the texts of the choices that are not data.
 */
export function activeChips(user: CourseQuery, reference: Reference, word: (name: ChipWord, value: string) => string): Chip[] {
  const chips: Chip[] = [];
  const q = user.q?.trim();
  if (q) chips.push({ key: 'q', label: word('q', q), without: { ...user, q: undefined } });
  const parentOf = parentLookup(reference);
  // A partner is a preset only, but a shared URL may carry one.
  for (const facet of [...FACET_ORDER, 'partner', 'month'] as const) {
    for (const id of user[facet] ?? []) {
      const values = (user[facet] ?? []).filter((v) => v !== id && !(facet === 'expertise' && parentOf(v) === id));
      const without = { ...user, [facet]: values };
      chips.push(facet === 'month' ? { key: `month:${id}`, label: word('month', id), without } : { key: `${facet}:${id}`, label: facetLabel(reference, facet, id), api: true, without });
    }
  }
  for (const name of FLAGS) {
    const value = user[name];
    if (value) chips.push({ key: name, label: word(name, String(value)), without: { ...user, [name]: undefined } });
  }
  return chips;
}
