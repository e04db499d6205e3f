/**
 * The synonyms list: the English, everyday or Québec words agents type for
 * what the catalogue says in French. `terms` find one another (both ways);
 * `from` find the `terms` (one way). Chosen from the words of the seed's
 * courses, so that each entry finds something.
 */
import type { Synonym } from '../../../src/api/schemas.js';

const fr = (text: string) => ({ text, lang: 'fr' });
const en = (text: string) => ({ text, lang: 'en' });
const ca = (text: string) => ({ text, lang: 'fr-CA' });

export const SYNONYMS: Synonym[] = [
  { id: 'hameconnage', terms: [fr('hameçonnage'), ca('hameçonnage')], from: [en('phishing')] },
  {
    id: 'intelligence-artificielle',
    terms: [fr('IA'), fr('intelligence artificielle'), en('AI'), en('artificial intelligence')],
    from: [],
  },
  { id: 'ia-generative', terms: [fr('IA générative'), fr('intelligence artificielle générative'), en('generative AI')], from: [en('LLM'), fr('grand modèle de langage')] },
  {
    id: 'donnees-personnelles',
    terms: [fr('RGPD'), fr('données personnelles'), ca('renseignements personnels'), en('GDPR'), en('personal data')],
    from: [],
  },
  // The catalogue says « cloud »; Québec says « infonuagique »: each finds the other.
  { id: 'cloud', terms: [fr('cloud'), ca('infonuagique'), fr('informatique en nuage'), en('cloud computing')], from: [] },
  { id: 'rancongiciel', terms: [fr('rançongiciel'), ca('rançongiciel')], from: [en('ransomware')] },
  { id: 'cyberattaque', terms: [fr('cyberattaque'), fr('attaque informatique')], from: [en('cyberattack')] },
  { id: 'rssi', terms: [fr('RSSI'), fr('responsable de la sécurité des systèmes d’information')], from: [en('CISO')] },
  { id: 'teletravail', terms: [fr('télétravail'), ca('télétravail')], from: [en('remote work'), fr('travail à distance')] },
  { id: 'visioconference', terms: [fr('visioconférence'), ca('vidéoconférence'), en('videoconference')], from: [] },
  { id: 'donnees-ouvertes', terms: [fr('données ouvertes'), fr('open data')], from: [] },
  { id: 'datavisualisation', terms: [fr('datavisualisation'), fr('dataviz'), fr('visualisation de données'), en('data visualization')], from: [] },
  { id: 'apprentissage-automatique', terms: [fr('apprentissage automatique'), en('machine learning')], from: [] },
  { id: 'logiciel-libre', terms: [fr('logiciel libre'), en('open source')], from: [] },
  { id: 'ecoconception', terms: [fr('écoconception'), fr('éco-conception')], from: [en('ecodesign'), en('eco-design')] },
  { id: 'numerique-responsable', terms: [fr('numérique responsable'), fr('sobriété numérique')], from: [en('green IT'), en('sustainable IT')] },
  { id: 'tableau-de-bord', terms: [fr('tableau de bord')], from: [en('dashboard')] },
  { id: 'agilite', terms: [fr('agilité'), fr('agile'), en('agility')], from: [] },
  { id: 'product-owner', terms: [fr('product owner'), fr('responsable de produit'), ca('propriétaire de produit')], from: [] },
  { id: 'startup', terms: [fr('startup'), fr('start-up'), fr('jeune pousse')], from: [] },
  { id: 'recherche-utilisateur', terms: [fr('recherche utilisateur'), en('user research'), en('UX research')], from: [] },
  { id: 'courriel', terms: [fr('courriel'), ca('courriel'), fr('e-mail'), fr('mél')], from: [] },
];
