/**
 * The React example's entry: registers the campus tags, then renders.
 *
 *   import { mountCatalogue } from './main.js';
 *   mountCatalogue(document.getElementById('app')!, { preset: { expertise: 'cybersecurite' } });
 */
import { createElement, StrictMode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
// In your application: import 'campus-widgets/define';
// (before the first render, so that React sets `course` as a property).
import '../../src/define.js';
import { CampusCatalogue, type CampusCatalogueProps } from './CampusCatalogue.js';

export function mountCatalogue(container: Element, props: CampusCatalogueProps = {}): Root {
  const root = createRoot(container);
  root.render(createElement(StrictMode, null, createElement(CampusCatalogue, props)));
  return root;
}
