/**
 * The webmasters' routes: the widgets' files and their SRI hashes
 * (`/widgets/…`), the catalogue for an iframe (`/embed/catalogue`: presets
 * checked, unknown parameters ignored, every value escaped, framed only by the
 * origins of FRAME_ANCESTORS), and the builder's page (`/integrer/`).
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { ConfigError, parseFrameAncestors, readConfig } from '../../server/config.js';
import { get, makeApp, ORIGIN } from './fixture.js';

const BUNDLE = new TextEncoder().encode('export const bundle = 1;\n');
const FRAME = new TextEncoder().encode('window.frame = 1;\n');
const widgetFiles = (path: string) =>
  ({ 'campus-widgets.min.js': BUNDLE, 'campus-frame.js': FRAME, 'index.js': BUNDLE })[path];

/** The directives of a Content-Security-Policy header, by name. */
function directives(header: string | null): Map<string, string> {
  assert.ok(header, 'a Content-Security-Policy header');
  return new Map(header.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name, values.join(' ')]));
}

describe('FRAME_ANCESTORS', () => {
  it('accepts origins and \'self\', reads nothing or \'none\' as nobody', () => {
    assert.deepEqual(parseFrameAncestors('https://intranet.exemple.gouv.fr  https://*.ac-paris.fr:8443 \'self\''), [
      'https://intranet.exemple.gouv.fr',
      'https://*.ac-paris.fr:8443',
      "'self'",
    ]);
    assert.deepEqual(parseFrameAncestors(undefined), []);
    assert.deepEqual(parseFrameAncestors("'none'"), []);
    assert.deepEqual(parseFrameAncestors('http://localhost:8080 http://127.0.0.1'), ['http://localhost:8080', 'http://127.0.0.1']);
  });

  it('refuses anything that is not an origin, so nothing unchecked reaches the header', () => {
    for (const bad of ['*', 'https://x.gouv.fr/chemin', 'http://intranet.gouv.fr', "https://a.fr;script-src", 'javascript:alert(1)', "'unsafe-inline'", 'https://a.fr:99999', 'data:']) {
      assert.throws(() => parseFrameAncestors(bad), ConfigError, bad);
      assert.throws(() => readConfig({}, { FRAME_ANCESTORS: bad }), ConfigError, bad);
    }
  });
});

describe('/embed/catalogue', () => {
  it('renders the list with the presets as attributes, loads the widgets from the service, no inline script or style', async () => {
    const { app } = await makeApp();
    const res = await get(app, '/embed/catalogue?expertise=cybersecurite,data&mode=presentiel&free=true&page-size=6&sort=title&heading-level=1&lang=en&theme=quebec&hide-filters=0');
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('Content-Type'), 'text/html; charset=utf-8');
    const body = await res.text();
    assert.match(body, /<html lang="en">/);
    assert.match(body, /<catalogue-list expertise="cybersecurite,data" mode="presentiel" free page-size="6" heading-level="1" sort="title"><a href="https:\/\/campus\.numerique\.gouv\.fr\/">See the Campus du numérique public’s catalogue<\/a><\/catalogue-list>/);
    assert.match(body, /<script type="module" src="\/widgets\/campus-widgets\.min\.js"><\/script>/);
    assert.match(body, /<script type="module" src="\/widgets\/campus-embed\.js"><\/script>/);
    assert.match(body, /<link rel="stylesheet" href="\/widgets\/themes\/quebec\.css">/);
    assert.match(body, /<meta name="campus-api-base" content="\/api">/);
    assert.match(body, /<base target="_top">/);
    assert.equal(body.match(/<script(?![^>]*\bsrc=)[^>]*>/g), null, 'no inline script');
    assert.doesNotMatch(body, /\sstyle=|<style/);
  });

  it('sends a strict policy; with no FRAME_ANCESTORS nobody may frame it', async () => {
    const { app } = await makeApp();
    const res = await get(app, '/embed/catalogue');
    assert.equal(res.status, 200);
    const csp = directives(res.headers.get('Content-Security-Policy'));
    assert.equal(csp.get('frame-ancestors'), "'none'");
    assert.equal(csp.get('default-src'), "'none'");
    assert.equal(csp.get('script-src'), "'self'");
    assert.equal(csp.get('connect-src'), "'self'");
    assert.equal(csp.get('require-trusted-types-for'), "'script'");
    assert.equal(csp.get('trusted-types'), 'lit-html campus-widgets');
    assert.equal(res.headers.get('X-Frame-Options'), 'DENY');
    assert.equal(res.headers.get('X-Content-Type-Options'), 'nosniff');
  });

  it('frame-ancestors follows FRAME_ANCESTORS, and only on the embeddable pages', async () => {
    const frameAncestors = parseFrameAncestors('https://intranet.exemple.gouv.fr https://*.ac-lyon.fr');
    const { app } = await makeApp({ config: { frameAncestors } });
    const res = await get(app, '/embed/catalogue?expertise=cybersecurite');
    assert.equal(directives(res.headers.get('Content-Security-Policy')).get('frame-ancestors'), 'https://intranet.exemple.gouv.fr https://*.ac-lyon.fr');
    assert.equal(res.headers.get('X-Frame-Options'), null, 'X-Frame-Options cannot name origins: left to frame-ancestors');
    for (const path of ['/api/v1/courses', '/integrer/', '/widgets/release.json']) {
      const other = await get(app, path);
      assert.equal(directives(other.headers.get('Content-Security-Policy')).get('frame-ancestors'), "'none'", path);
      assert.equal(other.headers.get('X-Frame-Options'), 'DENY', path);
    }
  });

  it('escapes every value it echoes and ignores unknown parameters', async () => {
    const { app } = await makeApp();
    const evil = '"><script>alert(1)</script><img src=x onerror=alert(2)>';
    const res = await get(app, `/embed/catalogue?q=${encodeURIComponent(evil)}&label=${encodeURIComponent("L'équipe \"cyber\" <b>")}&onload=alert(3)&${encodeURIComponent('<x>')}=1&course-href=${encodeURIComponent('https://intranet.exemple.gouv.fr/f?id={id}&x="y"')}`);
    assert.equal(res.status, 200);
    const body = await res.text();
    // Only the page's own elements, and the list with exactly the three presets given.
    const tags = new Set([...body.matchAll(/<([a-z][a-z-]*)/g)].map((m) => m[1]));
    assert.deepEqual([...tags].sort(), ['a', 'base', 'body', 'catalogue-list', 'head', 'html', 'link', 'main', 'meta', 'script', 'title']);
    assert.equal(body.match(/<script/g)?.length, 2);
    const list = body.match(/<catalogue-list((?: [a-z-]+="[^"]*")*)>/);
    assert.ok(list, 'the list with its attributes, each value quoted');
    assert.deepEqual([...list[1].matchAll(/ ([a-z-]+)="[^"]*"/g)].map((m) => m[1]), ['q', 'label', 'course-href']);
    assert.match(body, / q="&quot;&gt;&lt;script&gt;alert\(1\)&lt;\/script&gt;&lt;img src=x onerror=alert\(2\)&gt;"/);
    assert.match(body, / label="L&#39;équipe &quot;cyber&quot; &lt;b&gt;"/);
    assert.match(body, / course-href="https:\/\/intranet\.exemple\.gouv\.fr\/f\?id=\{id\}&amp;x=&quot;y&quot;"/);
  });

  it('refuses a wrong preset with a 400 page that names it (escaped) and loads no script', async () => {
    const { app } = await makeApp();
    const cases: [string, string][] = [
      ['expertise=%3Cimg%20src%3Dx%3E', 'expertise'],
      ['expertise=cybersecurite,inconnue', 'expertise'],
      ['audience=personne', 'audience'],
      ['page-size=0', 'page-size'],
      ['page-size=abc', 'page-size'],
      ['heading-level=7', 'heading-level'],
      ['sort=random', 'sort'],
      ['free=peut-etre', 'free'],
      ['lang=de', 'lang'],
      ['theme=%22%3E', 'theme'],
      ['course-href=%2Fformations%2F%7Bid%7D', 'course-href'],
      ['course-href=javascript%3Aalert(1)', 'course-href'],
      ['q=%E2%80%AE', 'q'],
    ];
    for (const [query, param] of cases) {
      const res = await get(app, `/embed/catalogue?${query}`);
      assert.equal(res.status, 400, query);
      const body = await res.text();
      assert.match(body, new RegExp(`<li><code>${param}</code> : `), query);
      assert.doesNotMatch(body, /<script|<img src=x|"><\/|<catalogue-list/, query);
      assert.match(body, /<a href="https:\/\/campus\.numerique\.gouv\.fr\/">/, query);
    }
  });

  it('answers GET and HEAD only', async () => {
    const { app } = await makeApp();
    const res = await app.fetch(new Request(`${ORIGIN}/embed/catalogue`, { method: 'POST' }));
    assert.equal(res.status, 405);
  });
});

describe('/widgets/', () => {
  it('serves the widgets’ files to any site, with their type; nothing else', async () => {
    const { app } = await makeApp({ widgetFiles });
    const res = await get(app, '/widgets/campus-widgets.min.js', { Origin: 'https://intranet.exemple.gouv.fr' });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('Content-Type'), 'text/javascript; charset=utf-8');
    assert.equal(res.headers.get('Access-Control-Allow-Origin'), '*');
    assert.equal(res.headers.get('Cross-Origin-Resource-Policy'), 'cross-origin');
    assert.ok(res.headers.get('ETag'));
    assert.deepEqual(new Uint8Array(await res.arrayBuffer()), BUNDLE);
    for (const path of ['/widgets/index.js', '/widgets/..%2Fpackage.json', '/widgets/campus-widgets.min.css', '/widgets/themes/../package.json', '/widgets/themes/autre.css', '/widgets/campus-absent.js']) {
      assert.equal((await get(app, path)).status, 404, path);
    }
    const theme = await get(app, '/widgets/themes/dsfr.css');
    assert.equal(theme.status, 200);
    assert.equal(theme.headers.get('Content-Type'), 'text/css; charset=utf-8');
  });

  it('release.json gives each file’s address and its sha384, computed on the bytes served', async () => {
    const { app } = await makeApp({ widgetFiles });
    const res = await get(app, '/widgets/release.json');
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('Access-Control-Allow-Origin'), '*');
    const release = await res.json();
    assert.equal(release.apiBase, `${ORIGIN}/api`);
    assert.equal(release.embed, `${ORIGIN}/embed/catalogue`);
    assert.deepEqual(release.files['campus-widgets.min.js'], {
      url: `${ORIGIN}/widgets/campus-widgets.min.js`,
      integrity: `sha384-${createHash('sha384').update(BUNDLE).digest('base64')}`,
    });
    assert.equal(release.files['campus-frame.js'].integrity, `sha384-${createHash('sha384').update(FRAME).digest('base64')}`);
    assert.equal(release.files['campus-matomo.js'], undefined, 'a file not built is not listed');
  });
});

describe('/integrer/', () => {
  it('is served under the builder’s strict policy, and says how to build it when it is not', async () => {
    const { app } = await makeApp();
    const redirect = await get(app, '/integrer');
    assert.equal(redirect.status, 308);
    assert.equal(redirect.headers.get('Location'), '/integrer/');
    const res = await get(app, '/integrer/');
    assert.ok(res.status === 200 || res.status === 503, String(res.status));
    const csp = directives(res.headers.get('Content-Security-Policy'));
    assert.equal(csp.get('script-src'), "'self'");
    assert.equal(csp.get('style-src'), "'self'");
    assert.equal(csp.get('frame-ancestors'), "'none'");
    assert.equal(csp.get('trusted-types'), 'lit-html campus-widgets');
    if (res.status === 503) assert.match(await res.text(), /npm run build/);
    assert.equal((await get(app, '/integrer/../package.json')).status, 404);
    assert.equal((await get(app, '/integrer/assets/..%2F..%2Fpackage.json')).status, 404);
  });
});
