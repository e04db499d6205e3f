/**
 * `<campus-office>`: the office's shell. It asks who is signed in; shows the
 * sign-in page (one button per identity provider), the "no access" page, or
 * the office: the State's header, the navigation the member's role allows,
 * and the view of the current address (`#/demandes`, `#/sessions/ID`…). On
 * each change of view, the new heading takes the focus and the page's title
 * follows; announcements go to one status region.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { api, ApiError, setCsrfToken, SIGNED_OUT_EVENT, type Me } from './api.js';
import { NAVIGATION, type NavEntry } from './navigation.js';
import { currentRoute, type Route } from './router.js';
import { alert, ANNOUNCE_EVENT, OfficeElement } from './ui.js';
import './views/requests.js';
import './views/request.js';
import './views/sessions.js';
import './views/session.js';
import './views/attendance-sheet.js';
import './views/applications.js';
import './views/application.js';
import './views/team.js';
import './views/organisations.js';
import './views/persons.js';
import './views/journal.js';
import './views/messages.js';

/** Why the provider sent the browser back without a session (`?connexion=…`). */
const SIGN_IN_OUTCOMES: Record<string, { kind: 'error' | 'info' | 'success'; title: string; text: string }> = {
  signed_out: { kind: 'success', title: 'Vous êtes déconnecté·e.', text: 'Votre session du bureau et celle du fournisseur d’identité sont closes.' },
  expired: { kind: 'error', title: 'La connexion n’a pas abouti.', text: 'Elle a expiré ou a été commencée dans un autre navigateur : recommencez.' },
  cancelled: { kind: 'info', title: 'Connexion annulée.', text: 'Le fournisseur d’identité n’a pas confirmé votre identité.' },
  failed: { kind: 'error', title: 'La connexion a échoué.', text: 'La réponse du fournisseur d’identité a été refusée. Recommencez ; si cela persiste, écrivez à l’équipe du campus.' },
  provider_unreachable: { kind: 'error', title: 'Le fournisseur d’identité ne répond pas.', text: 'Réessayez dans un moment.' },
  session_ended: { kind: 'info', title: 'Votre session a pris fin.', text: 'Reconnectez-vous pour continuer.' },
};

@customElement('campus-office')
export class CampusOffice extends OfficeElement {
  @state() private phase: 'loading' | 'signed-out' | 'no-access' | 'ready' | 'error' = 'loading';
  @state() private me?: Me;
  @state() private route: Route = currentRoute();
  @state() private providers: { id: string; label: string }[] = [];
  @state() private outcome?: string;
  @state() private announcement = '';
  @state() private loadError = '';
  private firstView = true;

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('hashchange', this.onHashChange);
    window.addEventListener(SIGNED_OUT_EVENT, this.onSignedOut);
    window.addEventListener(ANNOUNCE_EVENT, this.onAnnounce as EventListener);
    const query = new URLSearchParams(location.search);
    this.outcome = query.get('connexion') ?? undefined;
    if (this.outcome) {
      // The outcome is shown once; the address goes back to the office's own.
      history.replaceState(null, '', `/office/${location.hash}`);
    }
    void this.load();
  }

  override disconnectedCallback(): void {
    window.removeEventListener('hashchange', this.onHashChange);
    window.removeEventListener(SIGNED_OUT_EVENT, this.onSignedOut);
    window.removeEventListener(ANNOUNCE_EVENT, this.onAnnounce as EventListener);
    super.disconnectedCallback();
  }

  private async load(): Promise<void> {
    if (this.outcome === 'no_access' || this.outcome === 'identity_mismatch') {
      this.phase = 'no-access';
      await this.loadProviders();
      return;
    }
    try {
      this.me = await api.get<Me>('/me');
      setCsrfToken(this.me.csrfToken);
      this.phase = 'ready';
      if (this.route.path.length === 0) location.replace('#/demandes');
      this.afterViewChange();
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) {
        this.phase = 'signed-out';
        await this.loadProviders();
      } else {
        this.phase = 'error';
        this.loadError = error instanceof ApiError && error.problem.detail ? error.problem.detail : 'Le bureau ne répond pas.';
      }
    }
  }

  private async loadProviders(): Promise<void> {
    try {
      this.providers = (await api.get<{ items: { id: string; label: string }[] }>('/auth/providers')).items;
    } catch (error) {
      this.loadError = error instanceof ApiError && error.problem.detail ? error.problem.detail : 'Le bureau ne répond pas.';
    }
    this.afterViewChange();
  }

  private onHashChange = () => {
    const next = currentRoute();
    if (next.key === this.route.key) return;
    this.route = next;
    this.afterViewChange();
  };

  private onSignedOut = () => {
    if (this.phase !== 'ready') return;
    this.phase = 'signed-out';
    this.outcome = 'session_ended';
    this.me = undefined;
    void this.loadProviders();
  };

  private onAnnounce = (event: CustomEvent<string>) => {
    // Emptied first so that the same sentence twice is said twice.
    this.announcement = '';
    requestAnimationFrame(() => (this.announcement = event.detail));
  };

  /** Title and focus follow the new view (not on the first load: the page starts at its top). */
  private afterViewChange(): void {
    void this.updateComplete.then(() =>
      requestAnimationFrame(() => {
        const heading = this.querySelector<HTMLElement>('main h1');
        document.title = `${heading?.textContent?.trim() || 'Bureau du campus'} — Bureau du campus`;
        if (this.firstView) {
          this.firstView = false;
          return;
        }
        if (heading) {
          heading.setAttribute('tabindex', '-1');
          heading.focus();
        }
      }),
    );
  }

  private async signOut(): Promise<void> {
    try {
      const { redirect } = await api.post<{ redirect: string }>('/auth/logout');
      location.assign(redirect);
    } catch {
      location.assign('/office/?connexion=signed_out');
    }
  }

  private skipTo(event: Event, id: string): void {
    event.preventDefault();
    const target = this.querySelector<HTMLElement>(`#${id}`);
    target?.setAttribute('tabindex', '-1');
    target?.focus();
  }

  private header(): TemplateResult {
    const member = this.me?.member;
    return html`<header role="banner" class="fr-header">
      <div class="fr-header__body">
        <div class="fr-container">
          <div class="fr-header__body-row">
            <div class="fr-header__brand fr-enlarge-link">
              <div class="fr-header__brand-top">
                <div class="fr-header__logo"><p class="fr-logo">République<br />française</p></div>
              </div>
              <div class="fr-header__service">
                <a href="#/demandes" title="Accueil — Bureau du campus"><p class="fr-header__service-title">Bureau du campus</p></a>
                <p class="fr-header__service-tagline">Campus du numérique public</p>
              </div>
            </div>
            ${member
              ? html`<div class="fr-header__tools office-tools">
                  <p class="office-who">
                    ${member.name}
                    <span class="office-muted">— ${member.role === 'campus' ? 'équipe du campus' : member.organisationName}</span>
                  </p>
                  <button type="button" class="fr-btn fr-btn--tertiary fr-btn--sm" @click=${() => this.signOut()}>Se déconnecter</button>
                </div>`
              : nothing}
          </div>
        </div>
      </div>
    </header>`;
  }

  private nav(entries: readonly NavEntry[]): TemplateResult {
    const current = this.route.path[0] ?? 'demandes';
    return html`<nav class="office-nav" id="navigation" aria-label="Menu principal">
      <div class="fr-container">
        <ul class="office-nav__list">
          ${entries.map(
            (e) => html`<li>
              <a class="office-nav__link" href=${`#/${e.path}`} aria-current=${e.path === current ? 'page' : nothing}>${e.label}</a>
            </li>`,
          )}
        </ul>
      </div>
    </nav>`;
  }

  private view(): TemplateResult {
    const { path, query } = this.route;
    const member = this.me!.member;
    const campusOnly = (view: TemplateResult) => (member.role === 'campus' ? view : this.notFound());
    switch (path[0]) {
      case 'demandes':
        return path[1] ? html`<office-request .requestId=${path[1]} .member=${member}></office-request>` : html`<office-requests .query=${query} .member=${member}></office-requests>`;
      case 'sessions':
        if (path[1] && path[2] === 'emargement') return html`<office-attendance-sheet .sessionId=${path[1]}></office-attendance-sheet>`;
        return path[1] ? html`<office-session .sessionId=${path[1]} .member=${member}></office-session>` : html`<office-sessions .query=${query} .member=${member}></office-sessions>`;
      case 'candidatures':
        return campusOnly(path[1] ? html`<office-application .applicationId=${path[1]}></office-application>` : html`<office-applications .query=${query}></office-applications>`);
      case 'equipe':
        return campusOnly(html`<office-team .member=${member}></office-team>`);
      case 'organisations':
        return campusOnly(html`<office-organisations></office-organisations>`);
      case 'personnes':
        return campusOnly(html`<office-persons></office-persons>`);
      case 'journal':
        return campusOnly(html`<office-journal .query=${query}></office-journal>`);
      case 'messages':
        return campusOnly(path[1] ? html`<office-message .messageId=${path[1]}></office-message>` : html`<office-messages .query=${query}></office-messages>`);
      default:
        return this.notFound();
    }
  }

  private notFound(): TemplateResult {
    return html`<div class="fr-container fr-my-6w">
      <h1>Page introuvable</h1>
      <p>Cette page n’existe pas, ou elle n’est pas de votre périmètre.</p>
      <p><a class="fr-link" href="#/demandes">Revenir aux demandes</a></p>
    </div>`;
  }

  private signInButtons(): TemplateResult {
    if (this.loadError) return alert('error', 'Le bureau est indisponible.', this.loadError);
    const returnTo = encodeURIComponent(location.hash.startsWith('#/') ? location.hash : '#/demandes');
    return html`<ul class="fr-btns-group fr-btns-group--inline-md">
      ${this.providers.map(
        (p) => html`<li><a class="fr-btn" href=${`/office/api/auth/login/${encodeURIComponent(p.id)}?returnTo=${returnTo}`}>Se connecter avec ${p.label}</a></li>`,
      )}
    </ul>`;
  }

  private signInPage(): TemplateResult {
    const outcome = this.outcome ? SIGN_IN_OUTCOMES[this.outcome] : undefined;
    return html`<div class="fr-container fr-my-6w office-narrow">
      <h1>Connexion au bureau du campus</h1>
      ${outcome ? alert(outcome.kind, outcome.title, outcome.text) : nothing}
      <p>Le bureau sert à l’équipe du Campus du numérique public et aux organismes partenaires à traiter les demandes d’inscription, les sessions et les candidatures.</p>
      <p>Connectez-vous avec le compte professionnel auquel l’équipe du campus a donné accès.</p>
      ${this.signInButtons()}
    </div>`;
  }

  private noAccessPage(): TemplateResult {
    const mismatch = this.outcome === 'identity_mismatch';
    return html`<div class="fr-container fr-my-6w office-narrow">
      <h1>Pas d’accès au bureau</h1>
      ${mismatch
        ? alert('error', 'Cette adresse est liée à une autre identité.', 'L’accès à cette adresse a été lié au compte qui s’est connecté le premier. Si c’est une erreur, demandez à l’équipe du campus de vous redonner accès.')
        : alert('error', 'Votre compte n’a pas accès au bureau.', 'L’accès est donné par l’équipe du campus, adresse par adresse.')}
      <p>Pour obtenir un accès, écrivez à l’équipe du Campus du numérique public en indiquant votre adresse professionnelle et votre organisme.</p>
      <h2 class="fr-h5">Se connecter avec un autre compte</h2>
      ${this.signInButtons()}
    </div>`;
  }

  override render(): TemplateResult {
    const entries = this.me ? NAVIGATION.filter((e) => e.roles.includes(this.me!.member.role)) : [];
    let content: TemplateResult;
    if (this.phase === 'loading') content = html`<div class="fr-container fr-my-6w"><p role="status">Chargement du bureau…</p></div>`;
    else if (this.phase === 'error')
      content = html`<div class="fr-container fr-my-6w"><h1>Bureau indisponible</h1>${alert('error', 'Le bureau ne répond pas.', this.loadError)}
        <button class="fr-btn" type="button" @click=${() => location.reload()}>Réessayer</button></div>`;
    else if (this.phase === 'signed-out') content = this.signInPage();
    else if (this.phase === 'no-access') content = this.noAccessPage();
    else content = this.view();
    return html`<div class="fr-skiplinks">
        <nav class="fr-container" aria-label="Accès rapide">
          <ul class="fr-skiplinks__list">
            <li><a class="fr-link" href="#contenu" @click=${(e: Event) => this.skipTo(e, 'contenu')}>Contenu</a></li>
            ${entries.length ? html`<li><a class="fr-link" href="#navigation" @click=${(e: Event) => this.skipTo(e, 'navigation')}>Menu</a></li>` : nothing}
          </ul>
        </nav>
      </div>
      ${this.header()} ${entries.length ? this.nav(entries) : nothing}
      <main id="contenu" class="office-main">${content}</main>
      <footer class="fr-footer office-footer" id="footer">
        <div class="fr-container">
          <p class="fr-footer__content-desc">Bureau du Campus du numérique public — accès réservé aux personnes habilitées. Chaque action y est tracée.</p>
        </div>
      </footer>
      <p class="fr-sr-only" role="status" aria-live="polite">${this.announcement}</p>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'campus-office': CampusOffice;
  }
}
