/**
 * The catalogue as CSV for French spreadsheet software: UTF-8 with a BOM (or
 * accents come out garbled), `;` as separator (`,` is the decimal mark),
 * CRLF line ends and RFC 4180 quoting. A cell that a spreadsheet would read as
 * a formula is neutralised with a leading apostrophe (OWASP's advice).
 */
import type { Course } from '../src/api/schemas.js';

export const CSV_FILENAME = 'catalogue-campus-numerique.csv';
export const CSV_CONTENT_TYPE = 'text/csv; charset=utf-8; header=present';

export const CSV_HEADER = [
  'Intitulé',
  'Type',
  'Résumé',
  'Objectifs',
  'Durée',
  'Modalités',
  'Public',
  'Expertises',
  'Organisme',
  'Partenaires',
  'Inscription',
] as const;

/** Labels for ids; an id without a label is written as is. */
export interface CsvLabels {
  kind(id: string): string;
  mode(id: string): string;
  audience(id: string): string;
  expertise(id: string): string;
  organisation(id: string): string;
}

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return /[";\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function csvLine(cells: readonly string[]): string {
  return `${cells.map(csvCell).join(';')}\r\n`;
}

const list = (ids: readonly string[], label: (id: string) => string) => ids.map(label).join(', ');

export function courseRow(c: Course, labels: CsvLabels): string[] {
  return [
    c.title,
    c.kind ? labels.kind(c.kind) : '',
    c.summary,
    c.objectives.join(', '),
    c.duration?.label ?? '',
    list(c.modes, labels.mode),
    list(c.audienceIds, labels.audience),
    list(c.expertiseIds, labels.expertise),
    c.providerId ? labels.organisation(c.providerId) : '',
    list(c.partnerIds, labels.organisation),
    c.enrolment.mode === 'external' && c.enrolment.url ? c.enrolment.url : 'Sur demande',
  ];
}

export function coursesCsv(courses: Iterable<Course>, labels: CsvLabels): string {
  const lines = ['\uFEFF', csvLine(CSV_HEADER)];
  for (const c of courses) lines.push(csvLine(courseRow(c, labels)));
  return lines.join('');
}
