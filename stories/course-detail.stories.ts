import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { CourseDetail } from '../src/course-detail/course-detail.js';
import { STORY_API_BASE, storyFault } from './support.js';

// src/define.ts registers the whole set; the stories register what they show.
if (!customElements.get('course-detail')) customElements.define('course-detail', CourseDetail);

/** Courses of the seed catalogue chosen for what they show. */
const COURSES = {
  /** Open and full sessions, partners, manager approval. */
  withSessions: 'ia-cadres-dirigeants',
  /** Sessions of three half-days each. */
  multiDay: 'comprendre-ia-service-public',
  /** Enrolment on MENTOR, no session (self-paced). */
  external: 'albert-assistant-agents',
  /** A session in Montréal: dates in its time zone, named. */
  quebec: 'seminaire-france-quebec',
  partners: 'universite-ete-ia-publique',
};

interface Args {
  apiBase: string;
  courseId: string;
  headingLevel: number;
  lang?: string;
}

const meta: Meta<Args> = {
  title: 'Catalogue/course-detail',
  component: 'course-detail',
  args: { apiBase: STORY_API_BASE, courseId: COURSES.withSessions, headingLevel: 2 },
  argTypes: {
    lang: { control: 'select', options: [undefined, 'fr', 'en', 'fr-CA'] },
    courseId: { control: 'select', options: Object.values(COURSES) },
  },
  render: (a) => html`<course-detail
    lang=${ifDefined(a.lang)}
    api-base=${a.apiBase}
    course-id=${a.courseId}
    heading-level=${a.headingLevel}
  ></course-detail>`,
};
export default meta;

type Story = StoryObj<Args>;

export const Default: Story = {};

export const MultiDaySessions: Story = {
  name: 'Sessions over several days',
  args: { courseId: COURSES.multiDay },
};

export const ManyPartners: Story = {
  args: { courseId: COURSES.partners },
};

export const ExternalEnrolment: Story = {
  name: 'External enrolment',
  args: { courseId: COURSES.external },
};

export const OtherTimeZone: Story = {
  name: 'A session in another time zone',
  args: { courseId: COURSES.quebec },
};

export const Loading: Story = {
  args: { apiBase: storyFault('hang') },
};

export const ErrorState: Story = {
  name: 'Error',
  args: { apiBase: storyFault('status=500') },
};

export const NotFound: Story = {
  args: { courseId: 'formation-inexistante' },
};

export const Partial: Story = {
  name: 'Partial (unreadable sessions left out)',
  args: { apiBase: storyFault('invalid,only=sessions') },
};

export const English: Story = { args: { lang: 'en' } };
export const QuebecFrench: Story = { name: 'Québec French', args: { lang: 'fr-CA' } };
