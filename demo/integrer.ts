/**
 * The embed builder's page (demo/integrer.html): reads the catalogue's
 * vocabularies and the service's release (script URL and SRI hash), builds the
 * preset fields of the chosen element, shows the element live, and writes the
 * snippet and the policy (./integrer-model.ts) for copying. DOM APIs only (no
 * innerHTML): the page runs under Trusted Types.
 */
import { attributesOf, ELEMENTS, PRESETS, policy, serviceRoot, snippet, validTemplate, type Choice, type ElementName, type Lang, type Preset, type Release, type Source, type Theme } from './integrer-model.js';

type Term = { id: string; label: string; parentId?: string };

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const form = $<HTMLFormElement>('reglages');
const fields = $<HTMLDivElement>('prereglages-champs');
const state = $<HTMLParagraphElement>('prereglages-etat');
const preview = $<HTMLDivElement>('apercu');
const snippetBox = $<HTMLElement>('extrait');
const policyBox = $<HTMLElement>('csp');
const announce = $<HTMLParagraphElement>('annonce');
const hrefInput = $<HTMLInputElement>('course-href');
const hrefError = $<HTMLSpanElement>('course-href-erreur');

const apiBase = document.querySelector<HTMLMetaElement>('meta[name="campus-api-base"]')?.content || '/api';
const root = serviceRoot(apiBase, location.href);
const vocab: Partial<Record<Source, Term[]>> = {};
let release: Release | undefined;
let themeLink: HTMLLinkElement | undefined;

async function getJson<T>(url: string): Promise<T> {
  const res = await fetch(url, { headers: { Accept: 'application/json' } });
  if (!res.ok) throw new Error(`${url}: ${res.status}`);
  return (await res.json()) as T;
}

async function loadVocabularies(): Promise<void> {
  const api = `${root}/api/v1`;
  const [expertises, audiences, organisations, vocabularies, courses] = await Promise.all([
    getJson<{ items: Term[] }>(`${api}/expertises`),
    getJson<{ items: Term[] }>(`${api}/audiences`),
    getJson<{ items: { id: string; name: string }[] }>(`${api}/organisations`),
    getJson<{ modes: Term[]; kinds: Term[]; levels: Term[] }>(`${api}/vocabularies`),
    getJson<{ items: { id: string; title: string }[] }>(`${api}/courses?pageSize=100&sort=title`),
  ]);
  vocab.expertises = expertises.items;
  vocab.audiences = audiences.items;
  vocab.organisations = organisations.items.map((o) => ({ id: o.id, label: o.name }));
  vocab.modes = vocabularies.modes;
  vocab.kinds = vocabularies.kinds;
  vocab.levels = vocabularies.levels;
  vocab.courses = courses.items.map((c) => ({ id: c.id, label: c.title }));
}

const element = (): ElementName => {
  const value = new FormData(form).get('element');
  return ELEMENTS.find((e) => e === value) ?? 'catalogue-list';
};

function make<K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<HTMLElementTagNameMap[K]> = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const el = Object.assign(document.createElement(tag), props);
  el.append(...children);
  return el;
}

/** One preset's field: a group of boxes for several values, a list for one, a number, a box. */
function presetField(preset: Preset): HTMLElement {
  const id = `p-${preset.attribute}`;
  const hint = preset.hint ? make('span', { className: 'builder-hint', id: `${id}-aide`, textContent: preset.hint }) : undefined;
  if (preset.source === 'flag') {
    const box = make('input', { type: 'checkbox', id, name: preset.attribute });
    return make('div', { className: 'builder-choice' }, box, make('label', { htmlFor: id, textContent: preset.label }));
  }
  if (preset.source === 'number' || preset.source === 'text') {
    const input = make('input', { id, name: preset.attribute, type: preset.source === 'number' ? 'number' : 'text' });
    if (preset.min !== undefined) input.min = String(preset.min);
    if (preset.max !== undefined) input.max = String(preset.max);
    if (hint) input.setAttribute('aria-describedby', hint.id);
    return make('div', { className: 'builder-field' }, make('label', { htmlFor: id, textContent: preset.label }), ...(hint ? [hint] : []), input);
  }
  const terms = vocab[preset.source] ?? [];
  if (preset.multiple) {
    const group = make('fieldset', {}, make('legend', { textContent: preset.label }));
    terms.forEach((term, i) => {
      const boxId = `${id}-${i}`;
      const label = term.parentId ? `${term.label} (sous-thème)` : term.label;
      group.append(make('div', { className: 'builder-choice' }, make('input', { type: 'checkbox', id: boxId, name: preset.attribute, value: term.id }), make('label', { htmlFor: boxId, textContent: label })));
    });
    return group;
  }
  const select = make('select', { id, name: preset.attribute });
  for (const term of terms) select.append(make('option', { value: term.id, textContent: term.label }));
  return make('div', { className: 'builder-field' }, make('label', { htmlFor: id, textContent: preset.label }), select);
}

function renderFields(): void {
  fields.replaceChildren(...PRESETS[element()].map(presetField));
  const list = element() === 'catalogue-list';
  $<HTMLFieldSetElement>('ouverture').hidden = !list;
}

function choice(): Choice {
  const data = new FormData(form);
  const values: Record<string, string | undefined> = {};
  for (const preset of PRESETS[element()]) {
    if (preset.source === 'flag') values[preset.attribute] = data.get(preset.attribute) ? '' : undefined;
    else if (preset.multiple) values[preset.attribute] = data.getAll(preset.attribute).join(',');
    else values[preset.attribute] = String(data.get(preset.attribute) ?? '');
  }
  const opening = data.get('opening') === 'href' ? { kind: 'href' as const, template: hrefInput.value } : { kind: 'dialog' as const };
  return { element: element(), values, theme: (data.get('theme') as Theme) ?? 'dsfr', lang: (data.get('lang') as Lang) ?? 'fr', opening };
}

function update(): void {
  if (!release) return;
  const c = choice();
  hrefInput.disabled = c.opening.kind !== 'href';
  const badTemplate = c.opening.kind === 'href' && !validTemplate(c.opening.template);
  hrefError.textContent = badTemplate && hrefInput.value.trim() ? 'Adresse invalide : une adresse http(s) ou un chemin de votre site, avec {id}.' : '';
  hrefInput.setAttribute('aria-invalid', String(badTemplate && hrefInput.value.trim() !== ''));
  snippetBox.textContent = snippet(c, release);
  policyBox.textContent = policy(c, release);
  showLive(c);
}

/** The element as the snippet writes it, with the theme's sheet (from this page's own server) loaded. */
function showLive(c: Choice): void {
  const href = new URL(`/widgets/themes/${c.theme}.css`, location.href).href;
  if (themeLink?.href !== href) {
    themeLink?.remove();
    themeLink = make('link', { rel: 'stylesheet', href });
    document.head.append(themeLink);
  }
  const el = document.createElement(c.element);
  // The same attributes as the snippet, but the course page: links would leave the builder.
  for (const [name, value] of attributesOf(c, release!)) if (name !== 'course-href') el.setAttribute(name, value);
  if (c.element === 'catalogue-list' || c.element === 'course-detail') el.setAttribute('heading-level', '3');
  preview.replaceChildren(el);
}

let clearAnnounce: ReturnType<typeof setTimeout> | undefined;
function say(text: string): void {
  // Emptied first: the same words said twice are announced twice.
  announce.textContent = '';
  clearTimeout(clearAnnounce);
  setTimeout(() => (announce.textContent = text), 50);
  clearAnnounce = setTimeout(() => (announce.textContent = ''), 8000);
}

async function copy(box: HTMLElement, what: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(box.textContent ?? '');
    say(`Copié : ${what}.`);
  } catch {
    // No clipboard (an old browser, a refused permission): the text is selected for Ctrl+C.
    const range = document.createRange();
    range.selectNodeContents(box);
    getSelection()?.removeAllRanges();
    getSelection()?.addRange(range);
    say(`${what} sélectionné : Ctrl+C (ou Cmd+C) pour copier.`);
  }
}

let debounce: ReturnType<typeof setTimeout> | undefined;
form.addEventListener('submit', (event) => event.preventDefault());
form.addEventListener('change', (event) => {
  if ((event.target as HTMLInputElement).name === 'element') renderFields();
  update();
});
form.addEventListener('input', () => {
  clearTimeout(debounce);
  debounce = setTimeout(update, 400);
});
$<HTMLButtonElement>('copier-extrait').addEventListener('click', () => void copy(snippetBox, 'l’extrait'));
$<HTMLButtonElement>('copier-csp').addEventListener('click', () => void copy(policyBox, 'la CSP'));

try {
  [release] = await Promise.all([getJson<Release>(`${root}/widgets/release.json`), loadVocabularies()]);
  if (!release.files['campus-widgets.min.js']) throw new Error('no build');
  state.textContent = 'Valeurs fixées par votre page : la personne ne peut pas les retirer. Aucune case cochée : tout le catalogue.';
  renderFields();
  update();
} catch {
  state.textContent = 'Le service du campus ne répond pas, ou ses composants ne sont pas construits (npm run build) : l’extrait ne peut pas être écrit.';
  snippetBox.textContent = '—';
  policyBox.textContent = '—';
}
document.documentElement.dataset.builder = release ? 'ready' : 'failed';
