import type { MessageOverrides } from '../types.js';

/** Québec French: only what differs from the French catalogue. */
export const trainer: MessageOverrides = {
  'trainer.intro':
    'Vous travaillez dans l’administration publique ou êtes experte ou expert d’intérêt général, et vous voulez partager vos compétences numériques? Proposez une formation que vous donnez déjà, une idée de programme, ou demandez de l’aide pour en bâtir une.',
  'trainer.field.availability.hint': 'Par exemple : 2 jours par trimestre',
  'trainer.field.places': 'Endroits où vous pouvez intervenir',
  'trainer.field.places.hint': 'Par exemple : Montréal, Québec, Gatineau',
  'trainer.receipt.next': 'L’équipe du Campus du numérique public étudiera votre candidature et vous répondra par courriel à {email}.',
};
