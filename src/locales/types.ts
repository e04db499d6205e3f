/**
 * The shapes of messages and catalogues. A leaf module: the catalogues, the
 * configuration and the locale machinery all import it, and it imports no
 * code (only the French source's type, for the keys).
 */
import type { fr } from './fr.js';

export type LocaleId = 'fr' | 'en' | 'fr-CA';

/** A message: a string with `{name}` placeholders, or plural forms chosen by `{count}`. */
export type Message = string | PluralMessage;
export interface PluralMessage {
  zero?: string;
  one?: string;
  two?: string;
  few?: string;
  many?: string;
  other: string;
}
export type MessageKey = keyof typeof fr;
export type Catalogue = Record<MessageKey, Message>;
export type MessageOverrides = Partial<Record<MessageKey, Message>>;
export type MessageParams = Record<string, string | number>;
