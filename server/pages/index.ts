/**
 * The service's pages for the public, opened from the links of messages:
 *
 * - `/mes-demandes/…` — the agent's space: a request's state and history, its
 *   session (and joining link once accepted), the current calendar file;
 *   confirm, cancel, update accommodation needs; "Retrouver mes demandes".
 * - `/decision/…` — the manager's decision.
 * - `/alertes/…` — confirming an alert, one-click unsubscribe (RFC 8058).
 *
 * A link's first GET swaps its token for a cookie and redirects to a URL
 * without it. GET never changes anything (mail scanners follow links); every
 * POST checks its CSRF token and origin. Pages send `Referrer-Policy:
 * no-referrer` and may not be framed (see PAGES_CSP).
 */
import { randomUUID } from 'node:crypto';
import { Hono, type Context } from 'hono';
import * as z from 'zod/mini';
import { buildIcs } from '../../src/api/ics.js';
import { textProblem } from '../../src/api/validate.js';
import { confirmRequest, decideAsManager, transition, TransitionError, audit, type EnrolmentRow, type LifecycleContext } from '../lifecycle.js';
import { checkToken, issueToken, linkUrl, type TokenCheck } from '../links.js';
import { mailLocale, formatSlots } from '../mail/format.js';
import { enqueue, type MailSettings } from '../mail/outbox.js';
import { reasonText, requestsLinkMessage } from '../mail/templates.js';
import type { JobDefinition } from '../jobs.js';
import type { Database, Runner } from '../storage/database.js';
import { normaliseEmail } from '../util.js';
import { dsfrFile, html, layout, pageLocale, type Html, type PageLocale, type PublicLinks } from './html.js';
import { csrfOk, openLinkSession, readLinkSession, type LinkSession, type SessionPurpose } from './link-session.js';
import { pageWords } from './words.js';

export interface PagesOptions {
  database: Database;
  lifecycle: LifecycleContext;
  mail: MailSettings;
  links: PublicLinks;
  publicUrl: () => string;
  now: () => Date;
  /** The office's identity providers, offered to a manager who wants their decision verified. */
  identityProviders?: readonly { id: string; label: string }[];
  /** Counts a hit for the client's address (rate limits); 0 is no limit. */
  limit?: (c: Context) => Promise<boolean>;
}

const Email = z.email();
const NO_STORE = { 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer' };

export function createPages(options: PagesOptions): Hono {
  const { database, lifecycle, now } = options;
  const db = database.db;
  const pages = new Hono();

  const localeOf = (c: Context): PageLocale => pageLocale(c.req.query('lang'), c.req.header('Accept-Language'));
  const page = (c: Context, title: string, body: Html, status = 200, extra: Record<string, string> = {}) =>
    new Response(layout(localeOf(c), title, options.links, body, new URL(c.req.url).pathname), {
      status,
      headers: { 'Content-Type': 'text/html; charset=utf-8', ...NO_STORE, ...extra },
    });
  const redirect = (location: string, cookie?: string) =>
    new Response(null, { status: 303, headers: { Location: location, ...NO_STORE, ...(cookie ? { 'Set-Cookie': cookie } : {}) } });
  const form = async (c: Context): Promise<Record<string, string>> => {
    try {
      const body = await c.req.parseBody();
      return Object.fromEntries(Object.entries(body).filter(([, v]) => typeof v === 'string')) as Record<string, string>;
    } catch {
      return {};
    }
  };

  /** A page that says why a link or session does not work, with a way on. */
  const linkProblem = (c: Context, reason: string, status: number) => {
    const w = pageWords(localeOf(c));
    return page(
      c,
      w.linkTitle,
      html`<h1>${w.linkTitle}</h1>
        <div class="fr-alert fr-alert--error fr-mb-3w"><p>${w.linkReasons[reason] ?? w.linkReasons.unknown}</p></div>
        <p><a class="fr-link" href="/mes-demandes/retrouver">${w.findAgain}</a></p>`,
      status,
    );
  };
  const tokenProblem = (c: Context, check: Exclude<TokenCheck, { ok: true }>) => linkProblem(c, check.reason, check.reason === 'unknown' ? 404 : 410);

  /** The first GET of a link: the token for a cookie, then the same page without the token. */
  const exchange = (purposes: Parameters<typeof checkToken>[2], session: SessionPurpose, to: (c: Context) => string) => async (c: Context) => {
    const at = now();
    const check = await checkToken(db, c.req.param('token') ?? '', purposes, at);
    if (!check.ok) return tokenProblem(c, check);
    const cookie = await database.transaction((tx) => openLinkSession(tx, session, check.token, at));
    return redirect(to(c), cookie);
  };

  pages.get('/dsfr/*', (c) => {
    const file = dsfrFile(decodeURIComponent(new URL(c.req.url).pathname.slice('/dsfr/'.length)));
    if (!file) return new Response('Not found', { status: 404 });
    return new Response(file.bytes as BodyInit, { headers: { 'Content-Type': file.type, 'Cache-Control': 'public, max-age=86400' } });
  });

  // ---------------------------------------------------------------- the agent's space

  /** The requests the space's session shows: one, or all of one address. */
  async function requestsInScope(runner: Runner, session: LinkSession): Promise<EnrolmentRow[]> {
    let query = runner.selectFrom('enrolments').selectAll().where('erased_at', 'is', null).orderBy('created_at', 'desc');
    if (session.token.purpose === 'agent_request') query = query.where('id', '=', session.token.enrolment_id ?? '');
    else query = query.where('email_norm', '=', session.token.email_norm ?? '');
    return query.execute();
  }

  /** The session's request by reference, if the session may see it. */
  async function requestInScope(runner: Runner, session: LinkSession, reference: string): Promise<EnrolmentRow | undefined> {
    return (await requestsInScope(runner, session)).find((r) => r.reference === reference);
  }

  pages.get('/mes-demandes/lien/:token', exchange(['agent_request', 'agent_all'], 'space', () => '/mes-demandes/'));

  pages.get('/mes-demandes/', async (c) => {
    const session = await readLinkSession(db, c, 'space', now());
    if (!session) return linkProblem(c, 'session', 401);
    const locale = localeOf(c);
    const w = pageWords(locale);
    const requests = await requestsInScope(db, session);
    const notice = c.req.query('ok');
    const notices: Record<string, string> = { confirmed: w.confirmed, cancelled: w.cancelled, saved: w.saved };
    const cards: Html[] = [];
    for (const request of requests) cards.push(await requestCard(request, session, locale));
    return page(
      c,
      w.spaceTitle,
      html`<h1>${w.spaceTitle}</h1>
        ${notice && notices[notice] ? html`<div class="fr-alert fr-alert--success fr-mb-3w" role="status"><p>${notices[notice]}</p></div>` : ''}
        <p>${session.token.purpose === 'agent_request' ? w.spaceIntro : w.spaceIntroAll}</p>
        ${requests.length ? cards : html`<p>${w.none}</p>`}`,
    );
  });

  async function requestCard(request: EnrolmentRow, session: LinkSession, locale: PageLocale): Promise<Html> {
    const w = pageWords(locale);
    const course = await db.selectFrom('courses').select('doc').where('id', '=', request.course_id).executeTakeFirst();
    const title = course ? (JSON.parse(course.doc) as { title: string }).title : request.course_id;
    const row = request.session_id ? await db.selectFrom('sessions').select(['doc', 'join_url']).where('id', '=', request.session_id).executeTakeFirst() : undefined;
    const sessionDoc = row ? (JSON.parse(row.doc) as { slots: { start: string; end: string }[]; timezone: string; online: boolean; location?: { name?: string; address?: string } }) : undefined;
    const history = await db.selectFrom('audit_log').select(['at', 'action', 'to_state']).where('entity', '=', 'enrolment').where('entity_id', '=', request.id).orderBy('at').orderBy('id').execute();
    const mailLoc = mailLocale(locale);
    const when = (iso: string) => new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : locale, { dateStyle: 'long', timeStyle: 'short', timeZone: sessionDoc?.timezone ?? 'Europe/Paris' }).format(new Date(iso));
    const base = `/mes-demandes/${encodeURIComponent(request.reference)}`;
    const open = request.status !== 'cancelled' && request.status !== 'refused';
    const place = sessionDoc && (sessionDoc.online && !sessionDoc.location ? w.online : [sessionDoc.location?.name, sessionDoc.location?.address].filter(Boolean).join(', '));
    const csrf = html`<input type="hidden" name="csrf" value="${session.csrf}">`;
    return html`<section class="fr-mb-6w" aria-labelledby="demande-${request.reference}">
      <h2 id="demande-${request.reference}" class="fr-h4">${title}</h2>
      <dl>
        <dt>${w.reference}</dt><dd>${request.reference}</dd>
        <dt>${w.status}</dt><dd><p class="fr-badge fr-badge--no-icon">${w.statuses[request.status] ?? request.status}</p></dd>
        ${request.reason ? html`<dt>${w.reason}</dt><dd>${reasonText(request.reason, mailLoc)}</dd>` : ''}
        ${sessionDoc ? html`<dt>${w.dates}</dt><dd><ul>${formatSlots(sessionDoc.slots, sessionDoc.timezone, mailLoc).map((d) => html`<li>${d}</li>`)}</ul></dd>` : ''}
        ${place ? html`<dt>${w.place}</dt><dd>${place}</dd>` : ''}
        ${request.status === 'accepted' && sessionDoc?.online && row?.join_url && /^https?:\/\//.test(row.join_url) ? html`<dt>${w.join}</dt><dd><a class="fr-link" href="${row.join_url}" rel="noopener noreferrer">${row.join_url}</a></dd>` : ''}
      </dl>
      ${sessionDoc && open ? html`<p><a class="fr-link fr-icon-calendar-line fr-link--icon-left" href="${base}/calendrier.ics" download="campus-${request.reference}.ics">${w.calendar}</a></p>` : ''}
      ${open && !request.confirmed_at
        ? html`<div class="fr-alert fr-alert--warning fr-mb-2w"><p>${w.unconfirmed}</p></div>
            <form method="post" action="${base}/confirmer">${csrf}<button class="fr-btn" type="submit">${w.confirm}</button></form>`
        : ''}
      ${open
        ? html`<form method="post" action="${base}/amenagements" class="fr-mt-3w">${csrf}
              <div class="fr-input-group">
                <label class="fr-label" for="amenagements-${request.reference}">${w.accommodation}<span class="fr-hint-text">${w.accommodationHint}</span></label>
                <textarea class="fr-input" id="amenagements-${request.reference}" name="accommodation" maxlength="500" rows="3">${request.accommodation ?? ''}</textarea>
              </div>
              <button class="fr-btn fr-btn--secondary" type="submit">${w.save}</button>
            </form>
            <form method="post" action="${base}/annuler" class="fr-mt-3w">${csrf}
              <p class="fr-hint-text" id="annuler-${request.reference}">${w.cancelHint}</p>
              <button class="fr-btn fr-btn--tertiary" type="submit" aria-describedby="annuler-${request.reference}">${w.cancel}</button>
            </form>`
        : ''}
      <h3 class="fr-h6 fr-mt-3w">${w.history}</h3>
      <ul>${history.map((h) => html`<li>${when(h.at)} : ${h.action === 'transition' ? (w.statuses[h.to_state ?? ''] ?? h.to_state) : (w.events[h.action] ?? h.action)}</li>`)}</ul>
    </section>`;
  }

  pages.get('/mes-demandes/:reference/calendrier.ics', async (c) => {
    const session = await readLinkSession(db, c, 'space', now());
    if (!session) return linkProblem(c, 'session', 401);
    const request = await requestInScope(db, session, c.req.param('reference') ?? '');
    if (!request?.session_id) return linkProblem(c, 'unknown', 404);
    const row = await db.selectFrom('sessions').select(['doc', 'version']).where('id', '=', request.session_id).executeTakeFirst();
    const course = await db.selectFrom('courses').select('doc').where('id', '=', request.course_id).executeTakeFirst();
    if (!row || !course) return linkProblem(c, 'unknown', 404);
    const doc = JSON.parse(row.doc) as { slots: { start: string; end: string }[]; location?: { name?: string; address?: string } };
    const ics = buildIcs({
      reference: request.reference,
      status: request.status,
      stamp: now(),
      summary: (JSON.parse(course.doc) as { title: string }).title,
      location: [doc.location?.name, doc.location?.address].filter(Boolean).join(', ') || undefined,
      days: doc.slots,
      sequence: Number(row.version),
      uidDomain: options.mail.domain,
    });
    return new Response(ics, {
      headers: { 'Content-Type': 'text/calendar; charset=utf-8', 'Content-Disposition': `attachment; filename="campus-${request.reference}.ics"`, ...NO_STORE },
    });
  });

  /** A POST of the space: session, CSRF and scope checked, then `act` in a transaction. */
  const spaceAction = (
    act: (request: EnrolmentRow, fields: Record<string, string>, tx: Parameters<Parameters<Database['transaction']>[0]>[0], c: Context) => Promise<string | Response>,
  ) => async (c: Context) => {
    const session = await readLinkSession(db, c, 'space', now());
    if (!session) return linkProblem(c, 'session', 401);
    const fields = await form(c);
    if (!csrfOk(c, session, fields, options.publicUrl())) return linkProblem(c, 'csrf', 403);
    try {
      const result = await database.transaction(async (tx) => {
        const request = await requestInScope(tx, session, c.req.param('reference') ?? '');
        if (!request) return linkProblem(c, 'unknown', 404);
        return act(request, fields, tx, c);
      });
      return typeof result === 'string' ? redirect(`/mes-demandes/?ok=${result}`) : result;
    } catch (error) {
      if (error instanceof TransitionError) return redirect('/mes-demandes/');
      throw error;
    }
  };

  pages.post('/mes-demandes/:reference/confirmer', spaceAction(async (request, _f, tx) => (await confirmRequest(lifecycle, tx, request), 'confirmed')));
  pages.post('/mes-demandes/:reference/annuler', spaceAction(async (request, _f, tx) => (await transition(lifecycle, tx, request, 'cancelled', { kind: 'agent' }), 'cancelled')));
  pages.post(
    '/mes-demandes/:reference/amenagements',
    spaceAction(async (request, fields, tx, c) => {
      const value = (fields.accommodation ?? '').replace(/\r\n/g, '\n').trim();
      if (value.length > 500 || textProblem(value, true)) return linkProblem(c, 'invalid', 422);
      const at = now();
      await tx.updateTable('enrolments').set({ accommodation: value || null, updated_at: at.toISOString(), version: Number(request.version) + 1 }).where('id', '=', request.id).execute();
      await audit(tx, at, { kind: 'agent' }, { entity: 'enrolment', entityId: request.id, action: 'rectified', fields: ['accommodation'] });
      return 'saved';
    }),
  );

  // "Retrouver mes demandes": the same page and the same work whatever the address.
  const findPage = (c: Context, state: 'form' | 'sent' | 'invalid', value = '') => {
    const w = pageWords(localeOf(c));
    return page(
      c,
      w.findTitle,
      html`<h1>${w.findTitle}</h1>
        ${state === 'sent' ? html`<div class="fr-alert fr-alert--success fr-mb-3w" role="status"><p>${w.findSent}</p></div>` : ''}
        <p>${w.findIntro}</p>
        <form method="post" action="/mes-demandes/retrouver" novalidate>
          <div class="fr-input-group${state === 'invalid' ? ' fr-input-group--error' : ''}">
            <label class="fr-label" for="email">${w.email}<span class="fr-hint-text">${w.emailHint}</span></label>
            <input class="fr-input${state === 'invalid' ? ' fr-input--error' : ''}" type="email" id="email" name="email" autocomplete="email" required value="${value}"${state === 'invalid' ? html` aria-describedby="email-erreur" aria-invalid="true"` : ''}>
            ${state === 'invalid' ? html`<p class="fr-error-text" id="email-erreur">${w.findInvalid}</p>` : ''}
          </div>
          <button class="fr-btn" type="submit">${w.send}</button>
        </form>`,
      state === 'invalid' ? 422 : 200,
    );
  };
  pages.get('/mes-demandes/retrouver', (c) => findPage(c, 'form'));
  pages.post('/mes-demandes/retrouver', async (c) => {
    const fields = await form(c);
    const origin = c.req.header('Origin');
    if (origin && origin !== 'null' && origin !== new URL(options.publicUrl()).origin && origin !== new URL(c.req.url).origin) return linkProblem(c, 'csrf', 403);
    const site = c.req.header('Sec-Fetch-Site');
    if (site && site !== 'same-origin' && site !== 'none') return linkProblem(c, 'csrf', 403);
    const email = (fields.email ?? '').trim();
    if (!Email.safeParse(email).success || email.length > 254) return findPage(c, 'invalid', email);
    if (options.limit && !(await options.limit(c))) return new Response('Too many requests', { status: 429, headers: { 'Retry-After': '60' } });
    // One queued row, whatever the address: whether it has requests is looked at later, by the job.
    await db.insertInto('link_requests').values({ id: randomUUID(), email, locale: localeOf(c), created_at: now().toISOString() }).execute();
    return findPage(c, 'sent');
  });

  // ---------------------------------------------------------------- the manager's decision

  pages.get('/decision/lien/:token', exchange(['manager_decision'], 'decision', (c) => `/decision/${c.req.query('reponse') === 'refus' ? '?reponse=refus' : c.req.query('reponse') === 'accord' ? '?reponse=accord' : ''}`));

  /** A decision is verified when an identity provider vouched, in this session, for the address the agent gave. */
  const verifiedFor = (session: LinkSession, request: EnrolmentRow) =>
    !!session.verifiedEmail && !!request.manager_email && normaliseEmail(session.verifiedEmail) === normaliseEmail(request.manager_email);

  function identification(c: Context, session: LinkSession, request: EnrolmentRow): Html | string {
    const w = pageWords(localeOf(c));
    const outcome = c.req.query('identification');
    if (session.verifiedEmail) {
      return verifiedFor(session, request)
        ? html`<div class="fr-alert fr-alert--success fr-mb-3w" role="status"><p>${w.decisionVerified(session.verifiedEmail)}</p></div>`
        : html`<div class="fr-alert fr-alert--warning fr-mb-3w" role="status"><p>${w.decisionNotManager}</p></div>`;
    }
    const providers = options.identityProviders ?? [];
    if (!providers.length) return '';
    const failed = outcome === 'echec' || outcome === 'annulee' || outcome === 'expiree';
    return html`${failed ? html`<div class="fr-alert fr-alert--error fr-mb-3w" role="status"><p>${w.decisionSignInFailed}</p></div>` : ''}
      <p>${w.decisionVerify}</p>
      <ul class="fr-btns-group fr-btns-group--inline-md">
        ${providers.map((p) => html`<li><a class="fr-btn fr-btn--tertiary" href="/office/api/auth/login/${encodeURIComponent(p.id)}?returnTo=%2Fdecision%2F">${w.signIn(p.label)}</a></li>`)}
      </ul>`;
  }

  async function decisionRequest(session: LinkSession): Promise<EnrolmentRow | undefined> {
    return db.selectFrom('enrolments').selectAll().where('id', '=', session.token.enrolment_id ?? '').where('erased_at', 'is', null).executeTakeFirst();
  }

  pages.get('/decision/', async (c) => {
    const session = await readLinkSession(db, c, 'decision', now());
    if (!session) return linkProblem(c, 'session', 401);
    const locale = localeOf(c);
    const w = pageWords(locale);
    const request = await decisionRequest(session);
    if (!request || request.status !== 'pending_manager') return page(c, w.decisionTitle, html`<h1>${w.decisionTitle}</h1><p>${w.decisionClosed}</p>`);
    const course = await db.selectFrom('courses').select('doc').where('id', '=', request.course_id).executeTakeFirst();
    const title = course ? (JSON.parse(course.doc) as { title: string }).title : request.course_id;
    const row = request.session_id ? await db.selectFrom('sessions').select('doc').where('id', '=', request.session_id).executeTakeFirst() : undefined;
    const sessionDoc = row ? (JSON.parse(row.doc) as { slots: { start: string; end: string }[]; timezone: string }) : undefined;
    const chosen = c.req.query('reponse');
    const name = `${request.given_name} ${request.family_name}`;
    const csrf = html`<input type="hidden" name="csrf" value="${session.csrf}">`;
    return page(
      c,
      w.decisionTitle,
      html`<h1>${w.decisionTitle}</h1>
        <p>${w.decisionIntro(name, request.organisation)}</p>
        <dl>
          <dt>${w.course}</dt><dd>${title}</dd>
          <dt>${w.reference}</dt><dd>${request.reference}</dd>
          ${sessionDoc ? html`<dt>${w.dates}</dt><dd><ul>${formatSlots(sessionDoc.slots, sessionDoc.timezone, mailLocale(locale)).map((d) => html`<li>${d}</li>`)}</ul></dd>` : ''}
        </dl>
        ${identification(c, session, request)}
        ${chosen === 'accord' || chosen === 'refus' ? html`<div class="fr-alert fr-alert--info fr-mb-3w"><p>${w.decisionChosen(chosen === 'accord' ? w.approve : w.decline)}</p></div>` : ''}
        <h2 class="fr-h5">${w.decisionQuestion}</h2>
        <form method="post" action="/decision/">${csrf}
          <ul class="fr-btns-group fr-btns-group--inline-md">
            <li><button class="fr-btn${chosen === 'refus' ? ' fr-btn--secondary' : ''}" type="submit" name="decision" value="accord">${w.approve}</button></li>
            <li><button class="fr-btn${chosen === 'refus' ? '' : ' fr-btn--secondary'}" type="submit" name="decision" value="refus">${w.decline}</button></li>
          </ul>
        </form>`,
    );
  });

  pages.post('/decision/', async (c) => {
    const at = now();
    const session = await readLinkSession(db, c, 'decision', at);
    if (!session) return linkProblem(c, 'session', 401);
    const fields = await form(c);
    if (!csrfOk(c, session, fields, options.publicUrl())) return linkProblem(c, 'csrf', 403);
    const w = pageWords(localeOf(c));
    const decision = fields.decision === 'accord' ? 'given' : fields.decision === 'refus' ? 'declined' : undefined;
    if (!decision) return linkProblem(c, 'csrf', 422);
    const outcome = await database.transaction(async (tx) => {
      // The token decides once: a second use, even through another session, finds it used.
      const used = await tx.updateTable('tokens').set({ used_at: at.toISOString() }).where('id', '=', session.token.id).where('used_at', 'is', null).executeTakeFirst();
      if (Number(used.numUpdatedRows) !== 1) return 'used' as const;
      const request = await tx.selectFrom('enrolments').selectAll().where('id', '=', session.token.enrolment_id ?? '').executeTakeFirst();
      if (!request || request.status !== 'pending_manager') return 'closed' as const;
      await decideAsManager(lifecycle, tx, request, decision, { verified: verifiedFor(session, request) });
      return decision;
    });
    if (outcome === 'used') return linkProblem(c, 'used', 410);
    if (outcome === 'closed') return page(c, w.decisionTitle, html`<h1>${w.decisionTitle}</h1><p>${w.decisionClosed}</p>`);
    return page(c, w.decisionTitle, html`<h1>${w.decisionTitle}</h1><div class="fr-alert fr-alert--success" role="status"><p>${outcome === 'given' ? w.approved : w.declined}</p></div>`);
  });

  // ---------------------------------------------------------------- alerts

  pages.get('/alertes/lien/:token', exchange(['subscription_confirm'], 'alerts', () => '/alertes/'));

  const subscriptionOf = (id: string | null) => db.selectFrom('subscriptions').selectAll().where('id', '=', id ?? '').where('erased_at', 'is', null).executeTakeFirst();
  const courseTitle = async (id: string) => {
    const row = await db.selectFrom('courses').select('doc').where('id', '=', id).executeTakeFirst();
    return row ? (JSON.parse(row.doc) as { title: string }).title : id;
  };

  pages.get('/alertes/', async (c) => {
    const session = await readLinkSession(db, c, 'alerts', now());
    if (!session) return linkProblem(c, 'session', 401);
    const w = pageWords(localeOf(c));
    const sub = await subscriptionOf(session.token.subscription_id);
    if (!sub || sub.unsubscribed_at) return linkProblem(c, 'revoked', 410);
    const title = await courseTitle(sub.course_id);
    if (sub.confirmed_at) return page(c, w.alertsTitle, html`<h1>${w.alertsTitle}</h1><div class="fr-alert fr-alert--success" role="status"><p>${w.alertsConfirmed(title)}</p></div>`);
    return page(
      c,
      w.alertsTitle,
      html`<h1>${w.alertsTitle}</h1><p>${w.alertsConfirmIntro(title)}</p>
        <form method="post" action="/alertes/"><input type="hidden" name="csrf" value="${session.csrf}"><button class="fr-btn" type="submit">${w.alertsConfirm}</button></form>`,
    );
  });

  pages.post('/alertes/', async (c) => {
    const at = now();
    const session = await readLinkSession(db, c, 'alerts', at);
    if (!session) return linkProblem(c, 'session', 401);
    const fields = await form(c);
    if (!csrfOk(c, session, fields, options.publicUrl())) return linkProblem(c, 'csrf', 403);
    await database.transaction(async (tx) => {
      await tx
        .updateTable('subscriptions')
        .set({ confirmed_at: at.toISOString() })
        .where('id', '=', session.token.subscription_id ?? '')
        .where('confirmed_at', 'is', null)
        .where('unsubscribed_at', 'is', null)
        .execute();
      await tx.updateTable('tokens').set({ used_at: at.toISOString() }).where('id', '=', session.token.id).where('used_at', 'is', null).execute();
    });
    return redirect('/alertes/');
  });

  pages.get('/alertes/desinscription/:token', async (c) => {
    const check = await checkToken(db, c.req.param('token') ?? '', ['unsubscribe'], now());
    if (!check.ok) return tokenProblem(c, check);
    const w = pageWords(localeOf(c));
    const sub = await subscriptionOf(check.token.subscription_id);
    if (!sub || sub.unsubscribed_at) return page(c, w.alertsTitle, html`<h1>${w.alertsTitle}</h1><p>${w.unsubscribed}</p>`);
    return page(
      c,
      w.alertsTitle,
      html`<h1>${w.alertsTitle}</h1><p>${w.unsubscribeIntro(await courseTitle(sub.course_id))}</p>
        <form method="post" action="${new URL(c.req.url).pathname}"><input type="hidden" name="List-Unsubscribe" value="One-Click"><button class="fr-btn" type="submit">${w.unsubscribe}</button></form>`,
    );
  });

  // One click (RFC 8058): a mail client POSTs `List-Unsubscribe=One-Click` here, without cookies; the token is the proof.
  pages.post('/alertes/desinscription/:token', async (c) => {
    const at = now();
    const check = await checkToken(db, c.req.param('token') ?? '', ['unsubscribe'], at);
    if (!check.ok) return tokenProblem(c, check);
    await db
      .updateTable('subscriptions')
      .set({ unsubscribed_at: at.toISOString() })
      .where('id', '=', check.token.subscription_id ?? '')
      .where('unsubscribed_at', 'is', null)
      .execute();
    const w = pageWords(localeOf(c));
    return page(c, w.alertsTitle, html`<h1>${w.alertsTitle}</h1><div class="fr-alert fr-alert--success" role="status"><p>${w.unsubscribed}</p></div>`);
  });

  return pages;
}

/** Sends, for each "Retrouver mes demandes" asked, one link to every request of the address (if it has any). */
export function requestLinksJob(settings: MailSettings): JobDefinition {
  return {
    name: 'request-links',
    everyMs: 5_000,
    async run({ database, now }) {
      const asked = await database.db.selectFrom('link_requests').selectAll().orderBy('created_at').limit(100).execute();
      for (const ask of asked) {
        await database.transaction(async (tx) => {
          const emailNorm = normaliseEmail(ask.email);
          const has = await tx.selectFrom('enrolments').select('id').where('email_norm', '=', emailNorm).where('erased_at', 'is', null).executeTakeFirst();
          if (has) {
            const token = await issueToken(tx, 'agent_all', { emailNorm }, now);
            await enqueue(
              tx,
              settings,
              {
                dedupeKey: `requests-link:${ask.id}`,
                kind: 'requests_link',
                to: { address: ask.email },
                locale: mailLocale(ask.locale),
                parts: requestsLinkMessage(linkUrl(settings.publicUrl(), 'agent_all', token), mailLocale(ask.locale)),
                unsolicited: true,
              },
              now,
            );
          }
          await tx.deleteFrom('link_requests').where('id', '=', ask.id).execute();
        });
      }
    },
  };
}
