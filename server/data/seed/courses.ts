/** Every hand-written course table, in catalogue order. */
import type { CourseRow } from './model.js';
import { COURSES_COMMUNS, COURSES_ENT } from './courses-communs-ent.js';
import { COURSES_CYBER } from './courses-cyber.js';
import { COURSES_DATA } from './courses-data.js';
import { COURSES_DESIGN } from './courses-design.js';
import { COURSES_IA } from './courses-ia.js';
import { COURSES_INFRA, COURSES_NR } from './courses-nr-infra.js';
import { COURSES_PRODUIT } from './courses-produit.js';
import { COURSES_SUR_MESURE, COURSES_TRANSFO } from './courses-transfo.js';

export const COURSE_ROWS: CourseRow[] = [
  ...COURSES_IA,
  ...COURSES_PRODUIT,
  ...COURSES_CYBER,
  ...COURSES_DATA,
  ...COURSES_DESIGN,
  ...COURSES_COMMUNS,
  ...COURSES_ENT,
  ...COURSES_NR,
  ...COURSES_INFRA,
  ...COURSES_TRANSFO,
  ...COURSES_SUR_MESURE,
];
