import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, nothing } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { CatalogueList } from '../src/catalogue-list/catalogue-list.js';
import { CourseCard } from '../src/course-card/course-card.js';
import { STORY_API_BASE, storyFault } from './support.js';

// src/define.ts registers the whole set; the stories register what they show.
if (!customElements.get('catalogue-list')) customElements.define('catalogue-list', CatalogueList);
if (!customElements.get('course-card')) customElements.define('course-card', CourseCard);

interface Args {
  apiBase: string;
  expertise?: string;
  audience?: string;
  mode?: string;
  kind?: string;
  organisation?: string;
  partner?: string;
  level?: string;
  q?: string;
  free: boolean;
  sort?: 'relevance' | 'title' | 'start' | 'updated';
  pageSize: number;
  hideFilters: boolean;
  syncUrl: boolean;
  urlPrefix?: string;
  courseHref?: string;
  lang?: string;
  header?: boolean;
}

const meta: Meta<Args> = {
  title: 'Catalogue/catalogue-list',
  component: 'catalogue-list',
  args: {
    apiBase: STORY_API_BASE,
    free: false,
    pageSize: 12,
    hideFilters: false,
    syncUrl: false,
    courseHref: '/formations/{id}',
  },
  argTypes: {
    sort: { control: 'select', options: ['relevance', 'title', 'start', 'updated'] },
    lang: { control: 'select', options: [undefined, 'fr', 'en', 'fr-CA'] },
  },
  render: (a) => html`<catalogue-list
    lang=${ifDefined(a.lang)}
    api-base=${a.apiBase}
    expertise=${ifDefined(a.expertise)}
    audience=${ifDefined(a.audience)}
    mode=${ifDefined(a.mode)}
    kind=${ifDefined(a.kind)}
    organisation=${ifDefined(a.organisation)}
    partner=${ifDefined(a.partner)}
    level=${ifDefined(a.level)}
    q=${ifDefined(a.q)}
    ?free=${a.free}
    sort=${ifDefined(a.sort)}
    page-size=${a.pageSize}
    ?hide-filters=${a.hideFilters}
    ?sync-url=${a.syncUrl}
    url-prefix=${ifDefined(a.urlPrefix)}
    course-href=${ifDefined(a.courseHref)}
    @campus-course-select=${(e: Event) => e.preventDefault()}
  >
    ${a.header
      ? html`<div slot="header">
          <p><strong>Académie de la transformation numérique × Campus du numérique public</strong></p>
          <p>Les programmes offerts conjointement aux gestionnaires publics du Québec et de la France.</p>
        </div>`
      : nothing}
    <a href="https://campus.numerique.gouv.fr/catalogue">Voir le catalogue du Campus du numérique public</a>
  </catalogue-list>`,
};
export default meta;

type Story = StoryObj<Args>;

export const Default: Story = {};

export const Cybersecurity: Story = {
  name: 'Preset: cybersécurité',
  args: { expertise: 'cybersecurite' },
};

export const AtnPartner: Story = {
  name: 'Preset: ATN Québec partner, with a header',
  args: { partner: 'atn-quebec', header: true, lang: 'fr-CA' },
};

export const HideFilters: Story = {
  name: 'Bare list (hide-filters)',
  args: { hideFilters: true, pageSize: 6, sort: 'start' },
};

export const SyncUrl: Story = {
  name: 'State in the page URL (sync-url)',
  args: { syncUrl: true, urlPrefix: 'c1-' },
};

export const Empty: Story = {
  args: { q: 'xylophone' },
};

export const Loading: Story = {
  args: { apiBase: storyFault('hang') },
};

export const ErrorState: Story = {
  name: 'Error',
  args: { apiBase: storyFault('status=500') },
};

export const Partial: Story = {
  name: 'Partial (invalid items left out)',
  args: { apiBase: storyFault('invalid,only=courses') },
};

export const French: Story = { args: { lang: 'fr' } };
export const English: Story = { args: { lang: 'en' } };
export const QuebecFrench: Story = { name: 'Québec French', args: { lang: 'fr-CA' } };

export const Narrow: Story = {
  name: 'Narrow container (320 px)',
  render: (a, c) => html`<div class="narrow">${meta.render!(a, c)}</div>
    <style>
      .narrow {
        width: 320px;
        border: 1px dashed #ccc;
      }
    </style>`,
};
