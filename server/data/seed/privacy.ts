/**
 * The GDPR article 13 notices shown before each form is sent. Their wording
 * is the controller's; the widgets display it as given.
 */
const CONTROLLER =
  'Direction interministérielle du numérique (DINUM) – Campus du numérique public, 20 avenue de Ségur, 75007 Paris';
const CONTROLLER_CONTACT = 'campus@numerique.gouv.fr';
const DPO_CONTACT =
  'Déléguée ou délégué à la protection des données de la DINUM : dpd@numerique.gouv.fr, ou par courrier à la DINUM, à l’attention du délégué à la protection des données, 20 avenue de Ségur, 75007 Paris';
const LEGAL_BASIS =
  "Exécution d’une mission d’intérêt public dont est investi le responsable du traitement (article 6, paragraphe 1, point e, du règlement (UE) 2016/679, dit « RGPD »), à savoir le développement des compétences numériques des agents publics, qui relève de la mission de transformation numérique de l’État confiée à la DINUM par le décret n° 2019-1088 du 25 octobre 2019. Le traitement ne repose pas sur votre consentement.";
const RIGHTS =
  "Vous disposez d’un droit d’accès, de rectification, d’effacement et de limitation du traitement des données qui vous concernent, ainsi que d’un droit d’opposition pour des raisons tenant à votre situation particulière (articles 15 à 21 du RGPD). Pour exercer ces droits, écrivez à campus@numerique.gouv.fr ou à l’adresse postale du responsable du traitement, en précisant l’objet de votre demande ; une réponse vous est apportée dans un délai d’un mois, qui peut être prolongé de deux mois compte tenu de la complexité ou du nombre des demandes. En cas de doute raisonnable sur votre identité, un justificatif peut vous être demandé.";
const COMPLAINT =
  "Si vous estimez, après nous avoir contactés, que vos droits ne sont pas respectés, vous pouvez adresser une réclamation à la Commission nationale de l’informatique et des libertés (CNIL), 3 place de Fontenoy, TSA 80715, 75334 Paris Cedex 07, ou en ligne : https://www.cnil.fr/fr/plaintes.";

export const PRIVACY_NOTICES = [
  {
    id: 'inscription-campus',
    version: '2026-09-01',
    title: "Protection des données personnelles – demande d’inscription à une formation",
    controller: CONTROLLER,
    controllerContact: CONTROLLER_CONTACT,
    dpoContact: DPO_CONTACT,
    purpose:
      "Les données recueillies par ce formulaire servent à instruire votre demande d’inscription à une formation du Campus du numérique public : vérification de votre qualité d’agent public, constitution de la liste des participants, recueil de l’accord de votre responsable hiérarchique lorsque la formation l’exige, organisation de la session (convocation, adaptations de l’accueil), suivi de votre présence et établissement des statistiques anonymes du campus. Les champs marqués comme obligatoires sont nécessaires au traitement de votre demande ; sans eux, celle-ci ne peut aboutir. Le champ relatif à vos besoins d’aménagement est facultatif : décrivez l’adaptation attendue sans indiquer de détail médical.",
    legalBasis: LEGAL_BASIS,
    recipients: [
      "L’équipe du Campus du numérique public à la DINUM, dans la limite de ses attributions",
      "L’organisme qui organise la formation choisie et ses formatrices et formateurs, pour les seules données utiles à la tenue de la session",
      "Votre responsable hiérarchique, lorsque la formation requiert son accord, pour les seules données nécessaires à sa décision",
    ],
    transfers: "Aucun transfert hors de l’Union européenne. Les données sont hébergées en France.",
    retention:
      "Les données sont conservées trois ans à compter de la fin de la formation, puis supprimées ; une demande restée sans suite est supprimée un an après son dépôt. Les statistiques produites sont anonymes.",
    retentionPeriods: { afterSessionMonths: 36, unansweredMonths: 12 },
    rights: RIGHTS,
    complaint: COMPLAINT,
    updatedAt: '2026-09-01T10:00:00+02:00',
  },
  {
    id: 'candidature-formateur',
    version: '2026-09-01',
    title: 'Protection des données personnelles – candidature pour devenir formatrice ou formateur',
    controller: CONTROLLER,
    controllerContact: CONTROLLER_CONTACT,
    dpoContact: DPO_CONTACT,
    purpose:
      "Les données recueillies par ce formulaire servent à examiner votre candidature pour intervenir comme formatrice ou formateur occasionnel·le du Campus du numérique public, à vous recontacter pour construire ou programmer une formation et, si votre candidature est retenue, à constituer le vivier des formatrices et formateurs du campus. Les champs marqués comme obligatoires sont nécessaires à l’examen de votre candidature.",
    legalBasis: LEGAL_BASIS,
    recipients: [
      "L’équipe du Campus du numérique public à la DINUM, dans la limite de ses attributions",
      "Les responsables pédagogiques des organismes partenaires concernés par la formation que vous proposez, lorsque votre proposition leur est soumise",
    ],
    transfers: "Aucun transfert hors de l’Union européenne. Les données sont hébergées en France.",
    retention:
      "Une candidature non retenue est supprimée deux ans après son dépôt. Les données des formatrices et formateurs du vivier sont conservées tant qu’elles ou ils y figurent, puis trois ans après leur dernière intervention.",
    retentionPeriods: { unansweredMonths: 24, afterLastActivityMonths: 36 },
    rights: RIGHTS,
    complaint: COMPLAINT,
    updatedAt: '2026-09-01T10:00:00+02:00',
  },
  {
    id: 'inscription-atn',
    version: '2026-09-01',
    title: "Protection des données personnelles – inscription à une formation organisée avec l’Académie de la transformation numérique (Québec)",
    controller: CONTROLLER,
    controllerContact: CONTROLLER_CONTACT,
    dpoContact: DPO_CONTACT,
    purpose:
      "Les données recueillies par ce formulaire servent à instruire votre demande d’inscription à une formation organisée par l’Académie de la transformation numérique (ATN) de l’Université Laval dans le cadre du partenariat avec le Campus du numérique public : transmission de votre demande à l’ATN, recueil de l’accord de votre responsable hiérarchique lorsque la formation l’exige, organisation de la session et suivi de votre présence. Les champs marqués comme obligatoires sont nécessaires au traitement de votre demande. Le champ relatif à vos besoins d’aménagement est facultatif : décrivez l’adaptation attendue sans indiquer de détail médical.",
    legalBasis: LEGAL_BASIS,
    recipients: [
      "L’équipe du Campus du numérique public à la DINUM, dans la limite de ses attributions",
      "L’Académie de la transformation numérique de l’Université Laval (Québec, Canada), organisatrice de la formation, et ses formatrices et formateurs",
      "Votre responsable hiérarchique, lorsque la formation requiert son accord, pour les seules données nécessaires à sa décision",
    ],
    transfers:
      "Vos nom, prénom, adresse électronique, administration et fonction sont transmis à l’Académie de la transformation numérique de l’Université Laval, au Canada. Ce transfert est encadré par la décision d’adéquation de la Commission européenne relative au Canada (décision 2002/2/CE du 20 décembre 2001, confirmée lors de son réexamen de janvier 2024), qui reconnaît un niveau de protection adéquat aux données traitées par les organismes soumis à la législation canadienne applicable ; à défaut, il est encadré par les clauses contractuelles types adoptées par la Commission européenne, annexées à la convention de partenariat, dont une copie peut être obtenue auprès du responsable du traitement. L’ATN s’engage par cette convention à n’utiliser ces données que pour l’organisation de la formation.",
    retention:
      "Les données sont conservées trois ans à compter de la fin de la formation par la DINUM, et par l’ATN pour la durée fixée par la convention de partenariat, qui n’excède pas trois ans ; une demande restée sans suite est supprimée un an après son dépôt.",
    retentionPeriods: { afterSessionMonths: 36, unansweredMonths: 12 },
    rights: RIGHTS,
    complaint: COMPLAINT,
    updatedAt: '2026-09-01T10:00:00+02:00',
  },
];
