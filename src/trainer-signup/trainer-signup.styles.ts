/** `<trainer-signup>`'s own look; the fields' is shared (src/core/form/form.styles.ts). */
import { css } from 'lit';

export const styles = css`
  .intro {
    color: var(--_text);
  }
  .training {
    padding: 1em 1.25em 0;
    border-left: 0.25em solid var(--_border);
  }
  .link-row {
    margin-bottom: 1em;
  }
  .link-row .group {
    margin-bottom: 0.5em;
  }
`;
