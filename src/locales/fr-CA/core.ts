import type { MessageOverrides } from '../types.js';

/** Québec French: only what differs from the French catalogue. */
export const core: MessageOverrides = {
  'core.error.network': 'Le service du Campus du numérique public est inaccessible. Vérifiez votre connexion, puis réessayez.',
};
