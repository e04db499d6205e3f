/** Registers `<enrol-form>` alone under its default tag (`campus-widgets/define/enrol-form`); side effects only. */
import { defineSet } from '../core/registry.js';
import { EnrolForm } from '../enrol-form/enrol-form.js';

defineSet({ 'enrol-form': EnrolForm });
