import type { Message } from '../../core/locale.js';
import type { form as source } from '../fr/form.js';

export const form: Record<keyof typeof source, Message> = {};
