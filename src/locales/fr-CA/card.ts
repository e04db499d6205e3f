import type { MessageOverrides } from '../types.js';

/** Québec French: only what differs from the French catalogue. */
export const card: MessageOverrides = {
  'card.provider': 'Offert par {name}',
  'card.price': 'Coût :',
  'card.nextSession': 'Prochaine date : {date}',
  'card.waitlist': 'Liste d’attente ouverte',
};
