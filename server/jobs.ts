/**
 * Recurring jobs that run once across every instance: each job is a row of
 * the `jobs` table, and an instance runs it only after winning its lease in
 * one UPDATE (PostgreSQL re-checks the condition on the locked row; SQLite
 * runs writers one at a time). A crashed instance's lease expires and another
 * takes the job. The clock is injected, so tests drive time instead of waiting.
 */
import { randomUUID } from 'node:crypto';
import type { Database } from './storage/database.js';

export interface JobContext {
  database: Database;
  now: Date;
}

export interface JobDefinition {
  name: string;
  /** Time between two runs. */
  everyMs: number;
  /** How long a run may take before another instance may take over (default 5 min). */
  leaseMs?: number;
  run(ctx: JobContext): Promise<void>;
}

export interface JobRunnerOptions {
  now?: () => Date;
  /** This instance's name in leases. */
  owner?: string;
  /** How often due jobs are looked for. */
  tickMs?: number;
}

const DAY = 24 * 3600 * 1000;

/** Keys kept past their expiry answer nothing: removed daily. */
export const purgeIdempotencyKeys: JobDefinition = {
  name: 'purge-idempotency-keys',
  everyMs: DAY,
  async run({ database, now }) {
    await database.db.deleteFrom('idempotency_keys').where('expires_at', '<=', now.toISOString()).execute();
  },
};

export class JobRunner {
  readonly owner: string;
  readonly #jobs = new Map<string, JobDefinition>();
  readonly #now: () => Date;
  #timer?: ReturnType<typeof setInterval>;
  #running?: Promise<string[]>;

  constructor(
    private readonly database: Database,
    private readonly options: JobRunnerOptions = {},
  ) {
    this.owner = options.owner ?? randomUUID();
    this.#now = options.now ?? (() => new Date());
    this.register(purgeIdempotencyKeys);
  }

  register(job: JobDefinition): void {
    this.#jobs.set(job.name, job);
  }

  /** Runs every due job whose lease this instance wins; returns their names. */
  tick(): Promise<string[]> {
    this.#running ??= this.#tick().finally(() => {
      this.#running = undefined;
    });
    return this.#running;
  }

  async #tick(): Promise<string[]> {
    const ran: string[] = [];
    // One read for all jobs; a write only for those due (a tick every few seconds costs no fsync).
    const rows = new Map((await this.database.db.selectFrom('jobs').select(['name', 'next_run_at', 'lease_until']).execute()).map((r) => [r.name, r]));
    const at = this.#now().toISOString();
    for (const job of this.#jobs.values()) {
      const row = rows.get(job.name);
      if (row && (row.next_run_at > at || (row.lease_until !== null && row.lease_until > at))) continue;
      if (await this.#lease(job, !row)) {
        await this.#run(job);
        ran.push(job.name);
      }
    }
    return ran;
  }

  async #lease(job: JobDefinition, isNew: boolean): Promise<boolean> {
    const { db } = this.database;
    const now = this.#now();
    const at = now.toISOString();
    if (isNew) await db.insertInto('jobs').values({ name: job.name, next_run_at: at, runs: 0 }).onConflict((oc) => oc.doNothing()).execute();
    const won = await db
      .updateTable('jobs')
      .set({ lease_owner: this.owner, lease_until: new Date(now.getTime() + (job.leaseMs ?? 5 * 60_000)).toISOString() })
      .where('name', '=', job.name)
      .where('next_run_at', '<=', at)
      .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<=', at)]))
      .executeTakeFirst();
    return Number(won.numUpdatedRows) === 1;
  }

  async #run(job: JobDefinition): Promise<void> {
    let error: string | null = null;
    try {
      await job.run({ database: this.database, now: this.#now() });
    } catch (e) {
      // The message only: a job's error must not carry personal data into the table or the log.
      error = e instanceof Error ? e.name : 'Error';
    }
    const now = this.#now();
    await this.database.db
      .updateTable('jobs')
      .set((eb) => ({
        lease_owner: null,
        lease_until: null,
        last_run_at: now.toISOString(),
        next_run_at: new Date(now.getTime() + (error ? Math.min(job.everyMs, 60_000) : job.everyMs)).toISOString(),
        last_error: error,
        runs: eb('runs', '+', 1),
      }))
      .where('name', '=', job.name)
      .where('lease_owner', '=', this.owner)
      .execute();
  }

  start(): void {
    if (this.#timer) return;
    this.#timer = setInterval(() => {
      this.tick().catch(() => undefined);
    }, this.options.tickMs ?? 15_000);
    this.#timer.unref?.();
  }

  async stop(): Promise<void> {
    clearInterval(this.#timer);
    this.#timer = undefined;
    await this.#running?.catch(() => undefined);
  }
}
