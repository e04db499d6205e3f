/** Messages of the enrol area (French, the source): `<enrol-form>`. */
export const enrol = {
  'enrol.heading': 'Demander une inscription',
  'enrol.course': 'Formation :',
  'enrol.session.legend': 'Session',
  'enrol.session.hint': 'Choisissez la session à laquelle vous souhaitez participer.',
  'enrol.session.online': 'En ligne',
  'enrol.session.seatsLeft': {
    zero: 'Plus aucune place',
    one: '{count} place restante',
    other: '{count} places restantes',
  },
  'enrol.session.full': 'Complet : votre demande sera inscrite sur la liste d’attente',
  'enrol.session.none': 'Aucune session de cette formation n’est ouverte aux inscriptions pour le moment.',
  'enrol.session.required': 'Choisissez une session.',
  'enrol.manager.legend': 'Accord de votre responsable',
  'enrol.manager.intro':
    'Cette formation demande l’accord de votre responsable hiérarchique : votre demande lui sera transmise.',
  'enrol.field.managerEmail': 'Adresse électronique de votre responsable hiérarchique',
  'enrol.field.managerEmail.required': 'Renseignez l’adresse électronique de votre responsable : cette formation demande son accord.',
  'enrol.needs.legend': 'Informations complémentaires',
  'enrol.field.accommodationNeeded': 'J’ai besoin d’un aménagement pour suivre cette formation',
  'enrol.field.accommodation': 'Aménagement souhaité',
  'enrol.field.accommodation.hint':
    'Décrivez ce qui vous serait utile (accès, supports, horaires…). Ne donnez aucune information médicale : elle n’est pas nécessaire.',
  'enrol.field.comment': 'Commentaire',
  'enrol.field.comment.hint': 'Une information utile à l’organisateur.',
  'enrol.submit': 'Envoyer ma demande d’inscription',
  'enrol.external.title': 'Inscription sur le site de l’organisme',
  'enrol.external.text': 'L’inscription à cette formation se fait sur le site {domain}.',
  'enrol.external.link': 'S’inscrire sur {domain}',
  'enrol.external.none': 'L’inscription à cette formation se fait auprès de l’organisme qui la propose.',
  'enrol.receipt.title': 'Votre demande d’inscription est enregistrée',
  'enrol.receipt.course': 'Formation',
  'enrol.receipt.session': 'Session',
  'enrol.receipt.status': 'État de la demande',
  'enrol.status.submitted': 'Demande reçue',
  'enrol.status.waitlisted': 'Sur liste d’attente',
  'enrol.status.pending_manager': 'En attente de l’accord de votre responsable',
  'enrol.status.other': 'Demande reçue',
  'enrol.next.confirm':
    'Un courriel vient de vous être envoyé à {email} : confirmez votre demande avec le lien qu’il contient dans les 48 heures, sans quoi elle sera annulée. Ce lien ouvre aussi votre espace, où suivre et annuler votre demande.',
  'enrol.next.submitted':
    'L’organisateur vous écrira à {email} pour vous confirmer votre place et vous donner les informations pratiques.',
  'enrol.next.waitlisted':
    'La session est complète : votre demande est inscrite sur la liste d’attente. Vous recevrez un message à {email} si une place se libère.',
  'enrol.next.pending_manager':
    'Cette formation demande l’accord de votre responsable ({manager}) : nous lui écrirons dès que vous aurez confirmé votre demande, et vous serez prévenu·e à {email} de sa réponse.',
  'enrol.next.other': 'L’organisateur vous écrira à {email} pour la suite.',
  'enrol.next.repeat':
    'Si vous aviez déjà fait une demande pour cette session, elle n’est enregistrée qu’une fois et rien ne change pour vous.',
  'enrol.ics.link': 'Ajouter à mon agenda',
  'enrol.ics.hint': '(fichier .ics)',
  'enrol.ics.tentative': 'Dans votre agenda, ces dates restent « provisoires » tant que votre place n’est pas confirmée.',
  'enrol.ics.description': 'Demande n° {reference} : {status}.',
} as const;
