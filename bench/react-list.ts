/**
 * The React 19 contender of the benchmark: the same catalogue list and cards
 * as `<catalogue-list>` renders them (the same elements, classes, parts,
 * attributes and texts, in one shadow root with the list's and cards' styles),
 * written as an intranet team would with React, bundled in production mode by
 * the bench's vite build. bench/run.mjs checks that its DOM outline is the
 * widget's before timing it.
 */
import { createElement as h, Fragment, type ReactNode } from 'react';
import type { CoursePageResult } from '../src/api/client.js';
import { SORTS, type CourseQuery } from '../src/api/query.js';
import type { Reference } from '../src/api/reference.js';
import type { Course, Organisation, SessionSummary } from '../src/api/schemas.js';
import { facetGroups, type FacetGroup, type FacetOption } from '../src/catalogue-list/facets.js';
import { courseHref } from '../src/course-card/card-template.js';
import { availability, clampLevel, durationText, organisations, priceText } from '../src/core/course-format.js';
import { zoneFromOffset } from '../src/core/datetime.js';
import type { Localizer } from '../src/core/locale.js';
import { safeUrl } from '../src/core/states.js';

export interface ListProps {
  result: CoursePageResult;
  reference: Reference;
  i18n: Localizer;
  /** The query the result answers (the list's presets and the reader's choices). */
  query: CourseQuery;
  csvUrl: string;
  onSelect?: (course: Course) => void;
}

const SHOWN_OPTIONS = 8;

function Option({ facet, option, i18n, sub }: { facet: string; option: FacetOption; i18n: Localizer; sub?: ReactNode }) {
  return h(
    'li',
    null,
    h(
      'label',
      { className: 'option' },
      h('input', { type: 'checkbox', name: facet, value: option.id, defaultChecked: option.checked }),
      h('span', null, h('bdi', null, option.label), ' ', h('span', { className: 'n' }, `(${i18n.number(option.count)})`)),
    ),
    sub,
  );
}

function Group({ group, i18n }: { group: FacetGroup; i18n: Localizer }) {
  const t = i18n.t.bind(i18n);
  const hasChecked = (o: FacetOption): boolean => o.checked || o.children.some(hasChecked);
  const extra = group.options.length - SHOWN_OPTIONS;
  const shown = extra <= 0 ? group.options : group.options.filter((o, i) => i < SHOWN_OPTIONS || hasChecked(o));
  return h(
    'fieldset',
    null,
    h('legend', null, t(`catalogue.filter.${group.facet}` as never)),
    h(
      'ul',
      { className: 'options', lang: i18n.apiLang },
      shown.map((o) =>
        h(Option, {
          key: o.id,
          facet: group.facet,
          option: o,
          i18n,
          sub:
            o.children.length && hasChecked(o)
              ? h(
                  'ul',
                  { role: 'group', 'aria-label': t('catalogue.filter.subthemes', { label: o.label }) },
                  o.children.map((c) => h(Option, { key: c.id, facet: group.facet, option: c, i18n })),
                )
              : null,
        }),
      ),
    ),
    extra > 0 ? h('button', { type: 'button', className: 'more', 'aria-expanded': 'false' }, t('catalogue.more', { count: group.options.length - shown.length })) : null,
  );
}

const isPlace = (group: { facet: string }) => group.facet === 'region' || group.facet === 'city';

/** A yes/no session filter, with its count when the service counts it. */
function Flag({ name, count, i18n }: { name: string; count?: number; i18n: Localizer }) {
  return h(
    'label',
    { className: 'option' },
    h('input', { type: 'checkbox', name, value: 'true', defaultChecked: false, 'aria-disabled': count === 0 ? 'true' : undefined }),
    h('span', null, h('bdi', null, i18n.t(`catalogue.filter.${name}` as never, { count: 3 })), count === undefined ? null : h(Fragment, null, ' ', h('span', { className: 'n' }, `(${i18n.number(count)})`))),
  );
}

/** The filters on sessions, as <catalogue-list> draws them: the starting month, a period, the next months, online, open. */
function Sessions({ facets, i18n }: { facets: ListProps['result']['facets']; i18n: Localizer }) {
  if (!facets.month && !facets.online && !facets.open) return null;
  const t = i18n.t.bind(i18n);
  const flag = (name: 'online' | 'open') => facets[name]?.find((v) => v.id === 'true')?.count ?? 0;
  return h(
    'fieldset',
    null,
    h('legend', null, t('catalogue.filter.sessions')),
    h('label', { className: 'block', htmlFor: 'month' }, t('catalogue.filter.month')),
    h(
      'select',
      { id: 'month', name: 'month' },
      h('option', { value: '' }, t('catalogue.filter.anyMonth')),
      (facets.month ?? []).map((m) =>
        h('option', { key: m.id, value: m.id, disabled: m.count === 0 }, t('catalogue.option', { label: i18n.date(`${m.id}-15T12:00:00Z`, { month: 'long', year: 'numeric' }, 'UTC'), count: m.count })),
      ),
    ),
    h(
      'div',
      { className: 'period' },
      h('span', null, h('label', { className: 'block', htmlFor: 'from' }, t('catalogue.filter.from')), h('input', { id: 'from', name: 'from', type: 'date' })),
      h('span', null, h('label', { className: 'block', htmlFor: 'to' }, t('catalogue.filter.to')), h('input', { id: 'to', name: 'to', type: 'date' })),
    ),
    h(
      'div',
      { className: 'options' },
      h(Flag, { name: 'withinMonths', count: facets.withinMonths && (facets.withinMonths.find((v) => v.id === '3')?.count ?? 0), i18n }),
      facets.online ? h(Flag, { name: 'online', count: flag('online'), i18n }) : null,
      facets.open ? h(Flag, { name: 'open', count: flag('open'), i18n }) : null,
    ),
  );
}

function Filters({ result, reference, i18n }: ListProps) {
  const t = i18n.t.bind(i18n);
  const groups = facetGroups(result.facets, reference, {}, {});
  const freeCount = result.facets.free?.find((v) => v.id === 'true')?.count ?? 0;
  return h(
    'div',
    { className: 'filters-area' },
    h('button', { type: 'button', className: 'button secondary filters-toggle', part: 'filters-toggle', 'aria-expanded': 'false', 'aria-controls': 'filters' }, t('catalogue.filters.toggle', { count: 0 })),
    h(
      'div',
      { id: 'filters', className: 'filters ', part: 'filters', role: 'group', 'aria-label': t('catalogue.filters.title') },
      groups.filter((g) => !isPlace(g)).map((g) => h(Group, { key: g.facet, group: g, i18n })),
      h(Sessions, { facets: result.facets, i18n }),
      groups.filter(isPlace).map((g) => h(Group, { key: g.facet, group: g, i18n })),
      freeCount > 0
        ? h(
            'fieldset',
            null,
            h('legend', null, t('catalogue.filter.free')),
            h(
              'div',
              { className: 'options' },
              h(
                'label',
                { className: 'option' },
                h('input', { type: 'checkbox', name: 'free', value: 'true', defaultChecked: false }),
                h('span', null, h('bdi', null, t('catalogue.filter.freeOnly')), ' ', h('span', { className: 'n' }, `(${i18n.number(freeCount)})`)),
              ),
            ),
          )
        : null,
      h('div', { className: 'filters-done' }, h('button', { type: 'button', className: 'button', part: 'filters-done' }, t('catalogue.filters.show', { count: result.total }))),
    ),
  );
}

function Partners({ orgs, lang, labelledBy }: { orgs: readonly Organisation[]; lang?: string; labelledBy: string }) {
  if (!orgs.length) return null;
  return h(
    'ul',
    { className: 'partners', part: 'card-partners', 'aria-labelledby': labelledBy },
    orgs.map((org) => {
      const logo = safeUrl(org.logoUrl);
      return h(
        'li',
        { className: 'partner', key: org.id },
        logo
          ? h('img', { className: 'logo', part: 'card-partner-logo', src: logo, alt: org.name, lang, loading: 'lazy', decoding: 'async' })
          : h('span', { className: 'partner-name', part: 'card-partner-name', lang }, org.name),
      );
    }),
  );
}

function Session({ session, i18n, reference }: { session: SessionSummary; i18n: Localizer; reference: Reference }) {
  const zone = (session as SessionSummary & { timezone?: string }).timezone ?? zoneFromOffset(session.start);
  const date = i18n.date(session.start, { dateStyle: 'long' }, zone);
  const seats = availability(i18n, reference, session.status, session.seatsLeft);
  const where = session.online ? i18n.t('card.online') : session.city;
  return h(
    'p',
    { className: 'session', part: 'card-session' },
    h('span', null, i18n.t('card.nextSession', { date })),
    where ? h('span', { className: 'where', lang: (!session.online && i18n.apiLang) || undefined }, where) : null,
    seats ? h('span', { className: `seats ${seats.state}`, part: 'card-seats', lang: (seats.state === 'status' && i18n.apiLang) || undefined }, seats.text) : null,
  );
}

function Card({ course, index, i18n, reference, onSelect }: { course: Course; index: number; i18n: Localizer; reference: Reference; onSelect?: (course: Course) => void }) {
  const t = i18n.t.bind(i18n);
  const lang = i18n.apiLang;
  const href = courseHref(undefined, course);
  const image = safeUrl(course.imageUrl);
  const duration = durationText(i18n, course);
  const modes = course.modes.map((m) => reference.label('modes', m));
  const level = course.level ? reference.label('levels', course.level) : undefined;
  const provider = course.providerId ? (reference.organisation(course.providerId)?.name ?? course.providerId) : undefined;
  const partners = course.partnerIds.length ? organisations(reference, course.partnerIds) : undefined;
  const labelId = `c${index}-partners-label`;
  return h(
    'div',
    { className: 'container' },
    h(
      'div',
      { className: 'card', part: 'card' },
      h(
        'div',
        { className: 'body' },
        h(
          'div',
          { role: 'heading', 'aria-level': clampLevel(3, 3), className: 'title', part: 'card-title', lang },
          href
            ? h('a', { className: 'link', part: 'card-link', href }, course.title)
            : h('button', { className: 'link', part: 'card-link', type: 'button', onClick: () => onSelect?.(course) }, course.title),
        ),
        course.kind
          ? h('p', { className: 'kind', part: 'card-kind' }, h('span', { className: 'visually-hidden' }, `${t('card.kind')} : `), h('span', { className: 'badge', lang }, reference.label('kinds', course.kind)))
          : null,
        course.summary ? h('p', { className: 'summary', part: 'card-summary', lang }, course.summary) : null,
        course.expertiseIds.length
          ? h(
              'ul',
              { className: 'tags', part: 'card-tags', 'aria-label': t('card.tags') },
              course.expertiseIds.map((id) => h('li', { key: id, className: 'tag', part: 'card-tag', lang }, reference.label('expertises', id))),
            )
          : null,
        duration || modes.length || level
          ? h(
              'ul',
              { className: 'meta', part: 'card-meta' },
              modes.length ? h('li', { className: 'modes' }, h('span', { className: 'visually-hidden' }, `${t('card.modes')} `), h('bdi', { lang }, modes.join(', '))) : null,
              duration
                ? h('li', { className: 'duration' }, h('span', { className: 'visually-hidden' }, `${t('card.duration')} `), h('bdi', { lang: (duration.api && lang) || undefined }, duration.text))
                : null,
              level ? h('li', { className: 'level' }, h('span', { className: 'visually-hidden' }, `${t('card.level')} `), h('bdi', { lang }, level)) : null,
            )
          : null,
        provider ? h('p', { className: 'provider', part: 'card-provider' }, t('card.provider', { name: provider })) : null,
        partners
          ? h('div', { className: 'co-branding' }, h('span', { className: 'partners-label', id: labelId }, t('card.partners')), h(Partners, { orgs: partners, lang, labelledBy: labelId }))
          : null,
        h('p', { className: 'price', part: 'card-price' }, h('span', { className: 'visually-hidden' }, `${t('card.price')} `), priceText(i18n, course)),
        course.nextSession ? h(Session, { session: course.nextSession, i18n, reference }) : null,
      ),
      image ? h('div', { className: 'media', part: 'card-image' }, h('img', { src: image, alt: '', loading: 'lazy', decoding: 'async' })) : null,
    ),
  );
}

/** The list: the same header, search, filters, sort, count, actions and cards as `<catalogue-list>`. */
export function CatalogueListReact(props: ListProps) {
  const { result, reference, i18n, query, csvUrl, onSelect } = props;
  const t = i18n.t.bind(i18n);
  const sort = query.sort ?? 'relevance';
  return h(
    'div',
    { className: 'layout with-filters' },
    h('div', { className: 'header ' }, h('slot', { name: 'header' })),
    h(
      'form',
      { className: 'search', part: 'search', role: 'search', 'aria-label': t('catalogue.search.label'), onSubmit: (e: Event) => e.preventDefault() },
      h(
        'div',
        { className: 'field' },
        h('label', { className: 'block', htmlFor: 'search' }, t('catalogue.search.label')),
        h('span', { className: 'hint', id: 'search-hint' }, t('catalogue.search.hint')),
        h('input', {
          id: 'search',
          type: 'search',
          name: 'q',
          autoComplete: 'off',
          enterKeyHint: 'search',
          'aria-describedby': 'search-hint',
          role: 'combobox',
          'aria-autocomplete': 'list',
          'aria-expanded': 'false',
          'aria-controls': 'suggestions',
        }),
        h('ul', { id: 'suggestions', className: 'suggestions', part: 'suggestions', role: 'listbox', 'aria-label': t('catalogue.suggest.label'), hidden: true }),
        h('span', { className: 'visually-hidden', role: 'status' }),
      ),
      h('button', { type: 'submit', className: 'button' }, t('catalogue.search.submit')),
    ),
    h(Filters, props),
    h(
      'div',
      { className: 'main' },
      h('h2', { className: 'heading', part: 'heading', id: 'heading', tabIndex: -1 }, t('catalogue.heading')),
      h(
        'div',
        { className: 'toolbar' },
        h('p', { className: 'count', part: 'count', role: 'status', 'aria-live': 'polite', 'aria-atomic': 'true' }, t('catalogue.count', { count: result.total })),
        h(
          'div',
          { className: 'sort' },
          h('label', { className: 'block', htmlFor: 'sort' }, t('catalogue.sort.label')),
          h(
            'select',
            { id: 'sort', part: 'sort', defaultValue: sort },
            SORTS.map((s) => h('option', { key: s, value: s }, t(`catalogue.sort.${s}`))),
          ),
        ),
      ),
      h('div', { className: 'actions' }, result.total > 0 ? h('a', { className: 'link', part: 'csv', href: csvUrl, download: true }, t('catalogue.csv', { count: result.total })) : null),
      h(
        'div',
        { className: 'results', part: 'results', 'aria-busy': 'false' },
        h('div', { className: 'busy-bar', 'aria-hidden': 'true' }),
        h(
          Fragment,
          null,
          result.dropped > 0 ? h('p', { className: 'note', part: 'partial-note' }, t('core.partial', { count: result.dropped })) : null,
          h(
            'ul',
            { className: 'grid shown', part: 'list', role: 'list' },
            result.items.map((course, index) => h('li', { key: course.id }, h(Card, { course, index, i18n, reference, onSelect }))),
          ),
        ),
      ),
    ),
  );
}
