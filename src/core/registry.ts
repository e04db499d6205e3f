/**
 * Registration of the widget set. A class can be registered under one name
 * only, so a prefixed set is made of subclasses that carry their own set's
 * tag names: a widget that renders another always renders its sibling.
 */

export const WIDGET_NAMES = ['catalogue-list', 'course-card', 'course-detail', 'enrol-form', 'trainer-signup'] as const;
export type WidgetName = (typeof WIDGET_NAMES)[number];
export type TagMap = Readonly<Record<WidgetName, string>>;

/** The widgets a widget renders whole, registered with it (a set's widget renders its own sibling). */
export const EMBEDS: Readonly<Partial<Record<WidgetName, readonly WidgetName[]>>> = {
  'course-detail': ['enrol-form'],
};

/** The names to register for `names`: each with the widgets it embeds. */
export function withEmbeds(names: readonly string[]): WidgetName[] {
  const wanted = new Set<WidgetName>();
  for (const name of names) {
    if (!(WIDGET_NAMES as readonly string[]).includes(name)) continue;
    wanted.add(name as WidgetName);
    for (const embedded of EMBEDS[name as WidgetName] ?? []) wanted.add(embedded);
  }
  return WIDGET_NAMES.filter((name) => wanted.has(name));
}

export const DEFAULT_TAGS: TagMap = Object.freeze(
  Object.fromEntries(WIDGET_NAMES.map((name) => [name, name])) as Record<WidgetName, string>,
);

/** What `defineSet` needs of a widget class: it carries its set's tags. */
export interface WidgetClass extends CustomElementConstructor {
  tags: TagMap;
}

const VALID_TAG = /^[a-z][a-z0-9._-]*-[a-z0-9._-]*$/;
/** Whether a name can be a custom element's (lowercase, with a hyphen). */
export const isValidTag = (tag: string): boolean => VALID_TAG.test(tag);
const warned = new Set<string>();

function warnOnce(key: string, message: string): void {
  if (warned.has(key)) return;
  warned.add(key);
  console.warn(`[campus-widgets] ${message}`);
}

export function tagsFor(prefix?: string): TagMap {
  const p = prefix?.trim().toLowerCase().replace(/-+$/, '');
  if (!p) return DEFAULT_TAGS;
  return Object.freeze(
    Object.fromEntries(WIDGET_NAMES.map((name) => [name, `${p}-${name}`])) as Record<WidgetName, string>,
  );
}

/** The prefix a set's tags were made with (`tagsFor(prefixOf(tags))` gives them back); '' for the default names. */
export const prefixOf = (tags: TagMap): string => tags['course-card'].slice(0, -'course-card'.length);

/**
 * Registers a set of widget classes, under their default tags or under
 * `<prefix>-<name>`. Never throws: a name already taken, by this set or by
 * another element, is reported once and skipped.
 */
export function defineSet(
  classes: Partial<Record<WidgetName, WidgetClass>>,
  options: { prefix?: string } = {},
): TagMap {
  const tags = tagsFor(options.prefix);
  if (!globalThis.customElements) return tags;
  for (const name of WIDGET_NAMES) {
    const base = classes[name];
    if (!base) continue;
    const tag = tags[name];
    if (!isValidTag(tag)) {
      warnOnce(`invalid:${tag}`, `« ${tag} » is not a valid custom element name; ${name} was not registered.`);
      continue;
    }
    const existing = customElements.get(tag) as WidgetClass | undefined;
    if (existing) {
      if (existing === base || existing.prototype instanceof base) {
        warnOnce(`again:${tag}`, `<${tag}> is already defined; the second definition is ignored.`);
      } else {
        warnOnce(`taken:${tag}`, `<${tag}> is already used by another element; use define({ prefix }) to pick other names.`);
      }
      continue;
    }
    // The default set registers the classes themselves; another set needs its own subclasses.
    const ctor: WidgetClass =
      tags === DEFAULT_TAGS && base.tags === DEFAULT_TAGS && !customElements.getName?.(base)
        ? base
        : // A subclass per set: the registry binds one name to one constructor.
          (class extends (base as unknown as { new (): HTMLElement }) {
            static tags = tags;
          } as unknown as WidgetClass);
    try {
      customElements.define(tag, ctor);
    } catch (error) {
      warnOnce(`error:${tag}`, `<${tag}> could not be defined: ${String(error)}`);
    }
  }
  return tags;
}
