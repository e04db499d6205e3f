/** `node:url` for the in-browser reference API: a module URL's path stands for its file. */
export function fileURLToPath(url: string | URL): string {
  return decodeURIComponent(new URL(url).pathname);
}

export default { fileURLToPath };
