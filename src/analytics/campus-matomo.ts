/**
 * `campus-matomo.js`, the self-hosted file: `<script type="module" src=".../campus-matomo.js">`
 * feeds `window._paq` from the widgets' events, with no inline script (the strict CSP holds).
 */
import { matomo, trackCampusEvents } from './matomo.js';

trackCampusEvents(matomo());
