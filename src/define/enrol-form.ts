/** Registers `<enrol-form>` alone under its default tag (`campus-widgets/define/enrol-form`); side effects only. */
import { pageCatalogue } from '../core/locale.js';
import { defineSet } from '../core/registry.js';
import { EnrolForm } from '../enrol-form/enrol-form.js';

await pageCatalogue();
defineSet({ 'enrol-form': EnrolForm });
