/**
 * `node:fs` for the in-browser reference API: an in-memory file system, so
 * the submission store (JSON lines) keeps what a story sends for as long as
 * the page lives, and `/media/…` reads the seed's images bundled as text.
 */
const files = new Map<string, string | Uint8Array>();
const dirs = new Set<string>(['/']);
const utf8 = new TextEncoder();
const text = new TextDecoder();

const notFound = (path: string) => Object.assign(new Error(`ENOENT: no such file or directory, open '${path}'`), { code: 'ENOENT' });

/** Puts a file in (the seed's media, at start-up). */
export function putFile(path: string, content: string | Uint8Array): void {
  files.set(path, content);
}

export function existsSync(path: string): boolean {
  return files.has(path) || dirs.has(path);
}

export function mkdirSync(path: string, _options?: unknown): void {
  dirs.add(path);
}

export function readFileSync(path: string, encoding?: string | { encoding?: string }): string | Uint8Array {
  const content = files.get(path);
  if (content === undefined) throw notFound(path);
  const wantsText = typeof encoding === 'string' || (encoding && typeof encoding === 'object' && encoding.encoding);
  if (wantsText) return typeof content === 'string' ? content : text.decode(content);
  return typeof content === 'string' ? utf8.encode(content) : content;
}

export function appendFileSync(path: string, data: string, _encoding?: string): void {
  const before = files.get(path);
  files.set(path, (before === undefined ? '' : typeof before === 'string' ? before : text.decode(before)) + data);
}

export default { existsSync, mkdirSync, readFileSync, appendFileSync };
