/**
 * The office's entry: the State design system's styles (the office is a
 * DINUM service), its own few styles, and the shell element.
 */
import '@gouvfr/dsfr/dist/dsfr.min.css';
import '@gouvfr/dsfr/dist/utility/icons/icons-arrows/icons-arrows.main.min.css';
import '@gouvfr/dsfr/dist/utility/icons/icons-system/icons-system.main.min.css';
import './office.css';
import './app.js';
