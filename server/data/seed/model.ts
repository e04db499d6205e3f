/**
 * The shape of the hand-written course tables and the duration codes they use.
 * A row says what an editor would write; the builder derives the rest.
 */

/** How a duration code is held: its slots' hours and how the days follow each other. */
export interface DurationSpec {
  minutes: number;
  label: string;
  /** Self-paced e-learning: no dated session. */
  selfPaced?: boolean;
  /** Number of slots (days or half-days) of one session. */
  slots: number;
  /** Local start and end times of each slot, [h, min, h, min]. */
  hours: [number, number, number, number];
  /** Days between two slots: 1 for consecutive working days, 7 weekly, 14 fortnightly. */
  every: number;
}

const spec = (
  minutes: number,
  label: string,
  slots: number,
  hours: [number, number, number, number],
  every = 1,
): DurationSpec => ({ minutes, label, slots, hours, every });
const online = (minutes: number, label: string): DurationSpec => ({
  minutes,
  label,
  selfPaced: true,
  slots: 0,
  hours: [0, 0, 0, 0],
  every: 0,
});

export const DURATIONS = {
  el30: online(30, '30 min'),
  el45: online(45, '45 min'),
  el1h: online(60, '1 h'),
  el2h: online(120, '2 h'),
  el3h: online(180, '3 h en ligne, à son rythme'),
  el6h: online(360, '6 h en ligne, à son rythme'),
  el10h: online(600, '10 h en ligne, à son rythme'),
  mooc4: online(480, '4 semaines, 2 h par semaine'),
  mooc5: online(750, '5 semaines, 2 h 30 par semaine'),
  mooc6: online(720, '6 semaines, 2 h par semaine'),
  mooc7: online(1050, '7 semaines, 2 h 30 par semaine'),
  h1: spec(60, '1 h', 1, [12, 30, 13, 30]),
  h1_30: spec(90, '1 h 30', 1, [11, 0, 12, 30]),
  h2: spec(120, '2 h', 1, [10, 0, 12, 0]),
  h3: spec(180, '3 h', 1, [14, 0, 17, 0]),
  matinee: spec(180, 'Une matinée (3 h)', 1, [9, 0, 12, 0]),
  dj: spec(180, 'Une demi-journée', 1, [9, 30, 12, 30]),
  j1: spec(360, '1 jour', 1, [9, 30, 17, 0]),
  dj2: spec(360, '2 demi-journées', 2, [9, 30, 12, 30], 7),
  dj3: spec(540, '3 demi-journées', 3, [9, 30, 12, 30], 7),
  dj4: spec(720, '4 demi-journées', 4, [14, 0, 17, 0], 7),
  j2: spec(720, '2 jours', 2, [9, 30, 17, 0]),
  j3: spec(1080, '3 jours', 3, [9, 30, 17, 0]),
  j3s: spec(1080, '3 jours répartis sur 3 semaines', 3, [9, 30, 17, 0], 7),
  j4s: spec(1440, '4 jours répartis sur 2 mois', 4, [9, 30, 17, 0], 14),
  j5s: spec(1800, '5 jours répartis sur 10 semaines', 5, [9, 30, 17, 0], 14),
  w4: spec(480, '4 semaines, 2 h par semaine', 4, [10, 0, 12, 0], 7),
  w6: spec(720, '6 semaines, 2 h par semaine', 6, [14, 0, 16, 0], 7),
  ue: spec(1080, '3 jours (université d’été)', 3, [9, 0, 17, 30]),
} satisfies Record<string, DurationSpec>;

export type DurationCode = keyof typeof DURATIONS;

export interface CourseRow {
  id: string;
  title: string;
  kind: string;
  /** Expertise ids; a sub-theme goes with its parent. */
  exp: string[];
  /** Provider organisation id. */
  by: string;
  summary: string;
  objectives: string[];
  d: DurationCode;
  /** Teaching modes; derived from the duration when absent. */
  modes?: string[];
  level?: 'decouverte' | 'intermediaire' | 'avance';
  /** Audience ids; drawn when absent. */
  aud?: string[];
  partners?: string[];
  /** External enrolment URL: the course enrols on another site. */
  url?: string;
  approval?: boolean;
  /** Price in euros; the course is then not free. */
  price?: number;
  prerequisites?: string;
  content?: string;
  /** The city where in-person sessions are held, when the course is tied to a place. */
  city?: string;
}
