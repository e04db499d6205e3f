/**
 * The office's navigation: each entry, the roles that see it, and the view
 * behind it. An entry without a view is not shown until one is registered
 * (`registerView`): « Messages envoyés » is the place kept for the e-mails
 * the service sends (the outbox), filled by the e-mail work.
 */
import type { TemplateResult } from 'lit';
import type { Member } from './api.js';

export interface NavEntry {
  /** The address after `#/`. */
  path: string;
  label: string;
  roles: readonly Member['role'][];
  /** Built into the shell's own routing. */
  builtIn?: boolean;
  /** A view registered by another module. */
  view?: () => TemplateResult;
}

export const NAVIGATION: NavEntry[] = [
  { path: 'demandes', label: 'Demandes', roles: ['campus', 'organisation'], builtIn: true },
  { path: 'sessions', label: 'Sessions', roles: ['campus', 'organisation'], builtIn: true },
  { path: 'candidatures', label: 'Candidatures de formateurs', roles: ['campus'], builtIn: true },
  // The sent e-mails (the outbox): its view is registered by the e-mail module.
  { path: 'messages', label: 'Messages envoyés', roles: ['campus'] },
  { path: 'equipe', label: 'Équipe', roles: ['campus'], builtIn: true },
  { path: 'organisations', label: 'Organisations', roles: ['campus'], builtIn: true },
  { path: 'personnes', label: 'Droits des personnes', roles: ['campus'], builtIn: true },
  { path: 'journal', label: 'Journal', roles: ['campus'], builtIn: true },
];

/** Gives an entry its view (and so shows it in the navigation). */
export function registerView(path: string, view: () => TemplateResult): void {
  const entry = NAVIGATION.find((e) => e.path === path);
  if (!entry) throw new Error(`No navigation entry for ${path}`);
  entry.view = view;
}
