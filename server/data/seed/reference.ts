/**
 * The reference lists of the seed: expertises and their sub-themes, audiences,
 * vocabularies and organisations. Hand-written; the builder validates them.
 */

export interface ExpertiseRecord {
  id: string;
  label: string;
  parentId?: string;
  description: string;
}

export const EXPERTISES: ExpertiseRecord[] = [
  {
    id: 'agilite-produit',
    label: 'Agilité et produit',
    description:
      "Construire des services publics numériques utiles en partant des besoins des usagers : approche produit, méthodes agiles, pilotage par l’impact et travail en équipe pluridisciplinaire.",
  },
  {
    id: 'communs-logiciels-libres',
    label: 'Communs et logiciels libres',
    description:
      "Utiliser, publier et contribuer aux logiciels libres et aux communs numériques : licences, gouvernance ouverte, mutualisation entre administrations et souveraineté.",
  },
  {
    id: 'cybersecurite',
    label: 'Cybersécurité',
    description:
      "Protéger les systèmes d’information et les données de l’administration : hygiène informatique, gestion des risques, homologation de sécurité et réaction aux incidents.",
  },
  {
    id: 'data',
    label: 'Data',
    description:
      "Valoriser les données publiques : gouvernance, qualité, ouverture, analyse et visualisation, dans le respect du cadre juridique de la protection des données.",
  },
  {
    id: 'design-accessibilite',
    label: 'Design et accessibilité',
    description:
      "Concevoir des services simples et inclusifs : recherche utilisateur, design de service, système de design de l’État et conformité au RGAA.",
  },
  {
    id: 'environnement-numerique-travail',
    label: 'Environnement numérique de travail',
    description:
      "Tirer le meilleur des outils collaboratifs de l’État (messagerie, visioconférence, documents partagés) et accompagner les équipes dans de nouvelles façons de travailler.",
  },
  {
    id: 'numerique-responsable',
    label: 'Numérique responsable',
    description:
      "Mesurer et réduire l’empreinte environnementale du numérique public : écoconception des services, achats responsables, allongement de la durée de vie des équipements.",
  },
  {
    id: 'technologie-infrastructures',
    label: 'Technologie et infrastructures numériques',
    description:
      "Comprendre et piloter les socles techniques de l’État, cloud compris : hébergement, réseaux, architecture, API et exploitation des services.",
  },
  {
    id: 'transformation-numerique',
    label: 'Transformation numérique',
    description:
      "Conduire la transformation numérique d’une administration : stratégie, pilotage des grands projets, achat public numérique, conduite du changement et management.",
  },
  {
    id: 'intelligence-artificielle',
    label: 'Intelligence artificielle',
    description:
      "Comprendre l’intelligence artificielle et l’utiliser avec discernement au service des missions publiques : usages, limites, cadre juridique européen et éthique. Priorité du campus pour 2026.",
  },
  {
    id: 'cyber-sensibilisation',
    label: 'Sensibilisation à la cybersécurité',
    parentId: 'cybersecurite',
    description: "Les bons réflexes de tous les agents face aux menaces courantes : hameçonnage, mots de passe, mobilité.",
  },
  {
    id: 'cyber-gouvernance',
    label: 'Gouvernance de la sécurité',
    parentId: 'cybersecurite',
    description: "Piloter la sécurité d’un système d’information : analyse de risques, homologation, gestion de crise.",
  },
  {
    id: 'data-gouvernance',
    label: 'Gouvernance des données',
    parentId: 'data',
    description: "Organiser la circulation, la qualité et l’ouverture des données au sein d’une administration.",
  },
  {
    id: 'data-visualisation',
    label: 'Visualisation de données',
    parentId: 'data',
    description: 'Rendre les données lisibles : tableaux de bord, graphiques et récits de données.',
  },
  {
    id: 'ia-generative',
    label: 'IA générative',
    parentId: 'intelligence-artificielle',
    description: 'Les assistants conversationnels et modèles de langage : usages professionnels, requêtes, vérification des résultats.',
  },
  {
    id: 'ia-ethique',
    label: 'Éthique et cadre juridique de l’IA',
    parentId: 'intelligence-artificielle',
    description: "Le règlement européen sur l’IA, la transparence des algorithmes publics et la maîtrise des biais.",
  },
  {
    id: 'accessibilite-rgaa',
    label: 'Accessibilité numérique (RGAA)',
    parentId: 'design-accessibilite',
    description: "Le référentiel général d’amélioration de l’accessibilité : audit, correction et déclaration d’accessibilité.",
  },
];

export const AUDIENCES = [
  {
    id: 'tous-agents',
    label: 'Tous les agents publics',
    description: 'Toute personne travaillant pour une administration, quel que soit son métier ou son statut.',
  },
  {
    id: 'encadrement',
    label: 'Managers et encadrement intermédiaire',
    description: "Cheffes et chefs de bureau, de service ou d’équipe qui animent des collectifs de travail.",
  },
  {
    id: 'cadres-dirigeants',
    label: 'Cadres dirigeants',
    description: "Directrices et directeurs d’administration centrale, secrétaires généraux et cadres supérieurs de l’État.",
  },
  {
    id: 'agents-numerique',
    label: 'Agents des métiers du numérique',
    description: 'Développeurs, administrateurs systèmes, architectes, data scientists, designers et autres métiers de la filière numérique.',
  },
  {
    id: 'chefs-projet',
    label: 'Cheffes et chefs de projet',
    description: 'Personnes qui pilotent un projet ou un produit numérique, côté métier comme côté informatique.',
  },
  {
    id: 'rh-formation',
    label: 'Professionnels RH et formation',
    description: 'Conseillers formation, gestionnaires RH et responsables du développement des compétences.',
  },
];

const terms = (pairs: [string, string][]) => pairs.map(([id, label]) => ({ id, label }));

export const VOCABULARIES = {
  kinds: terms([
    ['parcours', 'Parcours'],
    ['module', 'Module'],
    ['programme', 'Programme'],
    ['sur-mesure', 'Sur-mesure'],
    ['mooc', 'MOOC'],
    ['seminaire', 'Séminaire'],
    ['cycle', 'Cycle'],
    ['universite-ete', "Université d’été"],
    ['booster', 'Booster'],
    ['matinee', 'Matinée'],
  ]),
  modes: terms([
    ['e-learning', 'En ligne à son rythme'],
    ['distanciel', 'À distance'],
    ['presentiel', 'Présentiel'],
    ['hybride', 'Hybride'],
  ]),
  levels: terms([
    ['decouverte', 'Découverte'],
    ['intermediaire', 'Intermédiaire'],
    ['avance', 'Avancé'],
  ]),
  sessionStatuses: terms([
    ['open', 'Inscriptions ouvertes'],
    ['full', 'Complet'],
    ['waitlist', "Liste d’attente"],
    ['closed', 'Inscriptions closes'],
    ['cancelled', 'Annulée'],
  ]),
  organisationKinds: terms([
    ['campus', 'Campus'],
    ['ecole', 'École de service public'],
    ['administration', 'Administration'],
    ['operateur', 'Opérateur public'],
    ['entreprise', 'Entreprise'],
    ['international', 'Organisation internationale'],
    ['partenaire-etranger', 'Partenaire étranger'],
  ]),
  trainerSkills: [
    ...EXPERTISES.filter((e) => !e.parentId).map(({ id, label }) => ({ id, label })),
    { id: 'coaching-produit', label: 'Coaching produit' },
    { id: 'deploiement-produits', label: 'Déploiement de produits numériques' },
  ],
  trainerStatuses: terms([
    ['agent-interne', 'Agente ou agent public, formatrice ou formateur interne rémunéré·e'],
    ['externe-interet-general', 'Formatrice ou formateur externe d’intérêt général'],
  ]),
  trainerIntents: terms([
    ['list', 'Proposer une formation que je donne déjà'],
    ['idea', 'Proposer une idée de nouveau programme'],
    ['help', 'Être accompagnée ou accompagné pour construire une formation'],
  ]),
  // ISO 3166-2 codes of the regions sessions are held in (the 13 of metropolitan France, then Québec).
  regions: terms([
    ['FR-ARA', 'Auvergne-Rhône-Alpes'],
    ['FR-BFC', 'Bourgogne-Franche-Comté'],
    ['FR-BRE', 'Bretagne'],
    ['FR-CVL', 'Centre-Val de Loire'],
    ['FR-20R', 'Corse'],
    ['FR-GES', 'Grand Est'],
    ['FR-HDF', 'Hauts-de-France'],
    ['FR-IDF', 'Île-de-France'],
    ['FR-NOR', 'Normandie'],
    ['FR-NAQ', 'Nouvelle-Aquitaine'],
    ['FR-OCC', 'Occitanie'],
    ['FR-PDL', 'Pays de la Loire'],
    ['FR-PAC', 'Provence-Alpes-Côte d’Azur'],
    ['CA-QC', 'Québec'],
  ]),
};

export interface OrganisationRecord {
  id: string;
  name: string;
  shortName: string;
  kind: string;
  url: string;
  country: string;
  logoUrl: string;
  /** Logo colour (not part of the record). */
  colour: string;
}

type OrgRow = [id: string, name: string, shortName: string, kind: string, url: string, country: string, colour: string];

const ORG_ROWS: OrgRow[] = [
  ['campus', 'Campus du numérique public – DINUM', 'Campus', 'campus', 'https://campus.numerique.gouv.fr/', 'FR', '#2f3e9e'],
  ['insp', 'Institut national du service public', 'INSP', 'ecole', 'https://insp.gouv.fr/', 'FR', '#6a1b4d'],
  ['cfssi', "Centre de formation à la sécurité des systèmes d’information (ANSSI)", 'CFSSI', 'ecole', 'https://cyber.gouv.fr/', 'FR', '#1d5e63'],
  ['inria', 'Inria', 'Inria', 'operateur', 'https://www.inria.fr/', 'FR', '#b5361d'],
  ['igpde', "Institut de la gestion publique et du développement économique", 'IGPDE', 'ecole', 'https://www.economie.gouv.fr/igpde', 'FR', '#35506b'],
  ['enm', 'École nationale de la magistrature', 'ENM', 'ecole', 'https://www.enm.justice.fr/', 'FR', '#7a2330'],
  ['mines-paris', 'Mines Paris – PSL', 'Mines Paris', 'ecole', 'https://www.minesparis.psl.eu/', 'FR', '#3d4f5c'],
  ['diese', "Délégation interministérielle à l’encadrement supérieur de l’État", 'DIESE', 'administration', 'https://www.diese.gouv.fr/', 'FR', '#4b3f72'],
  ['beta-gouv', 'beta.gouv.fr', 'beta.gouv', 'administration', 'https://beta.gouv.fr/', 'FR', '#1b5a8a'],
  ['atn-quebec', 'Académie de la transformation numérique – Université Laval', 'ATN Québec', 'partenaire-etranger', 'https://www.atn.ulaval.ca/', 'CA', '#0b5c8e'],
  ['openclassrooms', 'OpenClassrooms', 'OpenClassrooms', 'entreprise', 'https://openclassrooms.com/fr/', 'FR', '#5b2bbd'],
  ['pix', 'Pix', 'Pix', 'operateur', 'https://pix.fr/', 'FR', '#3a3a8c'],
  ['dgafp', 'DGAFP – plateforme MENTOR', 'MENTOR', 'administration', 'https://mentor.gouv.fr/', 'FR', '#215e3f'],
  ['fun-mooc', 'France Université Numérique', 'FUN', 'operateur', 'https://www.fun-mooc.fr/', 'FR', '#a33b0f'],
  ['commission-europeenne', 'Commission européenne', 'Commission européenne', 'international', 'https://commission.europa.eu/', 'BE', '#1a3f8f'],
  ['oit', 'Organisation internationale du travail', 'OIT', 'international', 'https://www.ilo.org/fr', 'CH', '#1e5aa0'],
  ['unesco', "Organisation des Nations unies pour l’éducation, la science et la culture", 'UNESCO', 'international', 'https://www.unesco.org/fr', 'FR', '#17609b'],
  ['men', "Ministère de l’Éducation nationale", 'Éducation nationale', 'administration', 'https://www.education.gouv.fr/', 'FR', '#2b4a7a'],
];

export const ORGANISATIONS: OrganisationRecord[] = ORG_ROWS.map(([id, name, shortName, kind, url, country, colour]) => ({
  id,
  name,
  shortName,
  kind,
  url,
  country,
  logoUrl: `/media/logos/${id}.svg`,
  colour,
}));
