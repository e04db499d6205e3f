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
    frameAncestors: (env.FRAME_ANCESTORS ?? '').split(/\s+/).filter(Boolean),
    logRequests: env.LOG_REQUESTS !== '0',
    smtpUrl: env.SMTP_URL || undefined,
    mailFrom: env.MAIL_FROM || undefined,
    legalNoticeUrl: env.LEGAL_NOTICE_URL || 'https://campus.numerique.gouv.fr/mentions-legales/',
    accessibilityUrl: env.ACCESSIBILITY_URL || 'https://campus.numerique.gouv.fr/accessibilite/',
    personalDataUrl: env.PERSONAL_DATA_URL || 'https://campus.numerique.gouv.fr/donnees-personnelles/',
  };
}
