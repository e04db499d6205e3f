import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { draftKey, writeDraft } from '../src/core/form/draft.js';
import { EnrolForm } from '../src/enrol-form/enrol-form.js';
import { fillForm, formIn, storyEmail, submitForm } from './form-play.js';
import { STORY_API_BASE, storyFault } from './support.js';

// src/define.ts registers the whole set; the stories register what they show.
if (!customElements.get('enrol-form')) customElements.define('enrol-form', EnrolForm);

interface Args {
  courseId: string;
  sessionId?: string;
  apiBase: string;
  lang?: string;
}

// Courses of the seed data (server/data).
const PLAIN = 'matinee-ia-rh';
const APPROVAL = 'piloter-projet-ia';
const FULL = 'ia-open-source-modeles';
const FULL_SESSION = 'ia-open-source-modeles-2027-02-24';
const MULTI_DAY = 'ia-generative-usages-professionnels';
const EXTERNAL = 'albert-assistant-agents';

const agent = (name: string) => ({
  givenName: 'Camille',
  familyName: 'Martin',
  email: storyEmail(name),
  organisation: 'Direction générale des finances publiques',
  jobTitle: 'Cheffe de projet numérique',
});

const meta: Meta<Args> = {
  title: 'Formulaires/enrol-form',
  component: 'enrol-form',
  args: { courseId: PLAIN, apiBase: STORY_API_BASE },
  argTypes: { lang: { control: 'select', options: [undefined, 'fr', 'en', 'fr-CA'] } },
  render: (a) => html`<enrol-form
    lang=${ifDefined(a.lang)}
    course-id=${a.courseId}
    session-id=${ifDefined(a.sessionId)}
    api-base=${a.apiBase}
  ></enrol-form>`,
};
export default meta;

type Story = StoryObj<Args>;

/** A course enrolled by request: sessions, identity, needs, privacy notice. */
export const Form: Story = {};

/** A session chosen by the host page. */
export const PreselectedSession: Story = { args: { sessionId: `${PLAIN}-2027-04-06` } };

/** The manager's e-mail is asked for, and required. */
export const ManagerApproval: Story = { args: { courseId: APPROVAL } };

/** A full session is offered as a waiting list. */
export const WaitingList: Story = { args: { courseId: FULL, sessionId: FULL_SESSION } };

/** Every day of a session over several days. */
export const MultiDaySession: Story = { args: { courseId: MULTI_DAY } };

/** A course enrolled on another platform: its link instead of a form. */
export const External: Story = { args: { courseId: EXTERNAL } };

/** While the course loads (the API never answers). */
export const Loading: Story = { args: { apiBase: storyFault('hang,only=courses') } };

/** The course cannot be loaded: a message and a retry. */
export const LoadError: Story = { args: { apiBase: storyFault('status=503,only=courses') } };

/** A submission refused by validation: the summary takes focus, each error beside its field. */
export const ValidationErrors: Story = {
  play: async ({ canvasElement }) => {
    const el = await formIn(canvasElement, 'enrol-form');
    await fillForm(el, { givenName: 'Camille', email: 'camille.martin@' });
    submitForm(el);
  },
};

/** An e-mail that does not look like an administration's: a warning, not an error. */
export const PrivateEmailWarning: Story = {
  play: async ({ canvasElement }) => {
    const el = await formIn(canvasElement, 'enrol-form');
    await fillForm(el, { email: 'camille.martin@gmail.com' });
    el.shadowRoot!.querySelector<HTMLInputElement>('#f-email')!.focus();
    el.shadowRoot!.querySelector<HTMLInputElement>('#f-organisation')!.focus();
  },
};

/** Sending failed (a 500): every value kept, a retry button. */
export const SendError: Story = {
  args: { apiBase: storyFault('status=500,only=enrolments'), sessionId: `${PLAIN}-2027-01-05` },
  play: async ({ canvasElement }) => {
    const el = await formIn(canvasElement, 'enrol-form');
    await fillForm(el, agent('send-error'));
    submitForm(el);
  },
};

/** The request is slow to answer: the button says it is sending. */
export const Sending: Story = {
  args: { apiBase: storyFault('delay=30000,only=enrolments'), sessionId: `${PLAIN}-2027-01-05` },
  play: async ({ canvasElement }) => {
    const el = await formIn(canvasElement, 'enrol-form');
    await fillForm(el, agent('sending'));
    submitForm(el);
  },
};

/** The receipt after sending, with the calendar file. */
export const Receipt: Story = {
  args: { sessionId: `${PLAIN}-2027-01-05` },
  play: async ({ canvasElement }) => {
    const el = await formIn(canvasElement, 'enrol-form');
    await fillForm(el, agent('receipt'));
    submitForm(el);
  },
};

/** The receipt of a waiting-list request. */
export const WaitingListReceipt: Story = {
  args: { courseId: FULL, sessionId: FULL_SESSION },
  play: async ({ canvasElement }) => {
    const el = await formIn(canvasElement, 'enrol-form');
    await fillForm(el, agent('waitlist'));
    submitForm(el);
  },
};

/** A draft found in sessionStorage after a reload: restored, with "Recommencer". */
export const DraftRestored: Story = {
  loaders: [
    async () => {
      writeDraft(draftKey('enrol-form', PLAIN), { ...agent('draft'), comment: 'Brouillon retrouvé après un rechargement.' });
      return {};
    },
  ],
};

export const English: Story = { args: { lang: 'en', courseId: APPROVAL } };
export const QuebecFrench: Story = { args: { lang: 'fr-CA', courseId: APPROVAL } };
export const EnglishExternal: Story = { args: { lang: 'en', courseId: EXTERNAL } };
