import type { Message } from '../../core/locale.js';
import type { catalogue as source } from '../fr/catalogue.js';

export const catalogue: Record<keyof typeof source, Message> = {};
