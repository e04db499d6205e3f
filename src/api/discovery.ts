/**
 * Finding a course with the service's help: suggestions as one types and the
 * synonyms list. Calls of the one client, kept in their own module so that
 * only a widget that offers suggestions carries them.
 */
import type { CallOptions, CampusClient, ListResult } from './client.js';
import { CampusApiError } from './errors.js';
import { SUGGEST_MIN_LENGTH, Suggestion, Synonym } from './schemas.js';

/** A route the service does not have (an older service): 404 as a problem or as a web page, or 501. */
function isMissingRoute(error: unknown): boolean {
  return error instanceof CampusApiError && (error.kind === 'http' || error.kind === 'setup') && (error.status === 404 || error.status === 501);
}

/** Clients whose service answered that it has no suggestions: not asked again. */
const withoutSuggestions = new WeakSet<CampusClient>();

/**
 * Suggestions for what a reader is typing (`GET /suggest?q=`): course titles,
 * expertises and organisations, each with what choosing it does (`courseId`,
 * or a `filter` of the list). Resolves with an empty list, asking nothing,
 * for fewer than 2 letters or digits; with `null` when the service has no
 * suggestions (an older one answers 404), silently and for good for this
 * client: the search field then stays a plain one. Other failures reject as
 * any call does (`CampusApiError`; `aborted` when the signal supersedes it),
 * without retries: the next keystroke asks again.
 */
export async function suggest(client: CampusClient, q: string, options?: CallOptions): Promise<ListResult<Suggestion> | null> {
  if (withoutSuggestions.has(client)) return null;
  // Whitespace collapsed (equal queries share one request and one cached answer), and no
  // longer than the service reads (10 words of 64 characters).
  const text = q.replace(/\s+/g, ' ').trim().slice(0, 700);
  if (text.replace(/[^\p{L}\p{N}]/gu, '').length < SUGGEST_MIN_LENGTH) return { items: [], dropped: 0 };
  try {
    return await client.items('/suggest', Suggestion, 'suggestions', options, new URLSearchParams({ q: text }), false);
  } catch (error) {
    if (!isMissingRoute(error)) throw error;
    withoutSuggestions.add(client);
    return null;
  }
}

/**
 * The synonyms list the service applies to search and suggestions
 * (`GET /synonyms`); `null` when the service has none (an older one answers 404).
 */
export async function synonyms(client: CampusClient, options?: CallOptions): Promise<ListResult<Synonym> | null> {
  try {
    return await client.items('/synonyms', Synonym, 'synonyms', options);
  } catch (error) {
    if (isMissingRoute(error)) return null;
    throw error;
  }
}
