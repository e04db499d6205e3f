/** The office's navigation: each entry and the roles that see it (the shell routes each path). */
import type { Member } from './api.js';

export interface NavEntry {
  /** The address after `#/`. */
  path: string;
  label: string;
  roles: readonly Member['role'][];
}

export const NAVIGATION: NavEntry[] = [
  { path: 'demandes', label: 'Demandes', roles: ['campus', 'organisation'] },
  { path: 'sessions', label: 'Sessions', roles: ['campus', 'organisation'] },
  { path: 'candidatures', label: 'Candidatures de formateurs', roles: ['campus'] },
  { path: 'messages', label: 'Messages envoyés', roles: ['campus'] },
  { path: 'equipe', label: 'Équipe', roles: ['campus'] },
  { path: 'organisations', label: 'Organisations', roles: ['campus'] },
  { path: 'personnes', label: 'Droits des personnes', roles: ['campus'] },
  { path: 'journal', label: 'Journal', roles: ['campus'] },
];

