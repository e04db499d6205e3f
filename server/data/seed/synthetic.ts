/**
 * Synthetic course rows for the server's benchmark: plausible French courses
 * composed from topics, title and summary patterns, and the objectives and
 * providers of the hand-written catalogue, expertise by expertise.
 */
import { COURSE_ROWS } from './courses.js';
import { DURATIONS, type CourseRow, type DurationCode } from './model.js';
import { createRandom, type Random } from './random.js';
import { AUDIENCES } from './reference.js';

/** A topic: its phrase with its article, its title form, and the sub-theme it belongs to. */
interface Topic {
  phrase: string;
  title: string;
  sub?: string;
}

const t = (phrase: string, title: string, sub?: string): Topic => ({ phrase, title, sub });

const TOPICS: Record<string, Topic[]> = {
  'intelligence-artificielle': [
    t("l’IA générative", 'IA générative', 'ia-generative'),
    t('les assistants conversationnels', 'Assistants conversationnels', 'ia-generative'),
    t("l’évaluation des modèles d’IA", "Évaluation des modèles d’IA"),
    t("le règlement européen sur l’IA", "Règlement européen sur l’IA", 'ia-ethique'),
    t('la transparence des algorithmes publics', 'Transparence des algorithmes publics', 'ia-ethique'),
    t("l’apprentissage automatique", 'Apprentissage automatique'),
    t('la recherche documentaire augmentée par l’IA', 'Recherche documentaire augmentée', 'ia-generative'),
    t("l’IA au service de l’accueil des usagers", "IA et accueil des usagers"),
  ],
  cybersecurite: [
    t("l’hygiène informatique", 'Hygiène informatique', 'cyber-sensibilisation'),
    t("l’homologation de sécurité", 'Homologation de sécurité', 'cyber-gouvernance'),
    t('la gestion de crise cyber', 'Gestion de crise cyber', 'cyber-gouvernance'),
    t('la protection contre les rançongiciels', 'Protection contre les rançongiciels'),
    t('la sécurité des applications web', 'Sécurité des applications web'),
    t("l’authentification forte", 'Authentification forte', 'cyber-sensibilisation'),
  ],
  data: [
    t('la gouvernance des données', 'Gouvernance des données', 'data-gouvernance'),
    t('la qualité des données', 'Qualité des données', 'data-gouvernance'),
    t("l’ouverture des données publiques", 'Ouverture des données publiques', 'data-gouvernance'),
    t('la visualisation de données', 'Visualisation de données', 'data-visualisation'),
    t('les tableaux de bord de pilotage', 'Tableaux de bord de pilotage', 'data-visualisation'),
    t("l’analyse statistique", 'Analyse statistique'),
    t('les chaînes de traitement de données', 'Chaînes de traitement de données'),
  ],
  'agilite-produit': [
    t("l’approche produit", 'Approche produit'),
    t('la priorisation du carnet de produit', 'Priorisation du carnet de produit'),
    t("la mesure de l’impact", "Mesure de l’impact"),
    t('les rituels agiles', 'Rituels agiles'),
    t("l’investigation auprès des usagers", 'Investigation auprès des usagers'),
    t('le déploiement d’un produit numérique', 'Déploiement d’un produit numérique'),
  ],
  'design-accessibilite': [
    t("l’accessibilité numérique", 'Accessibilité numérique', 'accessibilite-rgaa'),
    t("l’audit RGAA", 'Audit RGAA', 'accessibilite-rgaa'),
    t('la recherche utilisateur', 'Recherche utilisateur'),
    t('le design de service', 'Design de service'),
    t('le langage clair', 'Langage clair'),
    t('les formulaires en ligne', 'Formulaires en ligne', 'accessibilite-rgaa'),
  ],
  'communs-logiciels-libres': [
    t('les logiciels libres', 'Logiciels libres'),
    t("l’ouverture des codes sources", 'Ouverture des codes sources'),
    t('les communs numériques', 'Communs numériques'),
    t('les licences libres', 'Licences libres'),
    t('la contribution aux projets libres', 'Contribution aux projets libres'),
  ],
  'environnement-numerique-travail': [
    t('les outils collaboratifs', 'Outils collaboratifs'),
    t('la visioconférence', 'Visioconférence'),
    t('le travail hybride', 'Travail hybride'),
    t('la messagerie professionnelle', 'Messagerie professionnelle'),
    t('les documents partagés', 'Documents partagés'),
  ],
  'numerique-responsable': [
    t("l’écoconception", 'Écoconception'),
    t('les achats numériques responsables', 'Achats numériques responsables'),
    t('le réemploi des équipements', 'Réemploi des équipements'),
    t("l’empreinte environnementale du numérique", 'Empreinte environnementale du numérique'),
    t('la sobriété numérique', 'Sobriété numérique'),
  ],
  'technologie-infrastructures': [
    t('le cloud', 'Cloud'),
    t('les API', 'API'),
    t("l’architecture des systèmes d’information", "Architecture des systèmes d’information"),
    t('les conteneurs', 'Conteneurs'),
    t("l’observabilité", 'Observabilité'),
    t('les réseaux', 'Réseaux'),
    t('la dette technique', 'Dette technique'),
  ],
  'transformation-numerique': [
    t('la conduite du changement', 'Conduite du changement'),
    t('les grands projets numériques', 'Grands projets numériques'),
    t("la stratégie numérique d’une administration", 'Stratégie numérique'),
    t('la dématérialisation des démarches', 'Dématérialisation des démarches'),
    t('le management d’équipes numériques', 'Management d’équipes numériques'),
    t("l’achat public numérique", 'Achat public numérique'),
  ],
};

/** AI counts twice: it is the campus's priority. */
const EXPERTISE_WEIGHTS: [string, number][] = Object.keys(TOPICS).map((id) => [id, id === 'intelligence-artificielle' ? 2 : 1]);

const KIND_WEIGHTS: [string, number][] = [
  ['parcours', 30], ['module', 45], ['mooc', 4], ['seminaire', 5], ['booster', 4], ['matinee', 5], ['cycle', 4],
  ['universite-ete', 1], ['sur-mesure', 2],
];

const DURATIONS_BY_KIND: Record<string, DurationCode[]> = {
  parcours: ['dj3', 'dj4', 'j2', 'j3', 'j3s', 'j4s', 'j5s', 'w6', 'el10h'],
  module: ['h1_30', 'h2', 'h3', 'dj', 'j1', 'el30', 'el1h', 'el2h', 'el6h'],
  mooc: ['mooc4', 'mooc5', 'mooc6', 'mooc7'],
  seminaire: ['j1', 'j2'],
  booster: ['j2'],
  matinee: ['matinee'],
  cycle: ['w4', 'w6', 'j3s', 'j4s'],
  'universite-ete': ['ue'],
  'sur-mesure': ['j2', 'j3', 'dj3', 'j3s'],
};

/** Lower-cases a title's first letter, unless it starts an acronym ("API", "RGAA"). */
const low = (s: string): string => (/^.[A-Z]/.test(s) ? s : s.charAt(0).toLowerCase() + s.slice(1));

const TITLES: Record<string, ((x: Topic) => string)[]> = {
  parcours: [
    (x) => `Maîtriser ${x.phrase}`,
    (x) => `${x.title} : le parcours complet`,
    (x) => `Piloter ${x.phrase} dans son administration`,
    (x) => `Devenir référent : ${low(x.title)}`,
  ],
  module: [
    (x) => `${x.title} : les fondamentaux`,
    (x) => `${x.title} : passer à la pratique`,
    (x) => `Premiers pas : ${low(x.title)}`,
    (x) => `${x.title} pour les managers`,
    (x) => `Atelier pratique : ${low(x.title)}`,
  ],
  mooc: [(x) => `MOOC : ${low(x.title)}`],
  seminaire: [(x) => `Séminaire : ${x.phrase} en questions`, (x) => `Séminaire des praticiens : ${low(x.title)}`],
  booster: [(x) => `Booster : ${low(x.title)} en deux jours`],
  matinee: [(x) => `Matinée : ${x.phrase} en pratique`],
  cycle: [(x) => `Cycle « ${x.title} »`],
  'universite-ete': [(x) => `Université d’été : ${low(x.title)}`],
  'sur-mesure': [(x) => `Programme sur mesure : ${low(x.title)}`],
};

const OPENINGS: ((x: Topic) => string)[] = [
  (x) => `Ce {kind} donne les repères essentiels sur ${x.phrase} et montre comment passer à l’action dans ses missions.`,
  (x) => `Comment aborder ${x.phrase} dans une administration ? Ce {kind} y répond par la pratique.`,
  (x) => `Un {kind} concret, fondé sur des cas réels d’administrations, pour progresser sur ${x.phrase}.`,
  (x) => `Retours d’expérience, exercices et outils prêts à l’emploi pour aborder ${x.phrase} avec méthode.`,
];
const CLOSINGS = [
  'Chaque participant repart avec un plan d’action pour son service.',
  'Les exemples sont tirés de ministères, d’opérateurs et de collectivités.',
  'Aucun prérequis technique n’est demandé.',
  'Des exercices pratiques alternent avec des temps d’échange entre pairs.',
  '',
];
const KIND_NOUNS: Record<string, string> = {
  parcours: 'parcours', module: 'module', mooc: 'MOOC', seminaire: 'séminaire', booster: 'booster',
  matinee: 'rendez-vous', cycle: 'cycle', 'universite-ete': 'rendez-vous', 'sur-mesure': 'programme',
};
/** "de" + a phrase with its article: "du cloud", "des API", "de la qualité", "de l'écoconception". */
const ofPhrase = (phrase: string): string =>
  phrase.startsWith('le ') ? `du ${phrase.slice(3)}` : phrase.startsWith('les ') ? `des ${phrase.slice(4)}` : `de ${phrase}`;

const GENERIC_OBJECTIVES: ((x: Topic) => string)[] = [
  (x) => `Expliquer les enjeux ${ofPhrase(x.phrase)} à ses collègues`,
  (x) => `Identifier les ressources et les interlocuteurs utiles sur ${x.phrase}`,
  (x) => `Mettre en œuvre ${x.phrase} sur un cas de son administration`,
  (x) => `Évaluer les pratiques de son service concernant ${x.phrase}`,
];

function weighted<T>(rnd: Random, list: [T, number][]): T {
  const total = list.reduce((a, [, w]) => a + w, 0);
  let r = rnd.next() * total;
  for (const [v, w] of list) if ((r -= w) < 0) return v;
  return list[list.length - 1][0];
}

const slug = (s: string): string =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60)
    .replace(/-$/, '');

/** Objectives and providers of the hand-written courses, by expertise. */
function pools(): { objectives: Map<string, string[]>; providers: Map<string, string[]> } {
  const objectives = new Map<string, string[]>();
  const providers = new Map<string, string[]>();
  for (const row of COURSE_ROWS) {
    const e = row.exp[0];
    objectives.set(e, [...(objectives.get(e) ?? []), ...row.objectives]);
    // Platforms host self-paced courses; they do not hold sessions.
    if (!['fun-mooc', 'openclassrooms', 'pix', 'dgafp'].includes(row.by)) providers.set(e, [...(providers.get(e) ?? []), row.by]);
  }
  return { objectives, providers };
}

const MENTOR = 'https://mentor.gouv.fr/course/view.php?id=';
const FUN = 'https://www.fun-mooc.fr/fr/cours/';
const OTHER_PARTNERS = ['insp', 'inria', 'beta-gouv', 'commission-europeenne', 'unesco', 'oit', 'enm', 'diese'];

/** `n` synthetic rows, deterministic for a seed; ids are unique. */
export function syntheticRows(n: number, seed: number): CourseRow[] {
  const rnd = createRandom(seed ^ 0x5eed);
  const { objectives, providers } = pools();
  const audienceIds = AUDIENCES.map((a) => a.id);
  const rows: CourseRow[] = [];
  for (let i = 0; i < n; i++) {
    const exp = weighted(rnd, EXPERTISE_WEIGHTS);
    const topic = rnd.pick(TOPICS[exp]);
    const kind = weighted(rnd, KIND_WEIGHTS);
    const d = rnd.pick(DURATIONS_BY_KIND[kind]);
    const selfPaced = !!DURATIONS[d].selfPaced;
    const title = rnd.pick(TITLES[kind])(topic);
    const noun = KIND_NOUNS[kind];
    const summary = [rnd.pick(OPENINGS)(topic).replace('{kind}', noun), rnd.pick(CLOSINGS)].filter(Boolean).join(' ');
    const own = rnd.some(objectives.get(exp) ?? [], rnd.int(1, 2));
    const generic = rnd.some(GENERIC_OBJECTIVES, rnd.int(1, 2)).map((f) => f(topic));
    let by = rnd.chance(0.5) ? 'campus' : rnd.pick(providers.get(exp) ?? ['campus']);
    if (kind === 'mooc') by = rnd.pick(['fun-mooc', 'inria', 'cfssi']);
    if (selfPaced && kind !== 'mooc') by = rnd.pick(['dgafp', 'dgafp', 'openclassrooms', by]);
    if (by === 'atn-quebec' && selfPaced) by = 'campus';
    const partners = new Set<string>();
    if (rnd.chance(0.08)) partners.add('atn-quebec');
    if (rnd.chance(0.15)) partners.add(rnd.pick(OTHER_PARTNERS));
    if (by !== 'campus' && rnd.chance(0.5)) partners.add('campus');
    partners.delete(by);
    let url: string | undefined;
    if (selfPaced) {
      url = by === 'fun-mooc' || kind === 'mooc' ? `${FUN}${slug(title)}/` : `${MENTOR}${1000 + rnd.int(0, 8999)}`;
    } else if (rnd.chance(0.1)) {
      url = `${MENTOR}${1000 + rnd.int(0, 8999)}`;
    }
    const row: CourseRow = {
      id: `${slug(title)}-${i + 1}`,
      title,
      kind,
      exp: topic.sub && rnd.chance(0.7) ? [exp, topic.sub] : [exp],
      by,
      summary,
      objectives: [...generic, ...own].slice(0, 5),
      d,
      aud: rnd.some(audienceIds, rnd.int(1, 3)),
      level: rnd.pick(['decouverte', 'decouverte', 'intermediaire', 'intermediaire', 'avance'] as const),
    };
    if (partners.size) row.partners = [...partners];
    if (url) row.url = url;
    if (!url && rnd.chance(0.16)) row.approval = true;
    if (rnd.chance(0.05)) row.price = rnd.pick([120, 180, 250, 400, 650]);
    rows.push(row);
  }
  return rows;
}
