/** Registers `<course-card>` alone under its default tag (`campus-widgets/define/course-card`); side effects only. */
import { defineSet } from '../core/registry.js';
import { CourseCard } from '../course-card/course-card.js';

defineSet({ 'course-card': CourseCard });
