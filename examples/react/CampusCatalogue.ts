/**
 * The campus catalogue inside a React 19 application.
 *
 * - `<catalogue-list>` with a preset (here: a ministry's cybersecurity courses);
 * - a click on a course is handled by the application (`campus-course-select`,
 *   cancelled so that the card's link is not followed) which shows the course
 *   with `<course-detail>`, enrolment form included;
 * - the courses seen are kept as `<course-card>`s given their `course` object
 *   (a property: no second request);
 * - the enrolment is received as `campus-enrol-success`.
 *
 * React 19 passes an object, array or function to a custom element as a
 * property when the element has one, other values as attributes, and turns an
 * `on<event-name>` prop into a listener for `<event-name>`. So register the tags
 * before the first render (`import 'campus-widgets/define'`, see ./main.ts).
 *
 * Written with `createElement` so it runs without a JSX step; in a .tsx file:
 * `<catalogue-list api-base={apiBase} oncampus-course-select={select} />`.
 */
import { createElement as h, useEffect, useRef, useState } from 'react';
// In your application: from 'campus-widgets'.
import type { Course, EnrolmentReceipt } from '../../src/index.js';

/** Fixed filters of the catalogue: the attributes of `<catalogue-list>` (values comma-separated). */
export interface CataloguePreset {
  expertise?: string;
  audience?: string;
  mode?: string;
  kind?: string;
  organisation?: string;
  partner?: string;
  level?: string;
  q?: string;
  free?: boolean;
}

export interface CampusCatalogueProps {
  /** The campus API's root, without its version (else `configure()` or the default). */
  apiBase?: string;
  preset?: CataloguePreset;
  /** The URL of a course's page, kept as the cards' link target (new tab, copy link). */
  courseHref?: string;
  /** Called with the receipt once an enrolment request was recorded. */
  onEnrolled?: (receipt: EnrolmentReceipt, course: Course) => void;
}

const RECENT_MAX = 3;

export function CampusCatalogue({ apiBase, preset = {}, courseHref = '/formations/{id}', onEnrolled }: CampusCatalogueProps) {
  const [selected, setSelected] = useState<Course | null>(null);
  const [recent, setRecent] = useState<Course[]>([]);
  const [receipt, setReceipt] = useState<EnrolmentReceipt | null>(null);
  const detailRef = useRef<HTMLElement>(null);

  // The reader chose a course: the application shows it in place of following the link.
  const select = (event: HTMLElementEventMap['campus-course-select']) => {
    event.preventDefault();
    const { course } = event.detail;
    setSelected(course);
    setReceipt(null);
    setRecent((list) => [course, ...list.filter((c) => c.id !== course.id)].slice(0, RECENT_MAX));
  };

  const enrolled = (event: HTMLElementEventMap['campus-enrol-success']) => {
    setReceipt(event.detail);
    if (selected) onEnrolled?.(event.detail, selected);
  };

  // Keyboard and screen-reader users land on the course they chose.
  useEffect(() => {
    if (selected) detailRef.current?.focus();
  }, [selected]);

  return h(
    'div',
    { className: 'campus-catalogue' },
    h(
      'catalogue-list',
      { 'api-base': apiBase, ...preset, 'course-href': courseHref, 'oncampus-course-select': select },
      // Shown until the script is loaded, or if it is blocked.
      h('a', { href: 'https://campus.numerique.gouv.fr/catalogue' }, 'Voir le catalogue du Campus du numérique public'),
    ),
    selected &&
      h(
        'section',
        { className: 'campus-selection', ref: detailRef, tabIndex: -1, 'aria-label': selected.title },
        h('course-detail', { 'course-id': selected.id, 'api-base': apiBase, 'heading-level': 2, 'oncampus-enrol-success': enrolled }),
        h('p', { role: 'status' }, receipt ? `Demande enregistrée, référence ${receipt.reference}.` : ''),
      ),
    recent.length > 0 &&
      h(
        'aside',
        { className: 'campus-recent', 'aria-labelledby': 'campus-recent-title' },
        h('h2', { id: 'campus-recent-title' }, 'Consultées récemment'),
        h(
          'ul',
          null,
          recent.map((course) =>
            h(
              'li',
              { key: course.id },
              // `course` is an object: React sets it as the element's property.
              h('course-card', { course, 'api-base': apiBase, 'course-href': courseHref, 'heading-level': 3, 'oncampus-course-select': select }),
            ),
          ),
        ),
      ),
  );
}
