import type { Preview } from '@storybook/web-components-vite';
import { html } from 'lit';

const preview: Preview = {
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
  parameters: { controls: { expanded: true } },
};
export default preview;
