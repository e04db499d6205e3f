import { css, unsafeCSS } from 'lit';

/** Shared by the card and the detail: partner logos and names. */
export const partnerStyles = css`
  .partners {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5em 1em;
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .logo {
    display: block;
    max-width: 8em;
    height: 2.5em;
    object-fit: contain;
    filter: var(--campus-media-filter, none);
  }
  .partner-name {
    font-weight: 700;
    font-size: 0.875em;
  }
`;

/**
 * What holds one card: `<course-card>`'s host, or a list's `<li>`. A catalogue may show
 * thousands of cards: those off screen are not laid out (measured: about a fifth of the
 * layout time for 2,000 cards).
 */
export const cardHolder = (selector: string) => css`
  ${unsafeCSS(selector)} {
    height: 100%;
    content-visibility: auto;
    contain-intrinsic-size: auto 20em;
  }
`;

/** The card after DSFR's `fr-card fr-enlarge-link`, laid out by container queries. */
export const cardStyles = [
  partnerStyles,
  css`
    .container {
      container-type: inline-size;
      height: 100%;
    }
    .card {
      position: relative;
      display: flex;
      flex-direction: column;
      height: 100%;
      border: 1px solid var(--_border);
      border-bottom: 0.25em solid var(--_action);
      background: var(--_bg);
    }
    .card:hover:not(.loading) {
      background: var(--_bg-alt);
    }
    .body {
      display: flex;
      flex: 1 1 auto;
      flex-direction: column;
      gap: 0.75em;
      min-width: 0;
      padding: 1.5em;
    }
    .body > * {
      margin: 0;
    }
    .kind {
      order: -1;
    }
    .card .title {
      color: var(--_title);
      font-size: 1.25em;
      font-weight: 700;
      line-height: 1.4;
    }
    /* Qualified: a list renders its cards beside its own links (the CSV link). */
    .title .link {
      padding: 0;
      border: 0;
      background: none;
      color: inherit;
      font: inherit;
      text-align: inherit;
      text-decoration: none;
      cursor: pointer;
    }
    .card:hover .title .link {
      text-decoration: underline;
      text-underline-offset: 0.2em;
    }
    /* The whole card follows the title's link (DSFR fr-enlarge-link). */
    .title .link::after {
      content: '';
      position: absolute;
      inset: 0;
      z-index: 1;
    }
    .title .link:focus-visible {
      outline: none;
    }
    /* Inside the card: the host's paint containment would clip a ring drawn outside. */
    .title .link:focus-visible::after {
      outline: 2px solid var(--_focus);
      outline-offset: -2px;
    }
    .summary {
      display: -webkit-box;
      overflow: hidden;
      -webkit-box-orient: vertical;
      -webkit-line-clamp: 3;
      line-clamp: 3;
    }
    .tags,
    .meta {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5em;
      padding: 0;
      list-style: none;
    }
    .meta {
      gap: 0.25em 1.25em;
      color: var(--_mention);
      font-size: 0.875em;
    }
    .provider,
    .co-branding {
      font-size: 0.875em;
    }
    .co-branding {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.5em;
    }
    .price {
      font-weight: 700;
    }
    .session {
      display: flex;
      flex-wrap: wrap;
      gap: 0.25em 1em;
      margin-top: auto;
      font-size: 0.875em;
    }
    .seats {
      font-weight: 700;
      color: var(--_success);
    }
    .seats.full,
    .seats.status {
      color: var(--_error);
    }
    .seats.waitlist {
      color: var(--_warning);
    }
    /* A band above the text, not the card's main content. */
    .media {
      order: -1;
      aspect-ratio: 2 / 1;
      overflow: hidden;
      background: var(--_bg-contrast);
    }
    .media img {
      display: block;
      width: 100%;
      height: 100%;
      object-fit: cover;
      filter: var(--campus-media-filter, none);
    }
    .card .skeleton.line {
      height: 1em;
      width: 100%;
    }
    .card .skeleton.short {
      width: 30%;
    }
    .card .skeleton.title {
      height: 1.75em;
      width: 80%;
    }
    /* Wide: the image beside the text. */
    @container (min-width: 28em) {
      .card {
        flex-direction: row;
      }
      .media {
        flex: 0 0 30%;
        min-width: 0;
        aspect-ratio: auto;
        min-height: 10em;
      }
      .body {
        padding: 2em;
      }
    }
  `,
];
