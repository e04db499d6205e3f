import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { Course } from '../src/api/schemas.js';
import { CourseCard } from '../src/course-card/course-card.js';
import { STORY_API_BASE, storyFault } from './support.js';

// src/define.ts registers the whole set; the stories register what they show.
if (!customElements.get('course-card')) customElements.define('course-card', CourseCard);

/** A course of the seed catalogue, fetched by id. */
const SEED_COURSE_ID = 'comprendre-ia-service-public';

/** A course given as a property: rendered at once, the reference data loaded once by the card. */
const sample = (overrides: Record<string, unknown> = {}): Course =>
  Course.parse({
    id: 'exemple-ia-generative',
    title: 'Comprendre l’IA générative pour mieux l’encadrer',
    kind: 'parcours',
    summary: 'Trois demi-journées pour comprendre les modèles de langage, leurs usages et leurs risques dans l’action publique.',
    expertiseIds: ['intelligence-artificielle', 'ia-ethique'],
    modes: ['hybride'],
    duration: { minutes: 630, label: '3 demi-journées' },
    level: 'decouverte',
    providerId: 'campus',
    partnerIds: ['inria'],
    isFree: true,
    nextSession: {
      id: 'exemple-1',
      start: '2027-03-15T09:00:00+01:00',
      end: '2027-03-15T12:30:00+01:00',
      mode: 'presentiel',
      city: 'Paris',
      seatsLeft: 4,
      status: 'open',
    },
    ...overrides,
  });

interface Args {
  apiBase: string;
  courseId?: string;
  course?: Course;
  headingLevel: number;
  courseHref?: string;
  lang?: string;
  width?: string;
}

const meta: Meta<Args> = {
  title: 'Catalogue/course-card',
  component: 'course-card',
  args: { apiBase: STORY_API_BASE, courseId: SEED_COURSE_ID, headingLevel: 3, courseHref: '/formations/{id}', width: '24em' },
  argTypes: {
    lang: { control: 'select', options: [undefined, 'fr', 'en', 'fr-CA'] },
    width: { control: 'select', options: ['18em', '24em', '40em', '60em'] },
    course: { control: false },
  },
  render: (a) => html`<div class="frame" data-width=${ifDefined(a.width)}>
      <course-card
        lang=${ifDefined(a.lang)}
        api-base=${a.apiBase}
        course-id=${ifDefined(a.course ? undefined : a.courseId)}
        .course=${a.course}
        heading-level=${a.headingLevel}
        course-href=${ifDefined(a.courseHref)}
        @campus-course-select=${(e: Event) => e.preventDefault()}
      ></course-card>
    </div>
    <style>
      .frame { width: 24em; max-width: 100%; }
      .frame[data-width='18em'] { width: 18em; }
      .frame[data-width='40em'] { width: 40em; }
      .frame[data-width='60em'] { width: 60em; }
    </style>`,
};
export default meta;

type Story = StoryObj<Args>;

export const Default: Story = {};

export const FromProperty: Story = {
  name: 'Given as a property (as in catalogue-list)',
  args: { course: sample() },
};

export const Wide: Story = {
  name: 'Wide container: image beside the text',
  args: { width: '60em' },
};

export const WithoutLink: Story = {
  name: 'Without course-href: the title is a button',
  args: { courseHref: undefined },
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

export const LongTitle: Story = {
  args: {
    course: sample({
      title:
        'Concevoir, déployer et faire vivre un service numérique public accessible, sobre et souverain : parcours complet pour les équipes produit interministérielles',
      summary:
        'Un parcours long pour les équipes qui construisent des services publics numériques : de la découverte des besoins des usagers jusqu’au déploiement, en passant par l’accessibilité (RGAA), l’écoconception, la sécurité et la mesure d’impact.',
    }),
  },
};

export const ManyPartners: Story = {
  args: {
    course: sample({
      partnerIds: ['inria', 'insp', 'atn-quebec', 'enm', 'mines-paris', 'igpde', 'commission-europeenne', 'unesco', 'partenaire-sans-fiche'],
    }),
  },
};

export const FullSession: Story = {
  name: 'Next session full',
  args: { course: sample({ nextSession: { id: 'x', start: '2027-04-02T09:00:00+02:00', mode: 'presentiel', city: 'Lyon', seatsLeft: 0, status: 'full' } }) },
};

export const Paid: Story = {
  name: 'Paid course',
  args: { course: sample({ isFree: false, price: { amount: 1250, currency: 'EUR' }, duration: { minutes: 840, label: '' } }) },
};

export const English: Story = { args: { lang: 'en' } };
export const QuebecFrench: Story = { name: 'Québec French', args: { lang: 'fr-CA' } };
