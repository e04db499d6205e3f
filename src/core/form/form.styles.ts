/**
 * The look of the form fields, after the DSFR's `fr-input-group`: a label, a
 * hint in a quieter colour, an input with a bottom border, an error in red
 * with the text "Erreur :" (no icon), a red line on the left of a group in
 * error. Only `--_*` colours, sizes in em.
 */
import { css } from 'lit';

export const formStyles = css`
  form {
    display: block;
  }
  h2,
  h3 {
    margin: 0 0 0.75em;
    color: var(--_title);
    font-size: 1.25em;
    line-height: 1.4;
  }
  h3 {
    font-size: 1.125em;
  }
  p {
    margin: 0 0 0.75em;
  }
  .required-note,
  .hint {
    color: var(--_mention);
    font-size: 0.875em;
  }
  .hint {
    display: block;
    margin: 0.25em 0 0;
  }
  fieldset {
    margin: 0 0 1.5em;
    padding: 0;
    border: 0;
    min-width: 0;
  }
  legend {
    padding: 0;
    margin-bottom: 0.5em;
    color: var(--_title);
    font-weight: 700;
  }
  fieldset.section > legend {
    font-size: 1.125em;
    margin-bottom: 1em;
  }
  .group {
    position: relative;
    margin: 0 0 1.5em;
  }
  .group--error::before {
    content: '';
    position: absolute;
    top: 0;
    bottom: 0;
    left: -0.75em;
    border-left: 0.125em solid var(--_error);
  }
  .group > label,
  .group > .label {
    display: block;
    color: var(--_title);
  }
  .group--error > label,
  .group--error > legend {
    color: var(--_error);
  }
  .required {
    color: var(--_error);
  }
  input[type='text'],
  input[type='email'],
  input[type='url'],
  input[type='tel'],
  textarea {
    display: block;
    width: 100%;
    margin-top: 0.5em;
    padding: 0.5em 1em;
    border: 0;
    border-radius: var(--_radius) var(--_radius) 0 0;
    box-shadow: inset 0 -0.125em 0 0 var(--_border-plain);
    background: var(--_bg-contrast);
    color: var(--_text);
    font: inherit;
    line-height: 1.5;
  }
  textarea {
    min-height: 6em;
    resize: vertical;
  }
  .group--error input,
  .group--error textarea {
    box-shadow: inset 0 -0.125em 0 0 var(--_error);
  }
  input:focus-visible,
  textarea:focus-visible {
    outline: 2px solid var(--_focus);
    outline-offset: 2px;
  }
  .choice {
    display: flex;
    align-items: flex-start;
    gap: 0.5em;
    margin: 0 0 0.75em;
  }
  .choice input {
    flex: none;
    width: 1.25em;
    height: 1.25em;
    margin: 0.125em 0 0;
    accent-color: var(--_action);
  }
  .choice label {
    flex: 1;
    min-width: 0;
  }
  .choice .detail {
    display: block;
    color: var(--_mention);
    font-size: 0.875em;
  }
  .message {
    margin: 0.5em 0 0;
    font-size: 0.875em;
  }
  .message.error {
    color: var(--_error);
  }
  .message.warning {
    color: var(--_warning);
  }
  .count {
    margin: 0.25em 0 0;
    color: var(--_mention);
    font-size: 0.875em;
  }
  .count.over {
    color: var(--_error);
  }
  .error-summary {
    margin: 0 0 1.5em;
    padding: 1em 1.25em;
    border: 0.125em solid var(--_error);
    border-left-width: 0.375em;
    background: var(--_bg);
  }
  .error-summary h3 {
    color: var(--_error);
  }
  .error-summary ul {
    margin: 0;
    padding-left: 1.25em;
  }
  .error-summary li {
    margin: 0.25em 0;
  }
  .error-summary a,
  .link {
    color: var(--_action);
    text-decoration: underline;
    text-underline-offset: 0.2em;
  }
  .callout {
    margin: 0 0 1.5em;
    padding: 1em 1.25em;
    border-left: 0.25em solid var(--_info);
    background: var(--_bg-alt);
  }
  .callout p:last-child {
    margin-bottom: 0;
  }
  .privacy {
    margin: 0 0 1.5em;
    padding: 1em 1.25em;
    border: 1px solid var(--_border);
    font-size: 0.875em;
  }
  .privacy h3 {
    font-size: 1.125em;
  }
  .privacy dl {
    margin: 0 0 0.75em;
  }
  .privacy dt {
    color: var(--_title);
    font-weight: 700;
  }
  .privacy dd {
    margin: 0 0 0.5em;
  }
  .privacy summary {
    color: var(--_action);
    cursor: pointer;
    text-decoration: underline;
  }
  .privacy details[open] summary {
    margin-bottom: 0.5em;
  }
  .honeypot {
    position: absolute !important;
    width: 1px !important;
    height: 1px !important;
    overflow: hidden !important;
    clip: rect(0, 0, 0, 0) !important;
    white-space: nowrap !important;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 1em;
    align-items: center;
    margin: 1.5em 0 0;
  }
  .state.error .button {
    margin-top: 0.25em;
  }
  .receipt {
    padding: 1.25em;
    border-left: 0.25em solid var(--_success);
    background: var(--_bg-alt);
  }
  .receipt:focus {
    outline: 2px solid var(--_focus);
    outline-offset: 2px;
  }
  .error-summary:focus {
    outline: 2px solid var(--_focus);
    outline-offset: 2px;
  }
  .receipt dl {
    margin: 0 0 1em;
  }
  .receipt dt {
    font-weight: 700;
    color: var(--_title);
  }
  .receipt dd {
    margin: 0 0 0.5em;
  }
  .reference {
    font-family: ui-monospace, monospace;
    font-size: 1.125em;
    color: var(--_title);
  }
  .skeleton.line {
    height: 1em;
    margin: 0.5em 0;
  }
  .skeleton.input {
    height: 2.5em;
    margin: 0.5em 0 1.5em;
  }
  .button.small {
    min-height: 2em;
    padding: 0.25em 0.75em;
    font-size: 0.875em;
  }
`;
