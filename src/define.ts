/** The only module with side effects: registers the default tags. */
import { define } from './index.js';

define();
