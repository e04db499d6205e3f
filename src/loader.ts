/**
 * The drop-in loader, `campus-widgets.loader.js`: a few hundred bytes that
 * load a widget's code only when its tag is in the page. For each default tag
 * found (at once, or added later), it imports `campus-widgets.<tag>.js` from
 * its own folder, which registers that element; nothing else is downloaded.
 *
 * The page's own DOM is watched; a shadow root of the host's own is watched
 * once given: `import { observe } from '…/campus-widgets.loader.js'; observe(root)`.
 * No inline script, no eval: `script-src` needs the loader's origin only.
 */

const TAGS = ['catalogue-list', 'course-card', 'course-detail', 'enrol-form', 'trainer-signup'] as const;
type Tag = (typeof TAGS)[number];

// Kept in a variable: bundlers rewrite `new URL(…, import.meta.url)` as an asset reference.
const here = import.meta.url;
const requested = new Set<string>();
let observer: MutationObserver | undefined;

function load(tag: Tag): void {
  if (requested.has(tag) || customElements.get(tag)) return;
  requested.add(tag);
  import(/* @vite-ignore */ new URL(`./campus-widgets.${tag}.js`, here).href).catch((error: unknown) => {
    // Another element's tag may still load; this one can be tried again when it reappears.
    requested.delete(tag);
    console.warn(`[campus-widgets] <${tag}> could not be loaded`, error);
  });
}

function scan(root: ParentNode): void {
  for (const tag of TAGS) if (!requested.has(tag) && root.querySelector(tag)) load(tag);
}

const onMutations = (records: MutationRecord[]): void => {
  for (const record of records) {
    for (const node of record.addedNodes) {
      if (node.nodeType !== 1) continue;
      const name = (node as Element).localName;
      if ((TAGS as readonly string[]).includes(name)) load(name as Tag);
      scan(node as Element);
    }
  }
};

/** Loads the widgets found in `root` now and those added to it later (the document, or a shadow root). */
export function observe(root: Document | ShadowRoot = document): void {
  observer ??= new MutationObserver(onMutations);
  scan(root);
  observer.observe(root, { childList: true, subtree: true });
}

if (globalThis.document && globalThis.customElements) observe(document);
