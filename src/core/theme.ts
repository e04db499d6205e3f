/**
 * Design tokens. Every colour is a `--campus-*` custom property whose
 * fallback chains to the DSFR token of the same role, so a DSFR host (and its
 * dark mode) is followed without configuration, and a theme file or a host
 * only sets `--campus-*`. Internal shorthands (`--_*`) keep rules readable.
 * Sizes are in em: text size and font come from the host.
 */
import { css } from 'lit';

export const tokens = css`
  :host {
    --_action: var(--campus-color-action, var(--text-action-high-blue-france, #000091));
    --_action-hover: var(--campus-color-action-hover, var(--background-action-high-blue-france-hover, #1212ff));
    --_on-action: var(--campus-color-on-action, var(--text-inverted-blue-france, #f5f5fe));
    --_text: var(--campus-color-text, var(--text-default-grey, #3a3a3a));
    --_title: var(--campus-color-title, var(--text-title-grey, #161616));
    --_mention: var(--campus-color-text-mention, var(--text-mention-grey, #666666));
    --_bg: var(--campus-color-background, var(--background-default-grey, #ffffff));
    --_bg-alt: var(--campus-color-background-alt, var(--background-alt-grey, #f6f6f6));
    --_bg-contrast: var(--campus-color-background-contrast, var(--background-contrast-grey, #eeeeee));
    --_border: var(--campus-color-border, var(--border-default-grey, #dddddd));
    --_border-plain: var(--campus-color-border-plain, var(--border-plain-grey, #3a3a3a));
    --_tag-bg: var(--campus-color-tag-background, var(--background-action-low-blue-france, #e3e3fd));
    --_tag-text: var(--campus-color-tag-text, var(--text-action-high-blue-france, #000091));
    --_error: var(--campus-color-error, var(--text-default-error, #ce0500));
    --_success: var(--campus-color-success, var(--text-default-success, #18753c));
    --_warning: var(--campus-color-warning, var(--text-default-warning, #b34000));
    --_info: var(--campus-color-info, var(--text-default-info, #0063cb));
    --_focus: var(--campus-color-focus, #0a76f6);
    --_radius: var(--campus-radius, 0.25em);
    --_space: var(--campus-space, 1em);

    display: block;
    box-sizing: border-box;
    max-width: 100%;
    font-size: var(--campus-font-size, 1em);
    font-family: var(--campus-font-family, inherit);
    line-height: var(--campus-line-height, 1.5);
    color: var(--_text);
    overflow-wrap: anywhere;
  }
  /* Not inherited from the host: a page's own '* { box-sizing: content-box; line-height: 1 }'
     reaches the host element and would leak into every part. */
  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }
  :host > * {
    line-height: var(--campus-line-height, 1.5);
  }
  [hidden] {
    display: none !important;
  }
  :focus-visible {
    outline: 2px solid var(--_focus);
    outline-offset: 2px;
  }
  .visually-hidden {
    position: absolute !important;
    width: 1px !important;
    height: 1px !important;
    padding: 0 !important;
    margin: -1px !important;
    overflow: hidden !important;
    clip: rect(0, 0, 0, 0) !important;
    white-space: nowrap !important;
    border: 0 !important;
  }
  @media (prefers-reduced-motion: reduce) {
    *,
    *::before,
    *::after {
      animation-duration: 0s !important;
      animation-iteration-count: 1 !important;
      transition-duration: 0s !important;
      scroll-behavior: auto !important;
    }
  }
`;

/** Buttons, fields, badges and state blocks shared by the widgets, after DSFR's look. */
export const controls = css`
  .button {
    display: inline-flex;
    align-items: center;
    gap: 0.5em;
    min-height: 2.5em;
    padding: 0.5em 1em;
    border: 1px solid var(--_action);
    border-radius: var(--_radius);
    background: var(--_action);
    color: var(--_on-action);
    font: inherit;
    font-weight: 500;
    line-height: 1.5;
    text-decoration: none;
    cursor: pointer;
  }
  .button:hover {
    background: var(--_action-hover);
  }
  .button.secondary {
    background: transparent;
    color: var(--_action);
  }
  .button.secondary:hover {
    background: var(--_bg-alt);
  }
  .button[disabled],
  .button[aria-disabled='true'] {
    cursor: not-allowed;
    opacity: 0.7;
  }
  .link {
    color: var(--_action);
    text-decoration: underline;
    text-underline-offset: 0.2em;
  }
  .badge {
    display: inline-block;
    padding: 0 0.5em;
    border-radius: var(--_radius);
    background: var(--_bg-contrast);
    color: var(--_title);
    font-size: 0.875em;
    font-weight: 700;
    text-transform: uppercase;
    line-height: 1.7;
  }
  .tag {
    display: inline-block;
    padding: 0.125em 0.75em;
    border-radius: 1em;
    background: var(--_tag-bg);
    color: var(--_tag-text);
    font-size: 0.875em;
    line-height: 1.5;
  }
  .state {
    padding: var(--_space);
    border-left: 0.25em solid var(--_border-plain);
    background: var(--_bg-alt);
  }
  .state.error {
    border-left-color: var(--_error);
  }
  .state p {
    margin: 0 0 0.75em;
  }
  .state p:last-child {
    margin-bottom: 0;
  }
  .note {
    color: var(--_mention);
    font-size: 0.875em;
  }
  .skeleton {
    display: block;
    border-radius: var(--_radius);
    background: var(--_bg-contrast);
    animation: campus-pulse 1.5s ease-in-out infinite;
  }
  @keyframes campus-pulse {
    50% {
      opacity: 0.5;
    }
  }
`;
