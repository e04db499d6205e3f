import type { MessageOverrides } from '../types.js';

/** Québec French: only what differs from the French catalogue. */
export const form: MessageOverrides = {
  'form.error.invalid_email': 'Saisissez une adresse courriel valide, au format prenom.nom@organisme.gouv.qc.ca.',
  'form.warning.publicEmail':
    'Attention : ce courriel ne semble pas être celui d’une administration publique. Vérifiez qu’il s’agit bien de votre courriel professionnel; vous pouvez tout de même l’utiliser.',
  'form.field.email': 'Courriel professionnel',
  'form.field.email.hint': 'Par exemple : prenom.nom@organisme.gouv.qc.ca',
  'form.field.organisation': 'Ministère ou organisme',
  'form.field.organisation.hint': 'Par exemple : ministère de la Cybersécurité et du Numérique',
  'form.field.jobTitle': 'Titre d’emploi',
  'form.notice.title': 'Vos renseignements personnels',
  'form.notice.more': 'Tout savoir sur le traitement de vos renseignements personnels',
  'form.notice.dpo': 'Responsable de la protection des renseignements personnels',
  'form.send.failed': 'Votre demande n’a pas pu être envoyée. Les renseignements saisis sont conservés.',
  'form.draft.restored': 'Nous avons retrouvé les renseignements que vous aviez saisis dans ce formulaire.',
  'form.draft.restartHint': 'efface les renseignements saisis',
};
