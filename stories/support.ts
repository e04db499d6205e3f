/**
 * Where stories reach the reference API: Storybook mounts the reference
 * server (in test mode, for fault stories) on its own origin under /api.
 */
export const STORY_API_BASE = '/api';

/** An API root whose answers carry a fault, e.g. `storyFault('hang')` for a loading state. */
export function storyFault(modifiers: string): string {
  return `/test/${modifiers}/api`;
}

/** The locales a story can be shown in (the toolbar's locale switch sets `lang`). */
export const STORY_LOCALES = ['fr', 'en', 'fr-CA'] as const;
