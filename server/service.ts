/**
 * The service assembled: database opened and migrated, the catalogue
 * imported on the first start of an empty database, the store, the live
 * catalogue index, the jobs, and the HTTP app over them.
 */
import { readFileSync } from 'node:fs';
import { resolve, sep } from 'node:path';
import type { Hono } from 'hono';
import { createApp, type MediaSource, type RequestLogEntry } from './app.js';
import { clientAddress } from './client-address.js';
import type { CatalogueData } from './catalogue.js';
import type { ServiceConfig } from './config.js';
import { retentionJob } from './gdpr.js';
import { JobRunner } from './jobs.js';
import { PAGES_CSP } from './pages/html.js';
import { createPages, requestLinksJob } from './pages/index.js';
import { createMail, type Mail } from './mail/index.js';
import type { Transporter } from 'nodemailer';
import { LiveCatalogue } from './live-catalogue.js';
import { createOffice, OFFICE_CSP } from './office/app.js';
import { officeCleanupJob } from './office/auth.js';
import { officeBuilt, officeFolder, type PageSource } from './office/static.js';
import { DEFAULT_MEDIA_DIR, importCatalogue, isCatalogueEmpty, loadSeedFiles } from './seed.js';
import { openDatabase, type Database } from './storage/database.js';
import { migrate } from './storage/migrations.js';
import { SqlStorage } from './storage/sql-storage.js';
import { createWebmaster, type FileSource } from './webmaster.js';

/** Reads media files below `dir`, refusing any path that would leave it. */
export function mediaFolder(dir: string = DEFAULT_MEDIA_DIR): MediaSource {
  const root = resolve(dir);
  return (relPath) => {
    const file = resolve(root, relPath);
    if (!file.startsWith(root + sep)) return undefined;
    try {
      return readFileSync(file);
    } catch {
      return undefined;
    }
  };
}

/** Settings production cannot run without: `/ready` fails while one is missing. */
export function missingInProduction(config: ServiceConfig): string[] {
  const missing: string[] = [];
  if (!config.secretKeys.length) missing.push('SECRET_KEYS');
  if (!config.publicUrl) missing.push('PUBLIC_URL');
  if (!config.smtpUrl) missing.push('SMTP_URL');
  return missing;
}

export interface ServiceOptions {
  /** The catalogue imported into an empty database; the seed files by default. */
  seed?: CatalogueData | (() => CatalogueData);
  media?: MediaSource;
  now?: () => Date;
  /** Start the catalogue's polling and the job runner (off for one-shot tools and some tests). */
  background?: boolean;
  /** Where request log lines go (standard output by default, when `LOG_REQUESTS` is on). */
  log?: (entry: RequestLogEntry) => void;
  /** A mail transport of the caller's (tests); otherwise SMTP_URL's, or none. */
  mailTransport?: Transporter;
  /** Called for every database query (tests count the work of a page). */
  onQuery?: () => void;
  /** The office's built pages (`office/dist` when built); `false` when another server serves them (vite). */
  officePages?: PageSource | false;
  /** The widgets' built files served under `/widgets/` (`dist/` by default). */
  widgetFiles?: FileSource;
}

export interface Service {
  app: Hono;
  mail: Mail;
  /** Sets the address absolute URLs are built on, once known (when `PUBLIC_URL` is not set). */
  listeningOn(origin: string): void;
  database: Database;
  storage: SqlStorage;
  catalogue: LiveCatalogue;
  jobs: JobRunner;
  close(): Promise<void>;
}

/** Opens the database and brings it to this code's schema. */
export async function openMigrated(config: Pick<ServiceConfig, 'databaseUrl' | 'dataDir'>, onQuery?: () => void): Promise<Database> {
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, onQuery });
  try {
    await migrate(database.db as never, database.engine);
  } catch (error) {
    await database.close();
    throw error;
  }
  return database;
}

export async function openService(config: ServiceConfig, options: ServiceOptions = {}): Promise<Service> {
  const database = await openMigrated(config, options.onQuery);
  try {
    const now = options.now ?? (() => new Date());
    if (await isCatalogueEmpty(database)) {
      const seed = typeof options.seed === 'function' ? options.seed() : (options.seed ?? loadSeedFiles());
      await importCatalogue(database, seed, now());
    }
    let origin = config.publicUrl ?? `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${config.port}`;
    const addressOf = clientAddress(config.trustedProxyHops);
    const mail = createMail({ smtpUrl: config.smtpUrl, mailFrom: config.mailFrom, publicUrl: () => origin, now, transport: options.mailTransport });
    const storage = new SqlStorage(database, {
      now,
      listeners: mail.listeners,
      confirmationListeners: mail.confirmationListeners,
      onApplication: mail.onApplication,
      onSubscription: mail.onSubscription,
    });
    const catalogue = new LiveCatalogue(storage, { pollMs: config.cataloguePollMs, now });
    await catalogue.load();
    const jobs = new JobRunner(database, { now, tickMs: 2_000 });
    jobs.register(retentionJob);
    for (const job of mail.jobs(storage.lifecycle)) jobs.register(job);
    const clientLimits = { perMinute: config.rateLimitPerMinute, perEmailPerHour: config.rateLimitPerEmailPerHour };
    const pages = createPages({
      database,
      lifecycle: storage.lifecycle,
      mail: mail.settings,
      links: { legalNotice: config.legalNoticeUrl, accessibility: config.accessibilityUrl, personalData: config.personalDataUrl },
      publicUrl: () => origin,
      now,
      identityProviders: config.oidcProviders.map((p) => ({ id: p.id, label: p.label })),
      limit: async (c) => {
        const address = addressOf(c);
        if (!clientLimits.perMinute || !address) return true;
        return (await storage.hitRateLimit(`address:${address}`, 60_000, now())) <= clientLimits.perMinute;
      },
    });
    jobs.register(requestLinksJob(mail.settings));
    jobs.register(officeCleanupJob(config.officeIdleMinutes));
    const office = createOffice({
      config,
      database,
      lifecycle: storage.lifecycle,
      catalogue,
      mail: mail.settings,
      mailSends: mail.transport !== undefined,
      listeningOn: () => origin,
      pages: options.officePages === false ? undefined : (options.officePages ?? (officeBuilt() ? officeFolder() : undefined)),
      clientAddress: clientAddress(config.trustedProxyHops),
      hitRateLimit: (bucket) => storage.hitRateLimit(bucket, 60_000, now()),
      now,
    });
    const app = createApp({
      pages: { app: pages, contentSecurityPolicy: PAGES_CSP },
      storage,
      catalogue,
      corsOrigins: config.corsOrigins,
      media: options.media ?? mediaFolder(),
      publicUrl: () => origin,
      office: { app: office.app, contentSecurityPolicy: OFFICE_CSP },
      webmaster: createWebmaster({ catalogue: () => catalogue.current, publicUrl: () => origin, frameAncestors: config.frameAncestors, widgets: options.widgetFiles }),
      requiredSettings: () => (config.production ? missingInProduction(config) : []),
      clientAddress: addressOf,
      limits: clientLimits,
      log: config.logRequests ? (options.log ?? ((entry) => process.stdout.write(`${JSON.stringify({ time: new Date().toISOString(), ...entry })}\n`))) : undefined,
      now,
    });
    if (options.background !== false) {
      catalogue.start();
      jobs.start();
    }
    let closing: Promise<void> | undefined;
    return {
      app,
      mail,
      listeningOn(address) {
        if (!config.publicUrl) origin = address;
      },
      database,
      storage,
      catalogue,
      jobs,
      close() {
        closing ??= (async () => {
          catalogue.stop();
          await jobs.stop();
          await database.close();
        })();
        return closing;
      },
    };
  } catch (error) {
    await database.close();
    throw error;
  }
}
