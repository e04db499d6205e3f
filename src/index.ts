/**
 * campus-widgets: the classes and helpers, without side effects.
 * `campus-widgets/define` registers the default tags; `define({ prefix })`
 * registers the whole set under other names.
 */
import { defineSet, withEmbeds, type TagMap, type WidgetClass, type WidgetName } from './core/registry.js';
import { CatalogueList } from './catalogue-list/catalogue-list.js';
import { CourseCard } from './course-card/course-card.js';
import { CourseDetail } from './course-detail/course-detail.js';
import { EnrolForm } from './enrol-form/enrol-form.js';
import { TrainerSignup } from './trainer-signup/trainer-signup.js';

export { configure, resetConfig, DEFAULT_API_BASE, type CampusConfig } from './core/config.js';
export { CampusElement } from './core/campus-element.js';
export { WIDGET_NAMES, DEFAULT_TAGS, type TagMap, type WidgetName } from './core/registry.js';
export { matchLocale, type LocaleId, type MessageKey, type MessageOverrides } from './core/locale.js';
export { CampusClient, clientFor, clearCache } from './api/client.js';
export { CampusApiError } from './api/errors.js';
export type * from './api/schemas.js';
export { CatalogueList, CourseCard, CourseDetail, EnrolForm, TrainerSignup };

const classes: Partial<Record<WidgetName, WidgetClass>> = {
  'catalogue-list': CatalogueList,
  'course-card': CourseCard,
  'course-detail': CourseDetail,
  'enrol-form': EnrolForm,
  'trainer-signup': TrainerSignup,
};

/**
 * Registers every widget, or only those of `tags` (with the widgets they render
 * whole: `course-detail` brings `enrol-form`): under the default tags, or as
 * `<prefix>-<name>` when a host already uses those names. Never throws; an
 * unknown name in `tags` is ignored. To load only one widget's code, import
 * `campus-widgets/define/<tag>` instead (or use the drop-in loader).
 * @example define({ prefix: 'campus' }) // <campus-catalogue-list>, <campus-course-card>…
 * @example define({ tags: ['course-card'] }) // <course-card> only
 */
export function define(options: { prefix?: string; tags?: readonly WidgetName[] } = {}): TagMap {
  if (!options.tags) return defineSet(classes, options);
  const wanted = withEmbeds(options.tags);
  return defineSet(Object.fromEntries(wanted.map((name) => [name, classes[name]])), options);
}
