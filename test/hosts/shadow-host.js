// A host's own custom element (as a design system would write it) that renders
// a campus widget inside its own shadow root, with DOM calls only: the page
// enforces Trusted Types, so no innerHTML.
class PartnerPortal extends HTMLElement {
  connectedCallback() {
    if (this.shadowRoot) return;
    const root = this.attachShadow({ mode: 'open' });
    const title = document.createElement('h2');
    title.textContent = 'Courses from our partner';
    const list = document.createElement('catalogue-list');
    list.setAttribute('expertise', this.getAttribute('expertise') ?? '');
    list.setAttribute('heading-level', '3');
    list.setAttribute('page-size', '3');
    list.setAttribute('course-href', '#course-{id}');
    root.append(title, list);
  }
}
customElements.define('partner-portal', PartnerPortal);
