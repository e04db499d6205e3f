/**
 * The service in a child process, as in production (`server/cli/api.ts`):
 * for tests that kill it, run two of them on one database, or limit its files.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ENTRY = fileURLToPath(new URL('../../server/cli/api.ts', import.meta.url));

export interface ServiceProcess {
  url: string;
  child: ChildProcess;
  /** Everything it wrote on stdout and stderr so far. */
  output(): string;
  /** Resolves when it has exited, with its code or signal. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

export interface ServiceProcessOptions {
  dataDir: string;
  databaseUrl?: string;
  env?: Record<string, string>;
  /** A command that wraps node, e.g. `['prlimit', '--fsize=200000']`. */
  wrapper?: string[];
  /** More options for `server/cli/api.ts`, e.g. `['--demo']`. */
  args?: string[];
}

export async function startServiceProcess(options: ServiceProcessOptions): Promise<ServiceProcess> {
  const args = ['--import', 'tsx', ENTRY, '--port', '0', '--data', options.dataDir, ...(options.args ?? [])];
  const [command, ...prefix] = options.wrapper?.length ? [...options.wrapper, process.execPath] : [process.execPath];
  const child = spawn(command, [...prefix, ...args], {
    env: {
      ...process.env,
      DATABASE_URL: options.databaseUrl ?? '',
      NODE_ENV: 'test',
      CATALOGUE_POLL_MS: '200',
      RATE_LIMIT_PER_MINUTE: '0',
      RATE_LIMIT_PER_EMAIL_PER_HOUR: '0',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (chunk: Buffer) => (out += chunk));
  child.stderr!.on('data', (chunk: Buffer) => (out += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the service did not start:\n${out}`)), 30_000);
    const look = () => {
      const m = /Service du campus : (http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    child.stdout!.on('data', look);
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`the service stopped before listening:\n${out}`));
    });
  });
  return {
    url,
    child,
    output: () => out,
    exited,
    async kill(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}

export async function postJson(url: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) });
}
