import { css } from 'lit';

export const styles = css`
  :host {
    container: campus-catalogue / inline-size;
  }
  .layout {
    display: grid;
    gap: 1.5em;
    grid-template-columns: minmax(0, 1fr);
    grid-template-areas: 'header' 'search' 'filters' 'main';
  }
  .header {
    grid-area: header;
  }
  .header:not(.filled) {
    display: none;
  }
  .search {
    grid-area: search;
  }
  .filters-area {
    grid-area: filters;
    min-width: 0;
  }
  .main {
    grid-area: main;
    min-width: 0;
  }
  @container campus-catalogue (min-width: 48em) {
    .layout.with-filters {
      grid-template-columns: minmax(13em, 18em) minmax(0, 1fr);
      grid-template-areas: 'header header' 'search search' 'filters main';
      column-gap: 2em;
    }
    .filters-toggle,
    .filters-done {
      display: none !important;
    }
  }
  @container campus-catalogue (max-width: 47.99em) {
    .filters:not(.open) {
      display: none;
    }
  }

  /* The course dialog: a sheet over the page, the whole screen on a phone. */
  .course-dialog {
    box-sizing: border-box;
    width: min(calc(100% - 2em), 56em);
    max-width: none;
    max-height: calc(100% - 2em);
    padding: 0 1.5em 1.5em;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_bg);
    color: var(--_text);
    overscroll-behavior: contain;
  }
  .course-dialog::backdrop {
    background: rgb(0 0 0 / 0.6);
  }
  .dialog-bar {
    position: sticky;
    top: 0;
    z-index: 1;
    display: flex;
    justify-content: flex-end;
    padding: 0.75em 0;
    background: var(--_bg);
  }
  /* Room for the course page while its code loads. */
  .course-dialog :not(:defined) {
    display: block;
    min-height: 20em;
  }
  @media (max-width: 40em) {
    .course-dialog {
      width: 100%;
      height: 100%;
      max-height: 100%;
      margin: 0;
      padding: 0 1em 1em;
      border: 0;
      border-radius: 0;
    }
  }

  /* Search */
  .search {
    display: flex;
    flex-wrap: wrap;
    align-items: flex-end;
    gap: 0.5em;
  }
  .search .field {
    flex: 1 1 14em;
    min-width: 0;
  }
  .search .field {
    position: relative;
  }
  /* The suggestions: under the field, over what follows. */
  .suggestions {
    position: absolute;
    z-index: 2;
    top: 100%;
    right: 0;
    left: 0;
    max-height: 20em;
    margin: 0;
    padding: 0.25em 0;
    overflow-y: auto;
    border: 1px solid var(--_border-plain);
    background: var(--_bg);
    box-shadow: 0 0.25em 0.5em rgb(0 0 0 / 0.15);
    list-style: none;
  }
  .suggestions li {
    display: flex;
    justify-content: space-between;
    gap: 1em;
    padding: 0.5em 0.75em;
    color: var(--_title);
    cursor: pointer;
  }
  .suggestions li:hover {
    background: var(--_bg-alt);
  }
  .suggestions [aria-selected='true'] {
    background: var(--_action);
    color: var(--_on-action);
    /* Seen in forced-colours mode too, where backgrounds are not. */
    outline: 2px solid transparent;
    outline-offset: -2px;
  }
  .suggestions .kind {
    flex: none;
    font-size: 0.875em;
  }
  .suggestions [aria-selected='false'] .kind {
    color: var(--_mention);
  }
  label.block,
  .hint {
    display: block;
  }
  .hint {
    color: var(--_mention);
    font-size: 0.875em;
  }
  input[type='search'],
  input[type='date'],
  select {
    display: block;
    width: 100%;
    min-height: 2.5em;
    margin-top: 0.25em;
    padding: 0.5em 0.75em;
    border: 0;
    border-bottom: 2px solid var(--_border-plain);
    border-radius: var(--_radius) var(--_radius) 0 0;
    background: var(--_bg-contrast);
    color: var(--_title);
    font: inherit;
  }

  /* Filters */
  .filters-toggle {
    width: 100%;
    justify-content: space-between;
  }
  .filters-toggle::after {
    content: '';
    width: 0.5em;
    height: 0.5em;
    border-right: 2px solid currentColor;
    border-bottom: 2px solid currentColor;
    transform: rotate(45deg);
  }
  .filters-toggle[aria-expanded='true']::after {
    transform: rotate(-135deg);
  }
  .filters {
    margin-top: 0.75em;
  }
  /* Kept in view at the bottom of the screen while the open filters scroll by. */
  .filters-done {
    position: sticky;
    bottom: 0;
    padding: 0.75em 0;
    background: var(--_bg);
  }
  .filters-done .button {
    width: 100%;
    justify-content: center;
  }
  .filters-title {
    margin: 0 0 0.5em;
    color: var(--_title);
    font-size: 1.125em;
    font-weight: 700;
  }
  fieldset {
    min-width: 0;
    margin: 0 0 1em;
    padding: 0 0 1em;
    border: 0;
    border-bottom: 1px solid var(--_border);
  }
  fieldset select {
    margin-bottom: 0.75em;
  }
  .period {
    display: flex;
    flex-wrap: wrap;
    gap: 0 1em;
    margin-bottom: 0.75em;
  }
  .period > span {
    flex: 1 1 9em;
    min-width: 0;
  }
  /* Chromium keeps the focus in a day field's own parts: the field never matches :focus-visible. */
  input[type='date']:focus-within {
    outline: 2px solid var(--_focus);
    outline-offset: 2px;
  }
  legend {
    padding: 0;
    margin-bottom: 0.5em;
    color: var(--_title);
    font-weight: 700;
  }
  .options,
  .options ul {
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .options ul {
    padding-left: 1.5em;
  }
  .options li {
    margin: 0.25em 0;
  }
  .option {
    display: flex;
    gap: 0.5em;
    align-items: flex-start;
    cursor: pointer;
  }
  .option input {
    flex: none;
    width: 1.125em;
    height: 1.125em;
    margin: 0.2em 0 0;
    accent-color: var(--_action);
  }
  .option .n {
    color: var(--_mention);
  }
  /* No result under the other filters: in place, greyed, not toggled (still focusable). */
  .option input[aria-disabled='true'] {
    opacity: 0.55;
    cursor: not-allowed;
  }
  .option input[aria-disabled='true'] + span {
    color: var(--_mention);
    cursor: not-allowed;
  }
  .more {
    padding: 0;
    border: 0;
    background: none;
    color: var(--_action);
    font: inherit;
    font-size: 0.875em;
    text-decoration: underline;
    cursor: pointer;
  }

  /* Results */
  .heading {
    margin: 0 0 0.5em;
    color: var(--_title);
    font-size: 1.5em;
    line-height: 1.3;
  }
  .heading:focus {
    outline: none;
  }
  .heading:focus-visible {
    outline: 2px solid var(--_focus);
    outline-offset: 2px;
  }
  .toolbar {
    display: flex;
    flex-wrap: wrap;
    align-items: flex-end;
    justify-content: space-between;
    gap: 0.5em 1.5em;
    margin-bottom: 1em;
  }
  .count {
    margin: 0;
    color: var(--_title);
    font-weight: 700;
  }
  .sort {
    flex: 0 1 16em;
    min-width: 0;
  }
  /* Active filters: DSFR's dismissible tags. */
  .chips {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5em 1em;
    align-items: center;
    margin-bottom: 1em;
  }
  .chips ul {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5em;
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .chip {
    display: inline-flex;
    align-items: center;
    gap: 0.5em;
    min-height: 2em;
    padding: 0.25em 0.75em;
    /* Transparent: drawn in forced-colours mode, where the background is not. */
    border: 1px solid transparent;
    border-radius: 1em;
    background: var(--_tag-bg);
    color: var(--_tag-text);
    font: inherit;
    font-size: 0.875em;
    text-align: start;
    cursor: pointer;
  }
  .chip:hover {
    text-decoration: underline;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5em 1.5em;
    align-items: center;
    margin-bottom: 1em;
  }
  .actions:empty {
    display: none;
  }
  .results {
    position: relative;
  }
  .busy-bar {
    position: absolute;
    top: -0.5em;
    left: 0;
    width: 100%;
    height: 0.1875em;
    overflow: hidden;
    opacity: 0;
    transition: opacity 0.2s;
  }
  .busy-bar::before {
    content: '';
    display: block;
    width: 30%;
    height: 100%;
    background: var(--_action);
    animation: campus-slide 1.2s ease-in-out infinite;
  }
  @keyframes campus-slide {
    from {
      transform: translateX(-100%);
    }
    to {
      transform: translateX(340%);
    }
  }
  .results[aria-busy='true'] .busy-bar {
    opacity: 1;
    transition-delay: 0.15s;
  }
  .grid {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(min(100%, 18em), 1fr));
    gap: 1.5em;
    margin: 0;
    padding: 0;
    list-style: none;
    transition: opacity 0.2s;
  }
  .grid > li {
    display: flex;
    min-width: 0;
  }
  .grid > li > * {
    flex: 1;
    min-width: 0;
  }
  .results[aria-busy='true'] .grid.shown {
    opacity: 0.6;
    transition-delay: 0.15s;
  }
  .placeholder {
    display: grid;
    gap: 0.75em;
    padding: 1.5em;
    border: 1px solid var(--_border);
    border-bottom: 0.25em solid var(--_border);
  }
  .placeholder .skeleton {
    height: 1em;
  }
  .placeholder .skeleton.title {
    height: 1.5em;
    width: 80%;
  }
  .placeholder .skeleton.short {
    width: 40%;
  }

  /* Pagination */
  .pagination ul {
    display: flex;
    flex-wrap: wrap;
    justify-content: center;
    gap: 0.25em;
    margin: 2em 0 0;
    padding: 0;
    list-style: none;
  }
  .page {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: 0.375em;
    min-width: 2.5em;
    min-height: 2.5em;
    padding: 0.25em 0.75em;
    border: 0;
    border-radius: var(--_radius);
    background: transparent;
    color: var(--_title);
    font: inherit;
    text-decoration: none;
    cursor: pointer;
  }
  a.page:hover,
  button.page:not([disabled]):hover {
    background: var(--_bg-alt);
  }
  .page[aria-current='page'] {
    background: var(--_action);
    color: var(--_on-action);
    cursor: default;
  }
  .page[disabled],
  .page[aria-disabled='true'] {
    color: var(--_mention);
    cursor: not-allowed;
  }
  .gap {
    display: inline-flex;
    align-items: center;
    min-height: 2.5em;
    padding: 0 0.5em;
  }
  @container campus-catalogue (max-width: 30em) {
    .page.edge .label {
      position: absolute;
      width: 1px;
      height: 1px;
      overflow: hidden;
      clip: rect(0, 0, 0, 0);
      white-space: nowrap;
    }
  }
  .page.edge .arrow {
    font-weight: 700;
  }
`;
