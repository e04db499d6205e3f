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
  };
}
