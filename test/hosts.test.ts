/**
 * Hostile hosts (issue 8) and the drop-in bundle on real host pages (issue 7).
 *
 * Each page is served by a plain node:http server with its own headers
 * (scripts/wtr-hosts.mjs), loads the bundle built for this run from a "CDN"
 * origin, and talks to the reference API on a third origin. A page opens in an
 * iframe of this test page (an iframe keeps its own CSP); the probe
 * (test/hosts/probe.js, first script of every page) records CSP violations,
 * console errors and campus-* events, reads the widgets through their shadow
 * roots and runs axe, and answers through postMessage: the frame is
 * cross-origin, this page cannot read it.
 */
import { expect } from '@open-wc/testing';
import { executeServerCommand, setViewport } from '@web/test-runner-commands';
import { until } from './helpers.js';

interface HostsInfo {
  cdn: string;
  host: string;
  api: string;
  sri: string;
  csp: { guide: string; guideDuplicates: string; demo: string };
  pages: Record<string, string>;
  documented: { readme?: string; integration?: string };
}

interface Violation {
  directive: string;
  effective: string;
  blocked: string;
  source: string;
  line: number;
  sample: string;
}

interface Report {
  violations: Violation[];
  errors: string[];
  warnings: string[];
  events: { type: string; target: string; origin: string; composed: boolean }[];
  trustedTypes: boolean;
  adoptedStyleSheets: boolean;
  styleElements: number;
  scrollWidth: number;
  clientWidth: number;
}

interface Widget {
  tag: string;
  defined: boolean;
  rendered: boolean;
  text: string;
  fallback: string;
  locale?: string;
  hostTag: string | null;
  cards: number;
  jsonLd: number;
  jsonLdType: string;
  form: boolean;
  inputs: number;
  alert: string[];
  images: { src: string; loaded: boolean }[];
  scrollWidth: number;
  clientWidth: number;
  overflowing: string[];
  fontSize: number;
  lineHeight: string;
  paragraph: { fontSize: number; lineHeight: string } | null;
  button: {
    text: string;
    display: string;
    border: number;
    borderStyle: string;
    background: string;
    paddingLeft: number;
    height: number;
  } | null;
}

interface AxeResult {
  error?: string;
  violations?: { id: string; impact: string; help: string; nodes: { target: string[]; summary: string }[] }[];
}

const isFirefox = navigator.userAgent.includes('Firefox');
let info: HostsInfo;
const frames: HTMLIFrameElement[] = [];
let seq = 0;

class HostPage {
  constructor(
    readonly frame: HTMLIFrameElement,
    readonly origin: string,
  ) {}

  call<T>(cmd: string, timeout = 20000, args?: unknown): Promise<T> {
    const id = ++seq;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        window.removeEventListener('message', onMessage);
        reject(new Error(`probe did not answer « ${cmd} » (is test/hosts/probe.js blocked?)`));
      }, timeout);
      const onMessage = (event: MessageEvent) => {
        if (event.source !== this.frame.contentWindow || event.data?.probe !== id) return;
        clearTimeout(timer);
        window.removeEventListener('message', onMessage);
        if (event.data.error) reject(new Error(event.data.error));
        else resolve(event.data.result as T);
      };
      window.addEventListener('message', onMessage);
      this.frame.contentWindow!.postMessage({ probe: id, cmd, args }, this.origin);
    });
  }

  report(): Promise<Report> {
    return this.call<Report>('report');
  }

  widgets(): Promise<Widget[]> {
    return this.call<Widget[]>('widgets');
  }

  /** Polls the widgets until `ready` holds for them; returns them. */
  async waitFor(ready: (widgets: Widget[]) => boolean, what: string, timeout = 15000): Promise<Widget[]> {
    let last: Widget[] = [];
    try {
      await until(async () => ready((last = await this.widgets())), what, timeout);
    } catch (error) {
      const report = await this.report().catch(() => undefined);
      throw new Error(`${(error as Error).message}\nwidgets: ${JSON.stringify(last, null, 1).slice(0, 3000)}\nreport: ${JSON.stringify(report)}`);
    }
    return last;
  }

  async axe(): Promise<AxeResult> {
    return this.call<AxeResult>('axe', 60000);
  }
}

/** Opens a host page (a path on the host server) in an iframe and waits for its load event. */
async function open(path: string, { width = 1000, height = 900 } = {}): Promise<HostPage> {
  const frame = document.createElement('iframe');
  frame.title = path;
  frame.width = String(width);
  frame.height = String(height);
  const loaded = new Promise((resolve, reject) => {
    frame.addEventListener('load', resolve, { once: true });
    setTimeout(() => reject(new Error(`${path} did not load`)), 20000);
  });
  frame.src = `${info.host}${path}`;
  document.body.append(frame);
  frames.push(frame);
  await loaded;
  return new HostPage(frame, info.host);
}

const byTag = (widgets: Widget[], tag: string) => widgets.find((w) => w.tag === tag);
const show = (value: unknown) => JSON.stringify(value, null, 1);

/** No CSP violation, no console error, no uncaught error: with the details when there are. */
function expectClean(report: Report, label: string): void {
  expect(report.violations, `${label}: CSP violations ${show(report.violations)}`).to.deep.equal([]);
  expect(report.errors, `${label}: console errors ${show(report.errors)}`).to.deep.equal([]);
}

function expectAxeClean(result: AxeResult, label: string): void {
  expect(result.error, `${label}: axe failed to run`).to.equal(undefined);
  expect(result.violations, `${label}: axe ${show(result.violations)}`).to.deep.equal([]);
}

before(async () => {
  // The frames must fit in the test page's viewport: a clipped frame lazy-loads its images
  // only when axe scrolls to them, and axe then measures a layout that has moved.
  await setViewport({ width: 1300, height: 1000 });
  info = (await executeServerCommand<HostsInfo, undefined>('hosts-info'))!;
  expect(info?.cdn, 'the campus-hosts plugin (scripts/wtr-hosts.mjs) runs').to.be.a('string');
});

afterEach(() => {
  for (const frame of frames.splice(0)) frame.remove();
});

describe('hosts: the origins are distinct, as for a real embed', () => {
  it('the host page, the CDN and the API are three origins', () => {
    expect(new Set([info.host, info.cdn, info.api, location.origin]).size).to.equal(4);
  });
});

describe('hosts: the guide’s strict CSP with Trusted Types', function () {
  this.timeout(90000);

  it('the policy served is the guide’s, to the letter', () => {
    expect(info.pages['csp-strict.html']).to.equal(
      `default-src 'none'; script-src ${info.cdn}; connect-src ${info.api}; img-src ${info.api}; ` +
        `require-trusted-types-for 'script'; trusted-types lit-html campus-widgets`,
    );
  });

  it('the guide prints that same policy, in the README and in demo/integration.html', () => {
    const served = info.pages['csp-strict.html'];
    const asServed = (printed = '') =>
      printed.replaceAll('https://cdn.exemple.gouv.fr', info.cdn).replaceAll('https://campus.numerique.gouv.fr', info.api);
    expect(asServed(info.documented.readme), 'README.md').to.equal(served);
    expect(asServed(info.documented.integration), 'demo/integration.html').to.equal(served);
  });

  it('the header is in force: an inline script is refused and reported', async () => {
    const page = await open('/hosts/csp-canary.html');
    const report = await page.report();
    expect(report.violations.map((v) => v.effective)).to.include('script-src-elem');
    // Both browsers tested enforce Trusted Types (Chromium 156, Firefox ESR 153): a string
    // given to innerHTML throws and is reported. Asserted, so a browser that drops them shows.
    const tt = await page.call<{ enforced: boolean; error?: string }>('tt-check');
    console.log(`[hosts] ${isFirefox ? 'Firefox' : 'Chromium'}: Trusted Types ${tt.enforced ? 'enforced' : 'NOT enforced'} (${tt.error ?? ''})`);
    expect(tt.enforced, 'Trusted Types enforced').to.equal(true);
    const after = await page.report();
    expect(after.violations.map((v) => v.effective)).to.include('require-trusted-types-for');
  });

  it('every widget renders, with no violation, no console error, and passes axe', async () => {
    const page = await open('/hosts/csp-strict.html');
    const widgets = await page.waitFor(
      (ws) =>
        (byTag(ws, 'catalogue-list')?.cards ?? 0) > 0 &&
        !!byTag(ws, 'course-card')?.rendered &&
        (byTag(ws, 'course-detail')?.jsonLd ?? 0) > 0 &&
        !!byTag(ws, 'enrol-form')?.form &&
        !!byTag(ws, 'trainer-signup')?.form,
      'every widget rendered under the strict CSP',
    );
    expect(byTag(widgets, 'course-detail')!.jsonLdType).to.equal('Course');
    for (const w of widgets) expect(w.alert, `${w.tag} shows an error`).to.deep.equal([]);
    const report = await page.report();
    expectClean(report, 'csp-strict');
    // Lit styles the shadow roots with constructable style sheets (adoptedStyleSheets), which
    // no style-src governs: with support for them, Lit writes no <style> element, so the
    // policy needs no style-src. Both browsers tested here support them.
    expect(report.adoptedStyleSheets, 'adoptedStyleSheets supported').to.equal(true);
    expect(report.styleElements, '<style> elements in the page or the shadow roots').to.equal(0);
    // Trusted Types: present in both browsers tested (enforcement: see the canary above).
    expect(report.trustedTypes, 'window.trustedTypes').to.equal(true);
    expectAxeClean(await page.axe(), 'csp-strict');
    // axe itself must not have caused a violation (it runs in the page under the same policy).
    expectClean(await page.report(), 'csp-strict after axe');
  });
});

describe('hosts: the per-tag loader under the guide’s CSP', function () {
  this.timeout(90000);

  it('downloads only the chunks of the tags in the page, then those of tags added later, in the page or in a shadow root', async () => {
    const page = await open('/hosts/loader.html');
    const widgets = await page.waitFor((ws) => (byTag(ws, 'catalogue-list')?.cards ?? 0) > 0, 'catalogue cards through the loader');
    expect(byTag(widgets, 'catalogue-list')!.alert).to.deep.equal([]);
    type Scripts = { files: string[]; defined: string[] };
    const first = await page.call<Scripts>('scripts');
    expect(first.files).to.include('campus-widgets.loader.js');
    expect(first.files).to.include('campus-widgets.catalogue-list.js');
    for (const other of ['course-detail', 'enrol-form', 'trainer-signup']) {
      expect(first.files, `no ${other} chunk`).not.to.include(`campus-widgets.${other}.js`);
      expect(first.defined, `${other} not registered`).not.to.include(other);
    }
    expect(first.files.some((f) => f.startsWith('campus-widgets.shared-forms')), 'no form machinery').to.equal(false);

    await page.call('add-widget', 20000, { tag: 'trainer-signup' });
    await page.waitFor((ws) => !!byTag(ws, 'trainer-signup')?.form, 'a trainer-signup added later');
    await page.call('add-widget', 20000, { tag: 'course-detail', attrs: { 'course-id': 'piloter-produit-numerique-public' }, shadow: true, loader: `${info.cdn}/campus-widgets.loader.js` });
    const later = await page.waitFor((ws) => (byTag(ws, 'course-detail')?.jsonLd ?? 0) > 0, 'a course-detail added in a shadow root');
    expect(byTag(later, 'course-detail')!.alert).to.deep.equal([]);
    const after = await page.call<Scripts>('scripts');
    expect(after.files).to.include('campus-widgets.trainer-signup.js');
    expect(after.files).to.include('campus-widgets.course-detail.js');
    expect(after.files.filter((f) => f === 'campus-widgets.loader.js'), 'the loader downloaded once').to.have.length(1);
    expectClean(await page.report(), 'loader');
  });
});

describe('hosts: the CDN bundle on a plain static page', function () {
  this.timeout(60000);

  it('the README’s snippet (with SRI) shows the cards, from a third origin’s API', async () => {
    const page = await open('/hosts/cdn.html');
    const widgets = await page.waitFor((ws) => (byTag(ws, 'catalogue-list')?.cards ?? 0) > 0, 'catalogue cards');
    expect(byTag(widgets, 'catalogue-list')!.locale).to.equal('fr');
    expectClean(await page.report(), 'cdn');
    expectAxeClean(await page.axe(), 'cdn');
  });
});

describe('hosts: a wrong SRI hash', function () {
  this.timeout(60000);

  it('the browser refuses the script and the fallback link stays in place', async () => {
    const page = await open('/hosts/cdn-bad-sri.html');
    await until(async () => (await page.report()).errors.length > 0, 'the refused script reported');
    const [list] = await page.widgets();
    expect(list.defined, '<catalogue-list> never defined').to.equal(false);
    expect(list.fallback, 'the fallback link is shown').to.contain('Voir le catalogue du Campus du numérique public');
    const report = await page.report();
    expect(report.errors.join('\n')).to.contain('resource failed: <script>');
    expect(report.violations).to.deep.equal([]);
  });
});

describe('hosts: configuring the bundle', function () {
  this.timeout(60000);

  it('configure() imported from the bundle’s own URL applies to the page’s widgets', async () => {
    const page = await open('/hosts/configure.html');
    await page.waitFor(
      (ws) => (byTag(ws, 'catalogue-list')?.cards ?? 0) > 0 && /Chercher parmi nos formations/.test(byTag(ws, 'catalogue-list')!.text),
      'catalogue cards with the host’s text',
    );
    expectClean(await page.report(), 'configure');
  });

  it('a policy without « campus-widgets »: the course page shows without its JSON-LD, with a warning', async () => {
    expect(info.pages['no-campus-policy.html']).to.match(/trusted-types lit-html$/);
    const page = await open('/hosts/no-campus-policy.html');
    const widgets = await page.waitFor((ws) => /Informations pratiques/.test(byTag(ws, 'course-detail')?.text ?? ''), 'course page');
    expect(byTag(widgets, 'course-detail')!.jsonLd).to.equal(0);
    const report = await page.report();
    expect(report.warnings.join('\n')).to.contain('« campus-widgets » unavailable');
    // The browser reports the refused policy name, and nothing else.
    expect(report.violations.map((v) => v.effective)).to.deep.equal(['trusted-types']);
    expect(report.errors).to.deep.equal([]);
  });
});

describe('hosts: aggressive global CSS', function () {
  this.timeout(60000);

  it('the widgets keep their size, layout and controls', async () => {
    const page = await open('/hosts/aggressive-css.html', { width: 900 });
    const widgets = await page.waitFor(
      (ws) => (byTag(ws, 'catalogue-list')?.cards ?? 0) > 0 && !!byTag(ws, 'enrol-form')?.form,
      'catalogue and form',
    );
    for (const w of widgets.filter((x) => x.tag !== 'course-card')) {
      expect(w.scrollWidth, `${w.tag}: scrollWidth ≤ clientWidth`).to.be.at.most(w.clientWidth);
      expect(w.overflowing, `${w.tag}: boxes wider than themselves`).to.deep.equal([]);
      // 62.5 % root and body 1.6rem: the widgets inherit 16 px, not 10.
      expect(w.fontSize, `${w.tag}: font-size`).to.equal(16);
      expect(w.paragraph?.fontSize, `${w.tag}: text font-size`).to.equal(16);
      // `* { line-height: 1 }` reaches the host element, not the widget's text.
      expect(parseFloat(w.paragraph!.lineHeight), `${w.tag}: line-height`).to.be.above(20);
      // `button { all: unset }` stays outside the shadow root.
      const b = w.button!;
      expect(b, `${w.tag}: a visible button`).to.not.equal(null);
      const painted = b.border > 0 || !/^(transparent|rgba\(0, 0, 0, 0\))$/.test(b.background);
      expect(painted, `${w.tag}: button « ${b.text} » keeps a border or a background (${show(b)})`).to.equal(true);
      expect(b.paddingLeft, `${w.tag}: button padding`).to.be.above(0);
    }
    const report = await page.report();
    expect(report.scrollWidth, 'the page does not scroll sideways').to.be.at.most(report.clientWidth);
    expectClean(report, 'aggressive-css');
    expectAxeClean(await page.axe(), 'aggressive-css');
  });
});

describe('hosts: two copies of the library on one page', function () {
  this.timeout(60000);

  it('with \'allow-duplicates\', both copies’ widgets work, JSON-LD included, with no violation', async () => {
    expect(info.pages['two-copies.html']).to.contain("trusted-types lit-html campus-widgets 'allow-duplicates'");
    const page = await open('/hosts/two-copies.html');
    const widgets = await page.waitFor(
      (ws) =>
        !!byTag(ws, 'course-card')?.rendered &&
        (byTag(ws, 'copy-catalogue-list')?.cards ?? 0) > 0 &&
        (byTag(ws, 'course-detail')?.jsonLd ?? 0) > 0 &&
        (byTag(ws, 'copy-course-detail')?.jsonLd ?? 0) > 0,
      'both copies rendered',
    );
    // Each catalogue renders its cards itself, in its own shadow root: the only card element
    // is the page's own <course-card>, none of either set inside the catalogues.
    expect(widgets.filter((w) => /course-card$/.test(w.tag)).map((w) => w.tag)).to.deep.equal(['course-card']);
    const report = await page.report();
    expectClean(report, 'two-copies');
    // The second copy's own define() of the default tags is skipped, with a warning.
    expect(report.warnings.join('\n')).to.contain('<catalogue-list> is already used by another element');
    expectAxeClean(await page.axe(), 'two-copies');
  });

  it('without \'allow-duplicates\', the second copy is refused where Trusted Types are enforced; the first keeps working', async () => {
    const page = await open('/hosts/two-copies-strict.html');
    const first = await page.waitFor(
      (ws) => !!byTag(ws, 'course-card')?.rendered && (byTag(ws, 'course-detail')?.jsonLd ?? 0) > 0,
      'first copy rendered',
    );
    const report = await page.report();
    if (report.trustedTypes) {
      // The second Lit cannot create its « lit-html » policy: its module throws, nothing of it runs.
      expect(report.violations.map((v) => v.effective), show(report.violations)).to.include('trusted-types');
      expect(report.errors.join('\n')).to.match(/lit-html/);
      expect(byTag(first, 'copy-catalogue-list')!.defined).to.equal(false);
    } else {
      // Without Trusted Types there is no policy to duplicate: both copies work.
      await page.waitFor((ws) => (byTag(ws, 'copy-catalogue-list')?.cards ?? 0) > 0, 'second copy rendered');
      expectClean(report, 'two-copies-strict');
    }
  });
});

describe('hosts: inside another component’s shadow root', function () {
  this.timeout(60000);

  it('the widget renders, follows the host component’s lang, and its events reach the document', async () => {
    const page = await open('/hosts/shadow-host.html');
    const widgets = await page.waitFor(
      (ws) => (byTag(ws, 'catalogue-list')?.cards ?? 0) > 0 && byTag(ws, 'catalogue-list')?.locale === 'en',
      'catalogue in English inside <partner-portal>',
    );
    const list = byTag(widgets, 'catalogue-list')!;
    expect(list.hostTag).to.equal('partner-portal');
    let report = await page.report();
    // composed: campus-load crosses the host's shadow root; the document sees the host as target.
    expect(report.events.find((e) => e.type === 'campus-load'), show(report.events)).to.deep.include({
      target: 'partner-portal',
      origin: 'catalogue-list',
      composed: true,
    });
    const click = await page.call<{ clicked: boolean }>('click-card');
    expect(click.clicked).to.equal(true);
    report = await page.report();
    expect(report.events.find((e) => e.type === 'campus-course-select'), show(report.events)).to.deep.include({
      target: 'partner-portal',
      composed: true,
    });
    expectClean(report, 'shadow-host');
    expectAxeClean(await page.axe(), 'shadow-host');
  });
});

describe('hosts: the demo pages under the guide’s CSP', function () {
  this.timeout(90000);

  const PAGES: [string, (ws: Widget[]) => boolean][] = [
    ['/demo/index.html', (ws) => (byTag(ws, 'catalogue-list')?.cards ?? 0) > 0 && !!byTag(ws, 'enrol-form')?.form && !!byTag(ws, 'trainer-signup')?.form && (byTag(ws, 'course-detail')?.jsonLd ?? 0) > 0],
    ['/demo/intranet-dsfr.html', (ws) => (byTag(ws, 'catalogue-list')?.cards ?? 0) > 0],
    ['/demo/intranet-dsfr-formation.html?id=cyber-managers-parcours', (ws) => (byTag(ws, 'course-detail')?.jsonLd ?? 0) > 0],
    ['/demo/ecole-partenaire.html', (ws) => (byTag(ws, 'catalogue-list')?.cards ?? 0) > 0],
    ['/demo/atn-quebec.html', (ws) => (byTag(ws, 'catalogue-list')?.cards ?? 0) > 0],
    ['/demo/appel-formateurs.html', (ws) => !!byTag(ws, 'trainer-signup')?.form],
    ['/demo/integration.html', (ws) => (byTag(ws, 'catalogue-list')?.cards ?? 0) > 0],
  ];

  for (const [path, ready] of PAGES) {
    it(`${path}: renders with no console error, no CSP violation, and passes axe`, async () => {
      const page = await open(path, { width: 1200 });
      const widgets = await page.waitFor(ready, `widgets of ${path}`, 20000);
      for (const w of widgets) expect(w.alert, `${w.tag} shows an error`).to.deep.equal([]);
      expectClean(await page.report(), path);
      expectAxeClean(await page.axe(), path);
      expectClean(await page.report(), `${path} after axe`);
    });
  }

  for (const [path, ready] of PAGES) {
    it(`${path}: does not scroll sideways on a 375 px phone`, async () => {
      const page = await open(path, { width: 375, height: 800 });
      await page.waitFor(ready, `widgets of ${path}`, 20000);
      const { scrollWidth, clientWidth } = await page.report();
      expect(scrollWidth, `${path}: the page is ${scrollWidth} px wide in a ${clientWidth} px window`).to.be.at.most(clientWidth);
    });
  }
});
