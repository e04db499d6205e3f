import type { Message } from '../../core/locale.js';
import type { card as source } from '../fr/card.js';

export const card: Record<keyof typeof source, Message> = {};
