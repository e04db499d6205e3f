/// <reference types="vite/client" />
/**
 * Controls (and, with @storybook/addon-docs, docs) from the custom elements
 * manifest that `npm run analyze` writes: each story's `component` tag gets its
 * attributes, properties, events, slots, parts and CSS custom properties.
 * A glob rather than an import, so a fresh checkout without the (generated,
 * git-ignored) manifest still type-checks and builds.
 */
import { setCustomElementsManifest } from '@storybook/web-components-vite';

const found = import.meta.glob<unknown>('../custom-elements.json', { eager: true, import: 'default' });
const manifest = Object.values(found)[0];
if (manifest) setCustomElementsManifest(manifest);

export default {};
