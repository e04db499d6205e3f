/**
 * What a widget gives the widgets it embeds whole (`<course-detail>` its
 * `<enrol-form>`s), through the context protocol of `@lit/context` rather than
 * properties pushed into each: the client it talks to and the reference data
 * it already holds. Keys are unique symbols: two copies of the library on a
 * page never answer each other's requests.
 */
import { createContext } from '@lit/context';
import type { CampusClient } from '../api/client.js';
import type { Reference } from '../api/reference.js';

/** The client of the embedding widget: an embedded one without its own `api-base` talks to the same API. */
export const clientContext = createContext<CampusClient | undefined>(Symbol('campus-widgets.client'));

/** The reference data (labels of vocabularies, organisations…) the embedding widget loaded. */
export const referenceContext = createContext<Reference | undefined>(Symbol('campus-widgets.reference'));
