/** Registers `<catalogue-list>` under its default tag (`campus-widgets/define/catalogue-list`); side effects only. */
import { pageCatalogue } from '../core/locale.js';
import { defineSet } from '../core/registry.js';
import { CatalogueList } from '../catalogue-list/catalogue-list.js';

await pageCatalogue();
defineSet({ 'catalogue-list': CatalogueList });
