/** The only module with side effects: registers the default tags. */
import { pageCatalogue } from './core/locale.js';
import { define } from './index.js';

// Also the entry of the drop-in bundle (dist/campus-widgets.min.js): re-exporting the
// package's API lets a page that loads it from a CDN call `configure()` or
// `define({ prefix })` from its own module script (`import { configure } from
// '…/campus-widgets.min.js'`), e.g. to register a second copy under other names.
// Found by test/hosts.test.ts (two copies on one page); the bundle exported nothing.
export * from './index.js';

// The page's language first (see pageCatalogue).
await pageCatalogue();
define();
