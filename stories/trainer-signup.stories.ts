import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { draftKey, writeDraft } from '../src/core/form/draft.js';
import { TrainerSignup } from '../src/trainer-signup/trainer-signup.js';
import { fillForm, formIn, storyEmail, submitForm } from './form-play.js';
import { STORY_API_BASE, storyFault } from './support.js';

// src/define.ts registers the whole set; the stories register what they show.
if (!customElements.get('trainer-signup')) customElements.define('trainer-signup', TrainerSignup);

interface Args {
  apiBase: string;
  skills?: string;
  intent?: string;
  lang?: string;
}

const candidate = (name: string) => ({
  givenName: 'Alex',
  familyName: 'Dupont',
  email: storyEmail(name),
  organisation: 'Direction interministérielle du numérique',
  jobTitle: 'Coach produit',
  status: ['agent-interne'],
  skills: ['coaching-produit'],
  intent: ['idea'],
  availability: '2 jours par trimestre',
});

const meta: Meta<Args> = {
  title: 'Formulaires/trainer-signup',
  component: 'trainer-signup',
  args: { apiBase: STORY_API_BASE },
  argTypes: {
    lang: { control: 'select', options: [undefined, 'fr', 'en', 'fr-CA'] },
    intent: { control: 'select', options: [undefined, 'list', 'idea', 'help'] },
  },
  render: (a) => html`<trainer-signup
    lang=${ifDefined(a.lang)}
    api-base=${a.apiBase}
    skills=${ifDefined(a.skills)}
    intent=${ifDefined(a.intent)}
  ></trainer-signup>`,
};
export default meta;

type Story = StoryObj<Args>;

/** The call for trainers, nothing preset. */
export const Form: Story = {};

/** Relayed by a partner looking for AI trainers who give a training already: the training fieldset shows. */
export const PresetAiTraining: Story = { args: { skills: 'intelligence-artificielle', intent: 'list' } };

export const Loading: Story = { args: { apiBase: storyFault('hang,only=vocabularies') } };
export const LoadError: Story = { args: { apiBase: storyFault('status=503,only=privacy-notices') } };

/** A submission refused by validation, the training's fields included. */
export const ValidationErrors: Story = {
  args: { intent: 'list' },
  play: async ({ canvasElement }) => {
    const el = await formIn(canvasElement, 'trainer-signup');
    await fillForm(el, { givenName: 'Alex', 'links.0': 'javascript:alert(1)' });
    submitForm(el);
  },
};

export const SendError: Story = {
  args: { apiBase: storyFault('status=500,only=trainer-applications') },
  play: async ({ canvasElement }) => {
    const el = await formIn(canvasElement, 'trainer-signup');
    await fillForm(el, candidate('send-error'));
    submitForm(el);
  },
};

export const Receipt: Story = {
  play: async ({ canvasElement }) => {
    const el = await formIn(canvasElement, 'trainer-signup');
    await fillForm(el, candidate('receipt'));
    submitForm(el);
  },
};

export const DraftRestored: Story = {
  loaders: [
    async () => {
      const { status: _s, skills: _k, intent: _i, ...text } = candidate('draft');
      writeDraft(draftKey('trainer-signup', 'application'), { ...text, skills: ['data'], links: ['https://example.org/talk', ''] });
      return {};
    },
  ],
};

export const English: Story = { args: { lang: 'en', intent: 'list' } };
export const QuebecFrench: Story = { args: { lang: 'fr-CA', intent: 'list' } };
