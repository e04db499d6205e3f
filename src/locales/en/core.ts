import type { Message } from '../types.js';
import type { core as source } from '../fr/core.js';

export const core: Record<keyof typeof source, Message> = {
  'core.loading': 'Loading…',
  'core.retry': 'Try again',
  'core.error.network': 'The Campus du numérique public service cannot be reached. Check your connection and try again.',
  'core.error.timeout': 'The Campus du numérique public service is taking too long to answer. Try again in a moment.',
  'core.error.server': 'The Campus du numérique public service has a problem. Try again in a moment.',
  'core.error.busy': 'The Campus du numérique public service is very busy. Try again in a moment.',
  'core.error.notFound': 'This item cannot be found. It may have been withdrawn from the catalogue.',
  'core.error.invalid': 'The service sent an unreadable answer. Try again in a moment.',
  'core.error.setup': 'The Campus du numérique public catalogue is unavailable on this site for now.',
  'core.error.render': 'This content cannot be shown right now.',
  'core.partial': {
    one: '{count} unreadable item could not be shown.',
    other: '{count} unreadable items could not be shown.',
  },
  'core.slot.zone': '{time} ({zone})',
  'core.zone': '{city} time',
  'core.newWindow': 'new window',
  'core.free': 'Free',
};
