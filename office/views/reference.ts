/**
 * The catalogue's vocabularies as the public API gives them (skills,
 * expertises, intents, statuses, modes, regions), loaded once for the office's labels.
 */
import type { Term } from '../api.js';

export interface Reference {
  trainerSkills: Term[];
  trainerIntents: Term[];
  trainerStatuses: Term[];
  modes: Term[];
  audiences: Term[];
  expertises: Term[];
  /** Where sessions are held: ISO 3166-2 codes. */
  regions: Term[];
}

let loading: Promise<Reference> | undefined;

async function json<T>(path: string): Promise<T> {
  const response = await fetch(path, { headers: { Accept: 'application/json' } });
  if (!response.ok) throw new Error(`${path}: ${response.status}`);
  return (await response.json()) as T;
}

export function reference(): Promise<Reference> {
  loading ??= (async () => {
    const [vocab, expertises, audiences] = await Promise.all([
      json<Record<string, Term[]>>('/api/v1/vocabularies'),
      json<{ items: Term[] }>('/api/v1/expertises'),
      json<{ items: Term[] }>('/api/v1/audiences'),
    ]);
    return {
      trainerSkills: vocab.trainerSkills ?? [],
      trainerIntents: vocab.trainerIntents ?? [],
      trainerStatuses: vocab.trainerStatuses ?? [],
      modes: vocab.modes ?? [],
      regions: vocab.regions ?? [],
      audiences: audiences.items,
      expertises: expertises.items,
    };
  })();
  loading.catch(() => (loading = undefined));
  return loading;
}

export const labelOf = (terms: readonly Term[] | undefined, id: string) => terms?.find((t) => t.id === id)?.label ?? id;
