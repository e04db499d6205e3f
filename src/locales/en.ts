import type { Catalogue } from './types.js';
import { core } from './en/core.js';
import { card } from './en/card.js';
import { detail } from './en/detail.js';
import { catalogue } from './en/catalogue.js';
import { form } from './en/form.js';
import { enrol } from './en/enrol.js';
import { trainer } from './en/trainer.js';

/** English: complete, type-checked against the French source. */
const en: Catalogue = {
  ...core,
  ...card,
  ...detail,
  ...catalogue,
  ...form,
  ...enrol,
  ...trainer,
};
export default en;
