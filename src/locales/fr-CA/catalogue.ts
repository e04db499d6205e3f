import type { MessageOverrides } from '../types.js';

/** Québec French: only what differs from the French catalogue. */
export const catalogue: MessageOverrides = {
  'catalogue.filter.audience': 'Clientèle visée',
  'catalogue.filter.mode': 'Mode de formation',
  'catalogue.filter.organisation': 'Organisme responsable',
  'catalogue.filter.freeOnly': 'Gratuites seulement',
  'catalogue.search.hint': 'Par mots clés : titre, description, objectifs.',
  'catalogue.sort.title': 'Titre (ordre alphabétique)',
};
