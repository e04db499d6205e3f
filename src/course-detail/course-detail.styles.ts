import { css } from 'lit';
import { partnerStyles } from '../course-card/course-card.styles.js';

/** The course page, after DSFR's content layout. */
export const detailStyles = [
  partnerStyles,
  css`
    .course {
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
    .external-icon::after {
      content: '↗';
    }
    .empty {
      color: var(--_mention);
    }
    .loading {
      display: flex;
      flex-direction: column;
      gap: 0.75em;
    }
    .skeleton.line {
      height: 1em;
    }
    .skeleton.title {
      height: 2.5em;
      width: 70%;
    }
    .skeleton.block {
      height: 8em;
    }
  `,
];
