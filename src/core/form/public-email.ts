/**
 * Whether an e-mail address looks like a public administration's. A
 * heuristic, so the forms only warn: public agents' addresses are not all
 * under gouv.fr (académies, justice.fr, insee.fr, universities, hospitals,
 * local authorities, public bodies…), and a wrong guess must never block.
 */

/** Domains that are public themselves, with every subdomain. */
const PUBLIC_DOMAINS = [
  'gouv.fr',
  'justice.fr',
  'insee.fr',
  'education.fr',
  'sante.fr',
  'cnrs.fr',
  'inria.fr',
  'inserm.fr',
  'inrae.fr',
  'ird.fr',
  'ifremer.fr',
  'cea.fr',
  'cnes.fr',
  'cerema.fr',
  'ign.fr',
  'meteo.fr',
  'onf.fr',
  'ofb.fr',
  'ademe.fr',
  'cnil.fr',
  'conseil-etat.fr',
  'ccomptes.fr',
  'senat.fr',
  'assemblee-nationale.fr',
  'banque-france.fr',
  'francetravail.fr',
  'pole-emploi.fr',
  'urssaf.fr',
  'caf.fr',
  'msa.fr',
  'assurance-maladie.fr',
  'ameli.fr',
  'cnav.fr',
  'aphp.fr',
  'ens.fr',
  'polytechnique.edu',
  'polytechnique.fr',
  'psl.eu',
  'sorbonne-universite.fr',
  'paris.fr',
  'laposte.fr',
  'europa.eu',
  'ilo.org',
  'unesco.org',
  // Québec and Canada (the campus works with the ATN Québec).
  'gouv.qc.ca',
  'gc.ca',
  'canada.ca',
];

/** Families of public domains: académies, universities, hospitals, local authorities. */
const PUBLIC_PATTERNS: readonly RegExp[] = [
  /^ac-[a-z-]+\.fr$/,
  /^region-academique-[a-z-]+\.fr$/,
  /^univ-[a-z0-9-]+\.fr$/,
  /^u-[a-z0-9-]+\.fr$/,
  /^universite-[a-z0-9-]+\.fr$/,
  /^[a-z0-9-]+-universite\.fr$/,
  /^ens-[a-z0-9-]+\.fr$/,
  /^inspe-[a-z0-9-]+\.fr$/,
  /^chu-[a-z0-9-]+\.fr$/,
  /^ch-[a-z0-9-]+\.fr$/,
  /^chr-[a-z0-9-]+\.fr$/,
  /^ars-[a-z0-9-]+\.fr$/,
  /^sdis[0-9]{2,3}\.fr$/,
  /^(mairie|ville|cc|agglo)-[a-z0-9-]+\.fr$/,
  /^[a-z0-9-]+-(metropole|agglo)\.fr$/,
  /^(departement|cd|cg)[0-9]{2,3}\.fr$/,
  /^(departement|region)-?[a-z0-9-]+\.fr$/,
  /^[a-z0-9-]+\.gouv\.[a-z]{2}$/,
];

/** The domain of an e-mail address, in lower case; '' when there is none. */
export function emailDomain(email: string): string {
  const at = email.trim().lastIndexOf('@');
  return at < 0 ? '' : email.trim().slice(at + 1).toLowerCase().replace(/\.$/, '');
}

/**
 * True when the address's domain, or one of its parent domains, is a known
 * public domain or follows a public naming pattern.
 */
export function looksPublicEmail(email: string): boolean {
  const domain = emailDomain(email);
  if (!domain || !domain.includes('.')) return false;
  const labels = domain.split('.');
  for (let i = 0; i < labels.length - 1; i++) {
    const candidate = labels.slice(i).join('.');
    if (PUBLIC_DOMAINS.includes(candidate)) return true;
    if (PUBLIC_PATTERNS.some((pattern) => pattern.test(candidate))) return true;
  }
  return false;
}
