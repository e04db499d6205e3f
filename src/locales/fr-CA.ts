import type { MessageOverrides } from './types.js';
import { core } from './fr-CA/core.js';
import { card } from './fr-CA/card.js';
import { detail } from './fr-CA/detail.js';
import { catalogue } from './fr-CA/catalogue.js';
import { form } from './fr-CA/form.js';
import { enrol } from './fr-CA/enrol.js';
import { trainer } from './fr-CA/trainer.js';

/** Québec French: what differs from French; everything else falls back to it. */
const frCA: MessageOverrides = {
  ...core,
  ...card,
  ...detail,
  ...catalogue,
  ...form,
  ...enrol,
  ...trainer,
};
export default frCA;
