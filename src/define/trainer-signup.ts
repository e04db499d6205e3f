/** Registers `<trainer-signup>` alone under its default tag (`campus-widgets/define/trainer-signup`); side effects only. */
import { defineSet } from '../core/registry.js';
import { TrainerSignup } from '../trainer-signup/trainer-signup.js';

defineSet({ 'trainer-signup': TrainerSignup });
