import type { Message } from '../../core/locale.js';
import type { detail as source } from '../fr/detail.js';

export const detail: Record<keyof typeof source, Message> = {};
