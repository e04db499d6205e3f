import type { Message } from '../types.js';
import type { card as source } from '../fr/card.js';

export const card: Record<keyof typeof source, Message> = {
  'card.notFound': 'This course cannot be found: it may have been withdrawn from the catalogue.',
  'card.kind': 'Type',
  'card.tags': 'Topics',
  'card.details': 'At a glance',
  'card.modes': 'Format:',
  'card.duration': 'Duration:',
  'card.level': 'Level:',
  'card.provider': 'Offered by {name}',
  'card.partners': 'In partnership with',
  'card.price': 'Price:',
  'card.nextSession': 'Next session: {date}',
  'card.online': 'Online',
  'card.seats': {
    one: '{count} seat left',
    other: '{count} seats left',
  },
  'card.full': 'Full',
  'card.waitlist': 'Waiting list',
};
