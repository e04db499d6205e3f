import type { MessageOverrides } from '../../core/locale.js';

/** Québec French: only what differs from the French catalogue. */
export const enrol: MessageOverrides = {};
