import type { Message } from '../../core/locale.js';
import type { enrol as source } from '../fr/enrol.js';

export const enrol: Record<keyof typeof source, Message> = {};
