/**
 * The service's settings: each one from a command-line option or the
 * environment (the option wins), with defaults fit for development. The
 * command-line tools (`migrate`, `seed`, `gdpr`, `staff`) read the same.
 */
import { homedir } from 'node:os';
import { join } from 'node:path';

export interface ServiceConfig {
  port: number;
  host: string;
  /** Where SQLite's file lives (and nothing else of the service's): a private folder. */
  dataDir: string;
  /** `postgres://…`: PostgreSQL instead of SQLite. */
  databaseUrl?: string;
  /** The service's public address (images, logos, links); the printed address otherwise. */
  publicUrl?: string;
  corsOrigins: '*' | string[];
  /** How many reverse proxies in front add themselves to `X-Forwarded-For`. */
  trustedProxyHops: number;
  /** Keys for signed links: the first signs, all verify. */
  secretKeys: string[];
  production: boolean;
  /** How often each instance checks the catalogue for changes. */
  cataloguePollMs: number;
  /** Submissions per client address per minute (0: off). */
  rateLimitPerMinute: number;
  /** New requests per e-mail address per hour (0: off). */
  rateLimitPerEmailPerHour: number;
  /** Who may frame the service's embeddable pages (`frame-ancestors`); every other page: nobody. */
  frameAncestors: string[];
  /** One JSON line per request on standard output. */
  logRequests: boolean;
  /** `smtp://user:pass@host:587` (STARTTLS) or `smtps://…`; without it messages stay in the outbox. */
  smtpUrl?: string;
  /** The sender of every message: `Campus du numérique public <ne-pas-repondre@…>`. */
  mailFrom?: string;
  /** The public-service links of the service's pages. */
  legalNoticeUrl: string;
  accessibilityUrl: string;
  personalDataUrl: string;
  /** The office's identity providers (OpenID Connect); none: the office answers 503. */
  oidcProviders: OidcProviderSetting[];
  /** An office session ends after this long without a request. */
  officeIdleMinutes: number;
  /** …and this long after its sign-in, whatever its activity. */
  officeSessionHours: number;
}

/** One identity provider of the office (an entry of `OIDC_PROVIDERS`). */
export interface OidcProviderSetting {
  /** In the redirect URI: `/office/api/auth/callback/<id>`. */
  id: string;
  /** The button's text on the sign-in page. */
  label: string;
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Space-separated; `openid email given_name usual_name` by default (ProConnect's names). */
  scopes?: string;
  /** `client_secret_basic` (default) or `client_secret_post`. */
  tokenEndpointAuthMethod?: 'client_secret_basic' | 'client_secret_post';
  /** Set when the provider signs its UserInfo answer (ProConnect: `RS256`). */
  userinfoSignedResponseAlg?: string;
  idTokenSignedResponseAlg?: string;
  /** `acr_values` sent with the authorization request. */
  acrValues?: string;
}

const LOOPBACK = /^(localhost|127\.0\.0\.1|\[::1\])$/;
export const isLoopbackHost = (hostname: string): boolean => LOOPBACK.test(hostname);

/** `OIDC_PROVIDERS`: a JSON array of providers, checked entry by entry. */
export function parseOidcProviders(raw: string | undefined, production: boolean): OidcProviderSetting[] {
  if (raw === undefined || raw.trim() === '') return [];
  let list: unknown;
  try {
    list = JSON.parse(raw);
  } catch {
    throw new ConfigError('OIDC_PROVIDERS doit être un tableau JSON : [{"id":"proconnect","label":"ProConnect","issuer":"https://…","clientId":"…","clientSecret":"…"}]');
  }
  if (!Array.isArray(list)) throw new ConfigError('OIDC_PROVIDERS doit être un tableau JSON.');
  const seen = new Set<string>();
  return list.map((entry, i) => {
    const e = (entry && typeof entry === 'object' ? entry : {}) as Record<string, unknown>;
    const where = `OIDC_PROVIDERS[${i}]`;
    const text = (key: string, required = true): string | undefined => {
      const v = e[key];
      if (v === undefined && !required) return undefined;
      if (typeof v !== 'string' || !v.trim()) throw new ConfigError(`${where}.${key} est obligatoire (texte).`);
      return v.trim();
    };
    const id = text('id')!;
    if (!/^[a-z0-9][a-z0-9-]{0,39}$/.test(id)) throw new ConfigError(`${where}.id : lettres minuscules, chiffres et tirets (reçu : ${id}).`);
    if (seen.has(id)) throw new ConfigError(`${where}.id : « ${id} » est déjà utilisé.`);
    seen.add(id);
    const issuer = text('issuer')!;
    let url: URL;
    try {
      url = new URL(issuer);
    } catch {
      throw new ConfigError(`${where}.issuer n'est pas une adresse : ${issuer}`);
    }
    const local = url.protocol === 'http:' && isLoopbackHost(url.hostname);
    if (url.protocol !== 'https:' && !(local && !production)) {
      throw new ConfigError(`${where}.issuer doit être en https (http seulement sur 127.0.0.1 hors production) : ${issuer}`);
    }
    const method = text('tokenEndpointAuthMethod', false);
    if (method && method !== 'client_secret_basic' && method !== 'client_secret_post') {
      throw new ConfigError(`${where}.tokenEndpointAuthMethod : client_secret_basic ou client_secret_post.`);
    }
    return {
      id,
      label: text('label')!,
      issuer,
      clientId: text('clientId')!,
      clientSecret: text('clientSecret')!,
      ...(text('scopes', false) ? { scopes: text('scopes', false) } : {}),
      ...(method ? { tokenEndpointAuthMethod: method as OidcProviderSetting['tokenEndpointAuthMethod'] } : {}),
      ...(text('userinfoSignedResponseAlg', false) ? { userinfoSignedResponseAlg: text('userinfoSignedResponseAlg', false) } : {}),
      ...(text('idTokenSignedResponseAlg', false) ? { idTokenSignedResponseAlg: text('idTokenSignedResponseAlg', false) } : {}),
      ...(text('acrValues', false) ? { acrValues: text('acrValues', false) } : {}),
    };
  });
}

/**
 * `FRAME_ANCESTORS`: space-separated sources of CSP's `frame-ancestors` — `'self'` or origins
 * (`https://intranet.exemple.gouv.fr`, `https://*.exemple.gouv.fr`, a port or `:*`; http only on a
 * loopback address); `'none'` or nothing: no site may frame the embeddable pages. Anything else is refused,
 * so nothing from the setting reaches a header unchecked.
 */
export function parseFrameAncestors(raw: string | undefined): string[] {
  const sources = (raw ?? '').split(/\s+/).filter(Boolean);
  if (sources.length === 1 && sources[0] === "'none'") return [];
  for (const source of sources) {
    if (source === "'self'") continue;
    const m = /^(https?):\/\/(\*\.)?([a-z0-9-]+(?:\.[a-z0-9-]+)*|\[[0-9a-f:]+\])(?::(\d{1,5}|\*))?$/i.exec(source);
    const local = m && isLoopbackHost(m[3]);
    if (!m || (m[1] === 'http' && !local) || (m[4] && m[4] !== '*' && Number(m[4]) > 65535)) {
      throw new ConfigError(`FRAME_ANCESTORS : « ${source} » n’est ni 'self' ni une origine https (par exemple https://intranet.exemple.gouv.fr).`);
    }
  }
  return sources;
}

/** Every environment variable the service reads, for the README and `--help`. */
export const ENVIRONMENT = {
  PORT: "Port d'écoute (8787).",
  HOST: "Adresse d'écoute (127.0.0.1 ; 0.0.0.0 derrière un proxy).",
  DATA_DIR: 'Dossier privé (0700) de la base SQLite.',
  DATABASE_URL: 'postgres://… : PostgreSQL au lieu de SQLite.',
  PUBLIC_URL: 'Adresse publique du service (images, logos, liens).',
  CORS_ORIGINS: 'Origines autorisées, séparées par des virgules (* par défaut : toute origine).',
  TRUSTED_PROXY_HOPS: 'Nombre de proxys de confiance devant le service (0).',
  SECRET_KEYS: 'Clés de signature, séparées par des virgules (la première signe).',
  NODE_ENV: 'production : réglages obligatoires vérifiés.',
  CATALOGUE_POLL_MS: 'Intervalle de vérification des changements du catalogue (2000).',
  RATE_LIMIT_PER_MINUTE: 'Envois par adresse IP cliente et par minute (120 ; 0 : sans limite).',
  RATE_LIMIT_PER_EMAIL_PER_HOUR: 'Nouvelles demandes par adresse électronique et par heure (10 ; 0 : sans limite).',
  FRAME_ANCESTORS: 'Origines autorisées à encadrer les pages intégrables, séparées par des espaces.',
  LOG_REQUESTS: 'Journal d’une ligne JSON par requête (1 ; 0 pour le couper).',
  SMTP_URL: 'smtp://utilisateur:mot-de-passe@hôte:587 : le serveur d’envoi des courriels (obligatoire en production).',
  MAIL_FROM: 'Expéditeur des courriels, par exemple « Campus du numérique public <ne-pas-repondre@campus.numerique.gouv.fr> ».',
  LEGAL_NOTICE_URL: 'Page des mentions légales, liée depuis les pages du service.',
  ACCESSIBILITY_URL: 'Déclaration d’accessibilité, liée depuis les pages du service.',
  PERSONAL_DATA_URL: 'Page sur les données personnelles, liée depuis les pages du service.',
  OIDC_PROVIDERS: 'Fournisseurs d’identité du bureau (OpenID Connect), en tableau JSON ; sans eux, /office/ répond 503.',
  OFFICE_IDLE_MINUTES: 'Fin d’une session du bureau après ce temps sans requête (30).',
  OFFICE_SESSION_HOURS: 'Fin d’une session du bureau après ce temps, même active (10).',
} as const;

/** `$XDG_DATA_HOME/campus-widgets`, never inside the project (which a dev server serves). */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_DATA_HOME || join(homedir(), '.local', 'share');
  return join(base, 'campus-widgets');
}

export interface ConfigOverrides {
  port?: string;
  host?: string;
  data?: string;
  databaseUrl?: string;
  publicUrl?: string;
}

export class ConfigError extends Error {}

export function readConfig(overrides: ConfigOverrides = {}, env: NodeJS.ProcessEnv = process.env): ServiceConfig {
  const portText = overrides.port ?? env.PORT ?? '8787';
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigError(`Port invalide : ${portText}`);
  const hops = Number(env.TRUSTED_PROXY_HOPS ?? '0');
  if (!Number.isInteger(hops) || hops < 0) throw new ConfigError(`TRUSTED_PROXY_HOPS invalide : ${env.TRUSTED_PROXY_HOPS}`);
  const origins = (env.CORS_ORIGINS ?? '*').trim();
  const publicUrl = (overrides.publicUrl ?? env.PUBLIC_URL)?.replace(/\/+$/, '') || undefined;
  if (publicUrl && !/^https?:\/\/[^/]+$/.test(publicUrl)) {
    throw new ConfigError(`PUBLIC_URL doit être une origine http(s) sans chemin, par exemple https://campus.numerique.gouv.fr (reçu : ${publicUrl})`);
  }
  const poll = Number(env.CATALOGUE_POLL_MS ?? '2000');
  const count = (name: string, fallback: number) => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 0) throw new ConfigError(`${name} doit être un entier positif ou nul (reçu : ${raw})`);
    return n;
  };
  return {
    port,
    host: overrides.host ?? env.HOST ?? '127.0.0.1',
    dataDir: overrides.data ?? env.DATA_DIR ?? defaultDataDir(env),
    databaseUrl: (overrides.databaseUrl ?? env.DATABASE_URL) || undefined,
    publicUrl,
    corsOrigins: origins === '*' || origins === '' ? '*' : origins.split(',').map((o) => o.trim()).filter(Boolean),
    trustedProxyHops: hops,
    secretKeys: (env.SECRET_KEYS ?? '').split(',').map((k) => k.trim()).filter(Boolean),
    production: env.NODE_ENV === 'production',
    cataloguePollMs: Number.isFinite(poll) && poll >= 100 ? poll : 2000,
    rateLimitPerMinute: count('RATE_LIMIT_PER_MINUTE', 120),
    rateLimitPerEmailPerHour: count('RATE_LIMIT_PER_EMAIL_PER_HOUR', 10),
    frameAncestors: parseFrameAncestors(env.FRAME_ANCESTORS),
    logRequests: env.LOG_REQUESTS !== '0',
    smtpUrl: env.SMTP_URL || undefined,
    mailFrom: env.MAIL_FROM || undefined,
    legalNoticeUrl: env.LEGAL_NOTICE_URL || 'https://campus.numerique.gouv.fr/mentions-legales/',
    accessibilityUrl: env.ACCESSIBILITY_URL || 'https://campus.numerique.gouv.fr/accessibilite/',
    personalDataUrl: env.PERSONAL_DATA_URL || 'https://campus.numerique.gouv.fr/donnees-personnelles/',
    oidcProviders: parseOidcProviders(env.OIDC_PROVIDERS, env.NODE_ENV === 'production'),
    officeIdleMinutes: Math.max(1, count('OFFICE_IDLE_MINUTES', 30)),
    officeSessionHours: Math.max(1, count('OFFICE_SESSION_HOURS', 10)),
  };
}
