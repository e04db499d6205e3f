/**
 * What `<catalogue-list>`'s dialog shows, in a chunk of its own loaded on the first opening:
 * the list's page stays as light as before the reader picks a course. Registers `<course-detail>`
 * and the `<enrol-form>` it embeds under the names of the list's own set (a prefixed set
 * included), unless the page registered them already.
 */
import { defineSet, prefixOf, type TagMap, type WidgetClass, type WidgetName } from '../core/registry.js';
import { CourseDetail } from '../course-detail/course-detail.js';
import { EnrolForm } from '../enrol-form/enrol-form.js';

const classes: Partial<Record<WidgetName, WidgetClass>> = { 'course-detail': CourseDetail, 'enrol-form': EnrolForm };

/** Resolves once the set's `<course-detail>` is defined. */
export function defineCoursePage(tags: TagMap): Promise<unknown> {
  const missing = Object.entries(classes).filter(([name]) => !customElements.get(tags[name as WidgetName]));
  if (missing.length) defineSet(Object.fromEntries(missing), { prefix: prefixOf(tags) });
  return customElements.whenDefined(tags['course-detail']);
}
