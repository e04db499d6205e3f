/**
 * campus-widgets: the classes and helpers, without side effects.
 * `campus-widgets/define` registers the default tags; `define({ prefix })`
 * registers the whole set under other names.
 */
import { defineSet, type TagMap, type WidgetClass, type WidgetName } from './core/registry.js';
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
 * Registers every widget: under the default tags, or as `<prefix>-<name>`
 * when a host already uses those names. Never throws.
 * @example define({ prefix: 'campus' }) // <campus-catalogue-list>, <campus-course-card>…
 */
export function define(options: { prefix?: string } = {}): TagMap {
  return defineSet(classes, options);
}
