/**
 * The French catalogue: the source every other locale is checked against.
 * It is bundled with the widgets; the other locales are loaded on demand.
 * Each area keeps its messages in its own file under fr/, en/ and fr-CA/.
 */
import { core } from './fr/core.js';
import { card } from './fr/card.js';
import { detail } from './fr/detail.js';
import { catalogue } from './fr/catalogue.js';
import { form } from './fr/form.js';
import { enrol } from './fr/enrol.js';
import { trainer } from './fr/trainer.js';

export const fr = {
  ...core,
  ...card,
  ...detail,
  ...catalogue,
  ...form,
  ...enrol,
  ...trainer,
};
