/** Messages of the card area (French, the source). Session and place wording is shared with the detail. */
export const card = {
  'card.notFound': 'Cette formation est introuvable : elle a peut-être été retirée du catalogue.',
  'card.kind': 'Type',
  'card.tags': 'Thématiques',
  'card.details': 'En bref',
  'card.modes': 'Modalités :',
  'card.duration': 'Durée :',
  'card.level': 'Niveau :',
  'card.provider': 'Proposé par {name}',
  'card.partners': 'En partenariat avec',
  'card.price': 'Tarif :',
  'card.nextSession': 'Prochaine session : {date}',
  'card.online': 'En ligne',
  'card.seats': {
    one: '{count} place restante',
    other: '{count} places restantes',
  },
  'card.full': 'Complet',
  'card.waitlist': 'Liste d’attente',
} as const;
