import type { Preview } from '@storybook/web-components-vite';
import { html } from 'lit';
import { draftKey } from '../src/core/form/draft.js';

/** The forms keep drafts in sessionStorage, which outlives a story in Storybook's tab. */
const DRAFT_PREFIX = draftKey('', '').slice(0, -1);

const preview: Preview = {
  tags: ['autodocs'],
  globalTypes: {
    locale: {
      description: 'Langue des widgets',
      toolbar: {
        title: 'Langue',
        icon: 'globe',
        items: [
          { value: 'fr', title: 'Français' },
          { value: 'en', title: 'English' },
          { value: 'fr-CA', title: 'Français (Québec)' },
        ],
        dynamicTitle: true,
      },
    },
  },
  initialGlobals: { locale: 'fr' },
  // The widgets resolve their locale from the closest `lang`, as on a host page.
  decorators: [(story, context) => html`<div lang=${context.globals.locale ?? 'fr'}>${story()}</div>`],
  // Each story starts without the drafts an earlier story left (the forms would restore
  // them); project loaders run before a story's own, so DraftRestored still writes its draft.
  loaders: [
    async () => {
      for (const key of Object.keys(sessionStorage)) if (key.startsWith(DRAFT_PREFIX)) sessionStorage.removeItem(key);
      return {};
    },
  ],
  parameters: { controls: { expanded: true } },
};
export default preview;
