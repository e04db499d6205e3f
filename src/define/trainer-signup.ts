/** Registers `<trainer-signup>` alone under its default tag (`campus-widgets/define/trainer-signup`); side effects only. */
import { pageCatalogue } from '../core/locale.js';
import { defineSet } from '../core/registry.js';
import { TrainerSignup } from '../trainer-signup/trainer-signup.js';

await pageCatalogue();
defineSet({ 'trainer-signup': TrainerSignup });
