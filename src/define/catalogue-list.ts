/** Registers `<catalogue-list>` under its default tag (`campus-widgets/define/catalogue-list`); side effects only. */
import { defineSet } from '../core/registry.js';
import { CatalogueList } from '../catalogue-list/catalogue-list.js';

defineSet({ 'catalogue-list': CatalogueList });
