/**
 * The campus catalogue inside a Vue 3 application.
 *
 * - `<catalogue-list>` with a preset (here: a ministry's cybersecurity courses);
 * - a click on a course is handled by the application (`campus-course-select`,
 *   cancelled so that the card's link is not followed) which shows the course
 *   with `<course-detail>`, enrolment form included;
 * - the courses seen are kept as `<course-card>`s given their `course` object
 *   (`:course.prop`: a property, no second request);
 * - the enrolment is received as `campus-enrol-success`.
 *
 * Vue must be told that these tags are custom elements, not Vue components:
 * `app.config.compilerOptions.isCustomElement` (see ./main.ts) when templates
 * are compiled in the browser, as here; with single-file components and Vite,
 * the same function goes in `vue({ template: { compilerOptions: { isCustomElement } } })`.
 * The courses are kept in `shallowRef`s so the widgets receive the very objects
 * of the events, not deep reactive copies.
 */
import { defineComponent, nextTick, ref, shallowRef, type PropType } from 'vue';
// In your application: from 'campus-widgets'.
import type { Course, EnrolmentReceipt } from '../../src/index.js';

/** The campus tags: custom elements for Vue's template compiler. */
export const CAMPUS_TAGS: ReadonlySet<string> = new Set(['catalogue-list', 'course-card', 'course-detail', 'enrol-form', 'trainer-signup']);
export const isCustomElement = (tag: string): boolean => CAMPUS_TAGS.has(tag);

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

const RECENT_MAX = 3;

export const CampusCatalogue = defineComponent({
  name: 'CampusCatalogue',
  props: {
    /** The campus API's root, without its version (else `configure()` or the default). */
    apiBase: String,
    preset: { type: Object as PropType<CataloguePreset>, default: () => ({}) },
    /** The URL of a course's page, kept as the cards' link target (new tab, copy link). */
    courseHref: { type: String, default: '/formations/{id}' },
  },
  emits: {
    /** An enrolment request was recorded. */
    enrolled: (_receipt: EnrolmentReceipt, _course: Course) => true,
  },
  setup(_props, { emit }) {
    const selected = shallowRef<Course | null>(null);
    const recent = shallowRef<Course[]>([]);
    const receipt = shallowRef<EnrolmentReceipt | null>(null);
    const detail = ref<HTMLElement | null>(null);

    // The reader chose a course: the application shows it in place of following the link.
    async function select(event: HTMLElementEventMap['campus-course-select']) {
      event.preventDefault();
      const { course } = event.detail;
      selected.value = course;
      receipt.value = null;
      recent.value = [course, ...recent.value.filter((c) => c.id !== course.id)].slice(0, RECENT_MAX);
      // Keyboard and screen-reader users land on the course they chose.
      await nextTick();
      detail.value?.focus();
    }

    function enrolled(event: HTMLElementEventMap['campus-enrol-success']) {
      receipt.value = event.detail;
      if (selected.value) emit('enrolled', event.detail, selected.value);
    }

    return { selected, recent, receipt, detail, select, enrolled };
  },
  template: /* html */ `
    <div class="campus-catalogue">
      <catalogue-list
        :api-base="apiBase"
        v-bind="preset"
        :course-href="courseHref"
        v-on:campus-course-select="select"
      >
        <a href="https://campus.numerique.gouv.fr/catalogue">Voir le catalogue du Campus du numérique public</a>
      </catalogue-list>

      <section v-if="selected" ref="detail" class="campus-selection" tabindex="-1" :aria-label="selected.title">
        <course-detail
          :course-id="selected.id"
          :api-base="apiBase"
          heading-level="2"
          @campus-enrol-success="enrolled"
        ></course-detail>
        <p role="status">{{ receipt ? 'Demande enregistrée, référence ' + receipt.reference + '.' : '' }}</p>
      </section>

      <aside v-if="recent.length" class="campus-recent" aria-labelledby="campus-recent-title">
        <h2 id="campus-recent-title">Consultées récemment</h2>
        <ul>
          <li v-for="course in recent" :key="course.id">
            <course-card
              :course.prop="course"
              :api-base="apiBase"
              :course-href="courseHref"
              heading-level="3"
              @campus-course-select="select"
            ></course-card>
          </li>
        </ul>
      </aside>
    </div>
  `,
});
