/** Registers `<course-card>` alone under its default tag (`campus-widgets/define/course-card`); side effects only. */
import { pageCatalogue } from '../core/locale.js';
import { defineSet } from '../core/registry.js';
import { CourseCard } from '../course-card/course-card.js';

await pageCatalogue();
defineSet({ 'course-card': CourseCard });
