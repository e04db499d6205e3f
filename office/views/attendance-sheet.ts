/**
 * `#/sessions/ID/emargement`: the attendance sheet (« feuille d’émargement »),
 * the proof of attendance: the course, its organiser, dates and place; one
 * row per accepted participant (name, administration) and one signature box
 * per half-day, then the trainer's. Printed on A4 (landscape past four
 * half-days) by the print stylesheet; opening it is an audited export.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { api, type HalfDay, type Location, type Slot } from '../api.js';
import { alert, errorText, formatDate, OfficeElement, slotsText, zoneNote } from '../ui.js';

interface Sheet {
  session: { id: string; courseTitle: string; organiser: string; slots: Slot[]; timezone: string; online: boolean; location: Location | null; status: string };
  halfDays: HalfDay[];
  participants: { id: string; familyName: string; givenName: string; organisation: string }[];
}

const PART = { am: 'Matin', pm: 'Après-midi' };

@customElement('office-attendance-sheet')
export class OfficeAttendanceSheet extends OfficeElement {
  @property({ attribute: false }) sessionId = '';
  @state() private sheet?: Sheet;
  @state() private error = '';

  override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('sessionId')) void this.load();
  }

  private async load(): Promise<void> {
    try {
      this.sheet = await api.get<Sheet>(`/sessions/${encodeURIComponent(this.sessionId)}/attendance-sheet`);
      this.error = '';
    } catch (error) {
      this.error = errorText(error);
    }
  }

  override render(): TemplateResult {
    const sheet = this.sheet;
    const s = sheet?.session;
    const wide = (sheet?.halfDays.length ?? 0) > 4;
    return html`<div class="fr-container fr-my-4w office-sheet-page">
      <div class="office-no-print">
        <p><a class="fr-link fr-icon-arrow-left-line fr-link--icon-left" href=${`#/sessions/${encodeURIComponent(this.sessionId)}`}>Retour à la session</a></p>
        ${sheet ? html`<button class="fr-btn fr-mb-3w" type="button" @click=${() => window.print()}>Imprimer la feuille</button>` : nothing}
      </div>
      ${this.error ? alert('error', 'La feuille n’a pas pu être préparée.', this.error) : nothing}
      ${!sheet && !this.error ? html`<h1>Feuille d’émargement</h1><p role="status">Préparation de la feuille…</p>` : nothing}
      ${sheet && s
        ? html`<article class="office-sheet ${wide ? 'office-sheet--wide' : ''}">
            <h1 class="office-sheet__title">Feuille d’émargement</h1>
            <dl class="office-sheet__facts">
              <div><dt>Formation</dt><dd>${s.courseTitle}</dd></div>
              <div><dt>Organisme</dt><dd>${s.organiser}</dd></div>
              <div>
                <dt>Dates</dt>
                <dd>${slotsText(s.slots, s.timezone).join(' ; ')}${zoneNote(s.timezone)}</dd>
              </div>
              <div>
                <dt>Lieu</dt>
                <dd>${s.online ? 'En ligne' : s.location ? `${s.location.name}, ${s.location.address ? `${s.location.address}, ` : ''}${s.location.city}` : '—'}</dd>
              </div>
              <div><dt>Participants</dt><dd>${sheet.participants.length}</dd></div>
            </dl>
            ${s.status === 'cancelled' ? alert('warning', 'Cette session est annulée.', undefined, false) : nothing}
            <table class="office-sheet__table">
              <caption class="fr-sr-only">
                Émargement : une ligne par participant, une case de signature par demi-journée
              </caption>
              <thead>
                <tr>
                  <th scope="col">Nom</th>
                  <th scope="col">Prénom</th>
                  <th scope="col">Administration</th>
                  ${sheet.halfDays.map((d) => html`<th scope="col" class="office-sheet__day">${formatDate(d.start, s.timezone)}<br />${PART[d.part]}</th>`)}
                </tr>
              </thead>
              <tbody>
                ${sheet.participants.map(
                  (p) => html`<tr>
                    <th scope="row">${p.familyName}</th>
                    <td>${p.givenName}</td>
                    <td>${p.organisation}</td>
                    ${sheet.halfDays.map(() => html`<td class="office-sheet__box"><span class="fr-sr-only">Signature</span></td>`)}
                  </tr>`,
                )}
                <tr class="office-sheet__trainer">
                  <th scope="row" colspan="3">Formatrice ou formateur (nom et signature)</th>
                  ${sheet.halfDays.map(() => html`<td class="office-sheet__box"><span class="fr-sr-only">Signature</span></td>`)}
                </tr>
              </tbody>
            </table>
            ${sheet.participants.length ? nothing : html`<p>Aucune demande acceptée pour cette session.</p>`}
            <p class="office-sheet__note">Feuille à conserver par l’organisme comme preuve de présence.</p>
          </article>`
        : nothing}
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'office-attendance-sheet': OfficeAttendanceSheet;
  }
}
