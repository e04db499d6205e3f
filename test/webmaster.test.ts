/**
 * For webmasters (issue 20), on real host pages served with their own CSP
 * (scripts/wtr-hosts.mjs), the widgets from a CDN origin and the service on others:
 *
 * - campus-matomo.js under the guide's strict policy: a reader's journey feeds
 *   `_paq` with trackEvent calls, and none carries what the reader typed (search
 *   words, name, e-mail, organisation, comment) nor the receipt's reference;
 * - the service's /embed/catalogue in an <iframe> of a page with no script:
 *   courses shown at the page's fixed height; with campus-frame.js the frame
 *   follows its content's height; a message from another origin is ignored.
 *
 * The frame's page is served by the service on this test page's own origin
 * ({{EMBED}}), so the test reads its document through the host page's frame.
 */
import { expect } from '@open-wc/testing';
import { executeServerCommand, setViewport } from '@web/test-runner-commands';
import { until } from './helpers.js';

interface Info {
  cdn: string;
  host: string;
  api: string;
  embed: string;
}

let info: Info;
const opened: HTMLIFrameElement[] = [];
let seq = 0;

/** A host page in a frame of this page, and its probe (test/hosts/probe.js) through postMessage. */
class Host {
  constructor(readonly frame: HTMLIFrameElement) {}

  call<T>(cmd: string, args?: unknown, timeout = 30000): Promise<T> {
    const id = ++seq;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`probe did not answer « ${cmd} »`)), timeout);
      const onMessage = (event: MessageEvent) => {
        if (event.source !== this.frame.contentWindow || event.data?.probe !== id) return;
        clearTimeout(timer);
        window.removeEventListener('message', onMessage);
        if (event.data.error) reject(new Error(event.data.error));
        else resolve(event.data.result as T);
      };
      window.addEventListener('message', onMessage);
      this.frame.contentWindow!.postMessage({ probe: id, cmd, args }, info.host);
    });
  }

  /** The campus frame inside the host page: same origin as this test page, so readable. */
  embedDocument(): Document | null {
    try {
      return (this.frame.contentWindow!.frames[0] as Window).document;
    } catch {
      return null;
    }
  }
}

async function open(path: string): Promise<Host> {
  const frame = document.createElement('iframe');
  frame.title = path;
  frame.width = '1000';
  frame.height = '900';
  const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  frame.src = `${info.host}${path}`;
  document.body.append(frame);
  opened.push(frame);
  await loaded;
  return new Host(frame);
}

/** Every element under root, through open shadow roots. */
function deep(root: ParentNode, out: Element[] = []): Element[] {
  for (const el of root.querySelectorAll('*')) {
    out.push(el);
    if (el.shadowRoot) deep(el.shadowRoot, out);
  }
  return out;
}

const cardsIn = (doc: Document | null) => (doc ? deep(doc).filter((n) => n.getAttribute('part') === 'card' && n.textContent!.trim()).length : 0);

before(async () => {
  await setViewport({ width: 1300, height: 1000 });
  info = (await executeServerCommand<Info, undefined>('hosts-info'))!;
  expect(info?.embed, 'the campus-hosts plugin runs').to.be.a('string');
  expect(info.embed).to.equal(location.origin);
});

afterEach(() => {
  for (const frame of opened.splice(0)) frame.remove();
});

interface Report {
  violations: { effective: string; blocked: string }[];
  errors: string[];
}

describe('analytics: campus-matomo.js under the guide’s strict CSP', function () {
  this.timeout(90000);

  it('feeds _paq with trackEvent calls for a journey, with nothing the reader typed', async () => {
    const page = await open('/hosts/analytics.html');
    type Journey = { typed: Record<string, string>; seen: Record<string, string>; paq: unknown[][] | null };
    const { typed, seen, paq } = await page.call<Journey>('journey', undefined, 60000);
    expect(seen.outcome, 'the request was recorded').to.equal('campus-enrol-success');
    expect(paq, 'window._paq').to.be.an('array');
    const calls = paq!;
    for (const call of calls) {
      expect(call[0], JSON.stringify(call)).to.equal('trackEvent');
      expect(call.length).to.be.within(3, 5);
    }
    const actions = calls.map((c) => `${c[1]} / ${c[2]}`);
    expect(actions).to.include('Campus – catalogue / Filtres');
    expect(actions).to.include('Campus – catalogue / Formation choisie');
    expect(actions).to.include('Campus – catalogue / Aucun résultat');
    expect(actions).to.include('Campus – inscription / Envoi');
    expect(actions).to.include('Campus – inscription / Demande enregistrée');
    // The non-personal labels: the filter's code, the search as a flag, the catalogue's course ids.
    expect(calls).to.deep.include(['trackEvent', 'Campus – catalogue', 'Filtres', seen.filter]);
    expect(calls).to.deep.include(['trackEvent', 'Campus – catalogue', 'Formation choisie', seen.course]);
    expect(calls.some((c) => c[2] === 'Filtres' && String(c[3]).split(' ').includes('recherche'))).to.equal(true);
    expect(calls).to.deep.include(['trackEvent', 'Campus – inscription', 'Demande enregistrée', 'piloter-produit-numerique-public']);

    // Nothing typed, nor the receipt's reference, in any call (whole or in part, any case).
    const sent = JSON.stringify(calls).toLowerCase();
    const secrets = [...Object.values(typed).flatMap((v) => [v, ...v.split(/[\s@+]+/).filter((w) => w.length > 3)]), seen.reference];
    expect(seen.reference, 'a receipt reference').to.be.a('string');
    for (const secret of secrets) expect(sent, `« ${secret} » sent to Matomo`).not.to.contain(secret.toLowerCase());
    expect(sent).not.to.contain('@');

    const report = await page.call<Report>('report');
    expect(report.violations, JSON.stringify(report.violations)).to.deep.equal([]);
    expect(report.errors, JSON.stringify(report.errors)).to.deep.equal([]);
  });
});

describe('embed: the catalogue in an <iframe>', function () {
  this.timeout(90000);

  it('a page with no script of its own shows courses at the frame’s fixed height', async () => {
    const page = await open('/hosts/embed-iframe.html');
    await until(() => cardsIn(page.embedDocument()) > 0, 'courses in the campus frame', 20000);
    const doc = page.embedDocument()!;
    const list = doc.querySelector('catalogue-list')!;
    expect(list.getAttribute('expertise')).to.equal('cybersecurite');
    expect(doc.documentElement.lang).to.equal('fr');
    const [frame] = await page.call<{ height: number }[]>('frames');
    expect(frame.height).to.equal(600);
    const report = await page.call<Report>('report');
    expect(report.violations, JSON.stringify(report.violations)).to.deep.equal([]);
  });

  it('with campus-frame.js the frame follows its content’s height; a message from another origin is ignored', async () => {
    const page = await open('/hosts/embed-iframe-resize.html');
    await until(() => cardsIn(page.embedDocument()) > 0, 'courses in the campus frame', 20000);
    const contentHeight = () => Math.ceil(page.embedDocument()!.querySelector('main')!.getBoundingClientRect().bottom);
    const frameHeight = async () => (await page.call<{ height: number }[]>('frames'))[0].height;
    await until(async () => Math.abs((await frameHeight()) - contentHeight()) <= 1 && (await frameHeight()) !== 600, 'the frame at its content’s height');
    const first = await frameHeight();
    expect(first).to.be.above(600);

    // The content grows: the frame follows.
    const filler = page.embedDocument()!.createElement('div');
    filler.setAttribute('aria-hidden', 'true');
    filler.append(...Array.from({ length: 40 }, () => page.embedDocument()!.createElement('p')).map((p) => ((p.textContent = 'ligne'), p)));
    page.embedDocument()!.querySelector('main')!.append(filler);
    await until(async () => {
      const h = await frameHeight();
      return h > first + 200 && Math.abs(h - contentHeight()) <= 1;
    }, 'the frame taller, at its content’s new height');
    const grown = await frameHeight();

    // The host page's own window, same message: not from the frame, ignored.
    await page.call('post-self', { type: 'campus-frame:height', height: 1234 });
    // The frame navigated to another origin that claims a height: ignored too.
    const campusWindow = page.frame.contentWindow!.frames[0] as Window;
    campusWindow.location.href = `${info.cdn}/__test__/frame-spoof.html`;
    await until(() => page.embedDocument() === null, 'the frame now on another origin');
    await new Promise((r) => setTimeout(r, 800));
    expect(await frameHeight()).to.equal(grown);
    const report = await page.call<Report>('report');
    expect(report.violations, JSON.stringify(report.violations)).to.deep.equal([]);
    expect(report.errors, JSON.stringify(report.errors)).to.deep.equal([]);
  });
});

interface Widget {
  tag: string;
  cards: number;
  alert: string[];
  text: string;
}
interface AxeResult {
  error?: string;
  violations?: { id: string; nodes: unknown[] }[];
}

describe('embed builder (demo/integrer.html)', function () {
  this.timeout(120000);

  it('runs under the demo pages’ strict CSP, shows the element live and passes axe', async () => {
    const page = await open('/demo/integrer.html');
    let widgets: Widget[] = [];
    await until(async () => ((widgets = await page.call<Widget[]>('widgets')).find((w) => w.tag === 'catalogue-list')?.cards ?? 0) > 0, 'the live catalogue', 20000);
    expect(widgets.find((w) => w.tag === 'catalogue-list')!.alert).to.deep.equal([]);
    const axe = await page.call<AxeResult>('axe', undefined, 60000);
    expect(axe.error).to.equal(undefined);
    expect(axe.violations, JSON.stringify(axe.violations, null, 1)).to.deep.equal([]);
    const report = await page.call<Report>('report');
    expect(report.violations, JSON.stringify(report.violations)).to.deep.equal([]);
    expect(report.errors, JSON.stringify(report.errors)).to.deep.equal([]);
  });

  it('the copied snippet, pasted into a blank page under the copied CSP, shows the courses', async () => {
    // The builder on this page's origin, with the service there: the test can use its form.
    const frame = document.createElement('iframe');
    frame.title = 'builder';
    frame.width = '1200';
    frame.height = '900';
    frame.src = '/demo/integrer.html';
    document.body.append(frame);
    opened.push(frame);
    const doc = () => frame.contentDocument!;
    await until(() => doc()?.documentElement?.dataset.builder === 'ready', 'the builder ready', 20000);
    const box = (selector: string) => doc().querySelector<HTMLInputElement>(selector)!;
    box('input[name="expertise"][value="cybersecurite"]').click();
    box('input[name="free"]').click();
    const size = box('#p-page-size');
    size.value = '4';
    size.dispatchEvent(new Event('input', { bubbles: true }));
    box('#ouverture-lien').click();
    const href = box('#course-href');
    expect(href.disabled).to.equal(false);
    href.value = 'https://intranet.exemple.gouv.fr/formations/fiche.html?id={id}&source="campus"';
    href.dispatchEvent(new Event('input', { bubbles: true }));
    const theme = doc().querySelector<HTMLSelectElement>('#theme')!;
    theme.value = 'quebec';
    theme.dispatchEvent(new Event('change', { bubbles: true }));
    await until(() => /page-size="4"/.test(doc().getElementById('extrait')!.textContent!), 'the snippet updated');
    const snippet = doc().getElementById('extrait')!.textContent!;
    const csp = doc().getElementById('csp')!.textContent!;

    expect(snippet).to.contain(`<script type="module" src="${location.origin}/widgets/campus-widgets.min.js"`);
    expect(snippet).to.contain(`integrity="${(await executeServerCommand<{ sri: string }, undefined>('hosts-info'))!.sri}" crossorigin="anonymous"`);
    expect(snippet).to.contain(`<link rel="stylesheet" href="${location.origin}/widgets/themes/quebec.css">`);
    expect(snippet).to.match(/<catalogue-list\n {2}expertise="cybersecurite"\n {2}free\n {2}page-size="4"\n {2}course-href="https:\/\/intranet\.exemple\.gouv\.fr\/formations\/fiche\.html\?id=\{id\}&amp;source=&quot;campus&quot;"\n {2}api-base="[^"]+\/api">/);
    expect(csp).to.equal(
      [`default-src 'none';`, `script-src ${location.origin};`, `style-src ${location.origin};`, `connect-src ${location.origin};`, `img-src ${location.origin};`, `require-trusted-types-for 'script';`, 'trusted-types lit-html campus-widgets'].join('\n'),
    );
    // The live element carries the same presets.
    const live = doc().querySelector('#apercu catalogue-list')!;
    expect(live.getAttribute('expertise')).to.equal('cybersecurite');
    expect(live.hasAttribute('free')).to.equal(true);

    // Copy: the clipboard takes it, or the text is selected; either way it is said in the live region.
    const status = doc().getElementById('annonce')!;
    expect(status.getAttribute('role')).to.equal('status');
    doc().getElementById('copier-extrait')!.click();
    await until(() => /Copié : l’extrait\.|l’extrait sélectionné/.test(status.textContent!), 'the copy announced');
    const copied = /Copié/.test(status.textContent!);
    if (copied) expect(await frame.contentWindow!.navigator.clipboard.readText().catch(() => snippet)).to.equal(snippet);
    else expect(frame.contentWindow!.getSelection()!.toString().trim()).to.equal(snippet.trim());
    console.log(`[builder] ${navigator.userAgent.includes('Firefox') ? 'Firefox' : 'Chromium'}: ${status.textContent}`);

    const path = await executeServerCommand<string, { snippet: string; csp: string }>('paste-page', { snippet, csp });
    const pasted = await open(path!);
    let widgets: Widget[] = [];
    await until(async () => ((widgets = await pasted.call<Widget[]>('widgets')).find((w) => w.tag === 'catalogue-list')?.cards ?? 0) > 0, 'courses in the pasted page', 20000);
    const list = widgets.find((w) => w.tag === 'catalogue-list')!;
    expect(list.cards).to.be.within(1, 4);
    expect(list.alert).to.deep.equal([]);
    const report = await pasted.call<Report>('report');
    expect(report.violations, JSON.stringify(report.violations)).to.deep.equal([]);
    expect(report.errors, JSON.stringify(report.errors)).to.deep.equal([]);
  });
});
