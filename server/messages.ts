/**
 * The server's French wording of field errors. The codes are the contract;
 * the widgets word them themselves, the server's words serve other clients.
 */
import { HONEYPOT, type FieldError } from '../src/api/schemas.js';


const FIELD_LABELS: Record<string, string> = {
  courseId: 'formation',
  sessionId: 'session',
  givenName: 'prénom',
  familyName: 'nom',
  email: 'adresse électronique',
  organisation: 'administration ou organisme',
  jobTitle: 'fonction',
  managerEmail: 'adresse électronique de votre responsable',
  accommodation: "besoins d'aménagement",
  comment: 'commentaire',
  privacyNoticeVersion: "version de la notice d'information",
  locale: 'langue',
  status: 'statut',
  skills: 'compétences',
  intent: 'proposition',
  training: 'formation proposée',
  'training.title': 'intitulé de la formation proposée',
  'training.summary': 'description de la formation proposée',
  'training.modes': 'modalités de la formation proposée',
  'training.duration': 'durée de la formation proposée',
  'training.audienceIds': 'publics de la formation proposée',
  availability: 'disponibilités',
  places: 'lieux',
  remote: 'intervention à distance',
  links: 'liens',
  [HONEYPOT]: 'site web',
};

function labelOf(field: string): string {
  const path = field.split('.').filter((part) => !/^\d+$/.test(part)).join('.');
  return FIELD_LABELS[path] ?? FIELD_LABELS[path.split('.')[0]] ?? field;
}

/** One French sentence per error code; the codes stay the contract, the words are the server's. */
export function frenchMessage(error: FieldError): FieldError {
  const label = labelOf(error.field);
  const messages: Record<string, string> = {
    required: `Ce champ est obligatoire : ${label}.`,
    too_long: `Ce texte est trop long : ${label}.`,
    too_many: `Trop de valeurs : ${label}.`,
    too_few: `Pas assez de valeurs : ${label}.`,
    invalid_email: `Adresse électronique invalide (${label}). Exemple : prenom.nom@exemple.gouv.fr.`,
    invalid_url: `Adresse web invalide (${label}) : elle doit commencer par https:// ou http://.`,
    unknown_field: `Champ inconnu : « ${error.field} ».`,
    not_found: error.field === 'sessionId' ? "Cette session n'existe pas pour cette formation." : 'Formation introuvable.',
    closed: 'Les inscriptions à cette session sont closes.',
    external: "L'inscription à cette formation se fait sur le site de l'organisme.",
    stale_notice: "La notice d'information a changé : relisez-la avant d'envoyer votre demande.",
    unknown_value: `Valeur inconnue : ${label}.`,
    control_characters: `Ce texte contient des caractères invisibles ou de contrôle : ${label}.`,
    no_visible_text: `Ce texte ne contient aucun caractère visible : ${label}.`,
    same_as_email: "L'adresse du responsable doit être celle d'une autre personne que vous.",
  };
  return { ...error, message: messages[error.code] ?? `Valeur invalide : ${label}.` };
}
