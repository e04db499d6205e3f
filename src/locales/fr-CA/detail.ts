import type { MessageOverrides } from '../types.js';

/** Québec French: only what differs from the French catalogue. */
export const detail: MessageOverrides = {
  'detail.audiences': 'Clientèle visée',
  'detail.prerequisites': 'Préalables',
  'detail.price': 'Coût',
  'detail.enrol.request': 'Demander une inscription',
  'detail.enrol.waitlist': 'S’inscrire à la liste d’attente',
  'detail.enrol.closed': 'Période d’inscription terminée',
  'detail.enrol.opens': 'Période d’inscription à compter du {date}',
  'detail.managerApproval': 'L’autorisation de votre gestionnaire est requise.',
};
