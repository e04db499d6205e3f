/**
 * The catalogue's reference data (vocabularies, expertises, audiences,
 * organisations) with lookups. Vocabularies are data: a value the library has
 * never seen is shown with the server's label, or as its id when the server
 * sent none.
 */
import type { CallOptions, CampusClient, ReferenceData } from './client.js';
import type { Expertise, Organisation, Term, Vocabularies } from './schemas.js';

export type VocabularyName = keyof Vocabularies | 'expertises' | 'audiences';

export class Reference {
  private readonly maps = new Map<VocabularyName, Map<string, Term>>();
  private readonly orgs: Map<string, Organisation>;

  constructor(
    readonly vocabularies: Vocabularies,
    readonly expertises: Expertise[],
    readonly audiences: Term[],
    readonly organisations: Organisation[],
  ) {
    for (const [name, terms] of Object.entries(vocabularies) as [VocabularyName, Term[]][]) {
      this.maps.set(name, new Map(terms.map((t) => [t.id, t])));
    }
    this.maps.set('expertises', new Map(expertises.map((t) => [t.id, t])));
    this.maps.set('audiences', new Map(audiences.map((t) => [t.id, t])));
    this.orgs = new Map(organisations.map((o) => [o.id, o]));
  }

  /** The terms of a vocabulary, in the server's order. */
  terms(name: VocabularyName): Term[] {
    return [...(this.maps.get(name)?.values() ?? [])];
  }

  term(name: VocabularyName, id: string): Term | undefined {
    return this.maps.get(name)?.get(id);
  }

  label(name: VocabularyName, id: string): string {
    return this.term(name, id)?.label ?? id;
  }

  organisation(id: string): Organisation | undefined {
    return this.orgs.get(id);
  }

  /** The sub-themes of an expertise. */
  children(expertiseId: string): Expertise[] {
    return this.expertises.filter((e) => e.parentId === expertiseId);
  }

  static empty(): Reference {
    return new Reference(
      {
        kinds: [],
        modes: [],
        levels: [],
        sessionStatuses: [],
        organisationKinds: [],
        trainerSkills: [],
        trainerStatuses: [],
        trainerIntents: [],
      },
      [],
      [],
      [],
    );
  }
}

/**
 * Loads the reference data in parallel. Each part is optional for display:
 * a part that fails leaves ids shown as they are rather than failing the widget,
 * unless the vocabularies say the API root is wrong (a `setup` error, thrown).
 * Loaded in full, it is the same object `cachedReference` returns while the parts stay cached.
 */
export async function loadReference(client: CampusClient, options?: CallOptions): Promise<Reference> {
  const empty = Reference.empty();
  const failed = { items: [], dropped: 0 };
  const parts = await Promise.all([
    // Vocabularies answered 404 or a web page: the root is wrong, and the widget says so.
    client.vocabularies(options).catch(rethrowAbort(empty.vocabularies, true)),
    client.expertises(options).catch(rethrowAbort(failed)),
    client.audiences(options).catch(rethrowAbort(failed)),
    client.organisations(options).catch(rethrowAbort(failed)),
  ]);
  // A part that failed is not remembered: the next widget asks again.
  if (parts[0] === empty.vocabularies || parts.includes(failed)) {
    return new Reference(parts[0], parts[1].items, parts[2].items, parts[3].items);
  }
  return referenceOf(parts);
}

/**
 * The reference data, if every part of it is in the page-wide cache: a widget
 * shows its labels in its first render rather than after a round of promises.
 */
export function cachedReference(client: CampusClient): Reference | undefined {
  const parts = client.cachedReferenceData();
  return parts && referenceOf(parts);
}

// Built once per set of cached answers (keyed by the vocabularies' answer), so every
// widget gets the same object and a list's cards see no new property.
const built = new WeakMap<Vocabularies, Reference>();
function referenceOf([vocabularies, expertises, audiences, organisations]: ReferenceData): Reference {
  const hit = built.get(vocabularies);
  if (hit && hit.expertises === expertises.items && hit.audiences === audiences.items && hit.organisations === organisations.items) return hit;
  const reference = new Reference(vocabularies, expertises.items, audiences.items, organisations.items);
  built.set(vocabularies, reference);
  return reference;
}

function rethrowAbort<T>(fallback: T, setup = false) {
  return (error: unknown): T => {
    const kind = (error as { kind?: string })?.kind;
    if (kind === 'aborted' || (setup && kind === 'setup')) throw error;
    return fallback;
  };
}
