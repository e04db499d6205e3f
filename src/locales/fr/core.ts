/** Messages shared by every widget: states, errors and generic actions. */
export const core = {
  'core.loading': 'Chargement…',
  'core.retry': 'Réessayer',
  'core.error.network': 'Le service du Campus du numérique public est injoignable. Vérifiez votre connexion puis réessayez.',
  'core.error.timeout': 'Le service du Campus du numérique public met trop de temps à répondre. Réessayez dans un instant.',
  'core.error.server': 'Le service du Campus du numérique public rencontre un problème. Réessayez dans un instant.',
  'core.error.busy': 'Le service du Campus du numérique public est très sollicité. Réessayez dans un instant.',
  'core.error.notFound': 'Cette ressource est introuvable. Elle a peut-être été retirée du catalogue.',
  'core.error.invalid': 'Le service a envoyé une réponse illisible. Réessayez dans un instant.',
  'core.error.setup': 'Le catalogue du Campus du numérique public est indisponible sur ce site pour le moment.',
  'core.error.render': 'Ce contenu ne peut pas s’afficher pour le moment.',
  'core.partial': {
    one: '{count} élément illisible n’a pas pu être affiché.',
    other: '{count} éléments illisibles n’ont pas pu être affichés.',
  },
  'core.slot.zone': '{time} ({zone})',
  'core.zone': 'heure de {city}',
  'core.newWindow': 'nouvelle fenêtre',
  'core.free': 'Gratuit',
} as const;
