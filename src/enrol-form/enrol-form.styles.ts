/** `<enrol-form>`'s own look; the fields' is shared (src/core/form/form.styles.ts). */
import { css } from 'lit';

export const styles = css`
  .course-title {
    color: var(--_title);
    font-weight: 500;
  }
  .days {
    display: block;
  }
  .day {
    display: block;
  }
  .receipt .detail {
    display: block;
  }
  .seats {
    display: block;
  }
  .seats.full {
    color: var(--_warning);
    font-weight: 500;
  }
  .external {
    padding: var(--_space);
    border-left: 0.25em solid var(--_info);
    background: var(--_bg-alt);
  }
  .new-window,
  .hint-inline {
    font-weight: 400;
    font-size: 0.875em;
  }
  .alert {
    margin-top: 1.5em;
  }
  .alert h3 {
    margin: 0 0 0.5em;
    font-size: 1.125em;
  }
  .alert .button {
    margin-top: 1em;
  }
`;
