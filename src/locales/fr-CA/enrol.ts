import type { MessageOverrides } from '../types.js';

/** Québec French: only what differs from the French catalogue. */
export const enrol: MessageOverrides = {
  'enrol.manager.legend': 'Approbation de votre gestionnaire',
  'enrol.manager.intro': 'Cette formation demande l’approbation de votre gestionnaire : votre demande lui sera transmise.',
  'enrol.field.managerEmail': 'Courriel de votre gestionnaire',
  'enrol.field.managerEmail.required': 'Saisissez le courriel de votre gestionnaire : cette formation demande son approbation.',
  'enrol.field.accommodationNeeded': 'J’ai besoin d’une mesure d’accommodement pour suivre cette formation',
  'enrol.field.accommodation': 'Mesure d’accommodement souhaitée',
  'enrol.alert.email': 'Adresse courriel',
  'enrol.alert.heading': 'Être avisé·e de la prochaine session',
  'enrol.status.pending_manager': 'En attente de l’approbation de votre gestionnaire',
  'enrol.next.submitted': 'L’organisateur vous écrira à {email} pour confirmer votre place et vous donner l’information pratique.',
  'enrol.next.waitlisted':
    'La session est complète : votre demande est inscrite sur la liste d’attente. Vous recevrez un courriel à {email} si une place se libère.',
  'enrol.next.pending_manager':
    'Cette formation demande l’approbation de votre gestionnaire ({manager}) : nous lui écrirons dès que vous aurez confirmé votre demande, et vous serez avisé·e à {email} de sa réponse.',
  'enrol.next.confirm':
    'Un courriel vient de vous être envoyé à {email} : confirmez votre demande avec le lien qu’il contient dans les 48 heures, sans quoi elle sera annulée. Ce lien ouvre aussi votre espace, où suivre et annuler votre demande.',
  'enrol.ics.link': 'Ajouter à mon calendrier',
  'enrol.ics.tentative': 'Dans votre calendrier, ces dates restent « provisoires » tant que votre place n’est pas confirmée.',
};
