import { css, unsafeCSS } from 'lit';

const WORDS = 'xxxxxx xxxxxxxxx xxx xxxxx xxxxxxx xx ';
/** A CSS string of about `n` characters in words: a placeholder that wraps as text of that length would. */
const text = (n: number) => unsafeCSS(JSON.stringify(WORDS.repeat(Math.ceil(n / WORDS.length)).slice(0, n).trim()));
import { partnerStyles } from '../course-card/course-card.styles.js';

/** The course page, after DSFR's content layout. */
export const detailStyles = [
  partnerStyles,
  css`
    .course {
      container-type: inline-size;
      display: flex;
      flex-direction: column;
      gap: 1em;
    }
    .course > *,
    .section > * {
      margin: 0;
    }
    .title {
      order: 0;
      color: var(--_title);
      font-size: 2em;
      font-weight: 700;
      line-height: 1.25;
    }
    .kind {
      order: -1;
    }
    .summary {
      font-size: 1.125em;
    }
    .section {
      display: flex;
      flex-direction: column;
      gap: 0.75em;
      padding-top: 1em;
      border-top: 1px solid var(--_border);
    }
    .section-title {
      color: var(--_title);
      font-size: 1.375em;
      font-weight: 700;
      line-height: 1.3;
    }
    .facts,
    .session-facts {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(14em, 1fr));
      gap: 0.75em 1.5em;
    }
    .fact dt {
      color: var(--_mention);
      font-size: 0.875em;
      font-weight: 700;
    }
    .days-fact {
      grid-column: 1 / -1;
    }
    .fact dd {
      margin: 0;
    }
    .provider-logo {
      margin-top: 0.25em;
    }
    .objectives {
      margin: 0;
      padding-left: 1.5em;
    }
    .content {
      white-space: pre-line;
    }
    .sessions {
      display: flex;
      flex-direction: column;
      gap: 1em;
      margin: 0;
      padding: 0;
      list-style: none;
    }
    .session {
      display: flex;
      flex-direction: column;
      gap: 0.75em;
      padding: 1em 1.5em;
      border-left: 0.25em solid var(--_action);
      background: var(--_bg-alt);
    }
    .session > * {
      margin: 0;
    }
    .session-title {
      color: var(--_title);
      font-size: 1.125em;
      font-weight: 700;
    }
    .days {
      margin: 0;
      padding: 0;
      list-style: none;
    }
    .place + .online::before {
      content: ' · ';
    }
    .seats {
      font-weight: 700;
      color: var(--_success);
    }
    .seats.full {
      color: var(--_error);
    }
    .seats.waitlist {
      color: var(--_warning);
    }
    .section > .button {
      align-self: flex-start;
    }
    .enrol-panel {
      margin-top: 1em;
    }
    /* A phone: the session's box gives its width to the enrolment form. */
    @container (max-width: 30em) {
      .session {
        padding-inline: 0.75em;
      }
    }
    .external-icon::after {
      content: '↗';
    }
    .empty {
      color: var(--_mention);
    }
    /* It pulses as a whole (.skeleton); its parts draw the bars. */
    .course.skeleton {
      display: flex;
      background: none;
    }
    /* Above .fact dt's colour. */
    .loading .ph {
      color: transparent;
    }
    .ph::before {
      border-radius: var(--_radius);
      background: var(--_bg-contrast);
      content: ${text(16)};
    }
    .title.ph::before {
      content: ${text(44)};
    }
    .summary.ph::before {
      content: ${text(150)};
    }
    .objectives .ph::before {
      content: ${text(50)};
    }
    .session-title.ph::before {
      content: ${text(30)};
    }
    dd.ph::before {
      content: ${text(24)};
    }
    .loading .session {
      border-left-color: var(--_bg-contrast);
    }
    .loading .action {
      display: block;
      border-radius: var(--_radius);
      background: var(--_bg-contrast);
      width: 14em;
      max-width: 100%;
      height: 2.5em;
    }
  `,
];
