import type { Message } from '../../core/locale.js';
import type { trainer as source } from '../fr/trainer.js';

export const trainer: Record<keyof typeof source, Message> = {};
