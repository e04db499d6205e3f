/**
 * Registers `<course-detail>` under its default tag (`campus-widgets/define/course-detail`),
 * with the `<enrol-form>` it embeds whole; side effects only.
 */
import { pageCatalogue } from '../core/locale.js';
import { defineSet } from '../core/registry.js';
import { CourseDetail } from '../course-detail/course-detail.js';
import { EnrolForm } from '../enrol-form/enrol-form.js';

await pageCatalogue();
defineSet({ 'course-detail': CourseDetail, 'enrol-form': EnrolForm });
