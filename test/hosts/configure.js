// The host's configuration module: it imports configure() from the same URL as
// the page's <script>, so from the same module instance (another URL would be a
// second copy of the library, with its own configuration).
import { configure } from '{{CDN}}/campus-widgets.min.js';

configure({ messages: { fr: { 'catalogue.search.label': 'Chercher parmi nos formations' } } });
