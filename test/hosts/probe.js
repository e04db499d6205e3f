// The hostile-host suite's probe (test/hosts.test.ts). Served by the test
// "CDN" at /__test__/probe.js and put first in every host page, so that it runs
// under the page's own CSP (`script-src <cdn>`), before the widgets.
//
// It records CSP violations, console errors and warnings, uncaught errors and
// rejections, and the campus-* events that reach the document; and it answers
// the test page (its parent window, another origin) through postMessage:
//   { probe, cmd: 'report' | 'widgets' | 'axe' | 'click-card' } → { probe, result }
// No eval, no innerHTML: the page may enforce Trusted Types.
(function () {
  'use strict';
  var WIDGET = /(^|-)(catalogue-list|course-card|course-detail|enrol-form|trainer-signup)$/;
  var EVENTS = [
    'campus-load',
    'campus-error',
    'campus-course-select',
    'campus-filters-change',
    'campus-enrol-submit',
    'campus-enrol-success',
    'campus-enrol-error',
    'campus-trainer-submit',
    'campus-trainer-success',
    'campus-trainer-error',
  ];
  var state = { violations: [], errors: [], warnings: [], events: [] };

  function text(value) {
    if (value instanceof Error) return value.name + ': ' + value.message;
    if (typeof value === 'string') return value;
    try {
      return JSON.stringify(value);
    } catch (e) {
      return String(value);
    }
  }

  document.addEventListener(
    'securitypolicyviolation',
    function (e) {
      state.violations.push({
        directive: e.violatedDirective,
        effective: e.effectiveDirective,
        blocked: e.blockedURI,
        source: e.sourceFile,
        line: e.lineNumber,
        sample: e.sample,
        disposition: e.disposition,
      });
    },
    true,
  );
  var error = console.error;
  console.error = function () {
    state.errors.push(Array.prototype.map.call(arguments, text).join(' '));
    return error.apply(console, arguments);
  };
  var warn = console.warn;
  console.warn = function () {
    state.warnings.push(Array.prototype.map.call(arguments, text).join(' '));
    return warn.apply(console, arguments);
  };
  window.addEventListener('error', function (e) {
    // Resource errors (a blocked script, an image) arrive here too, with no message.
    var target = e.target && e.target !== window ? e.target : null;
    state.errors.push(
      target
        ? 'resource failed: <' + target.localName + '> ' + (target.src || target.href || '')
        : 'uncaught: ' + (e.message || text(e.error)) + ' at ' + e.filename + ':' + e.lineno,
    );
  }, true);
  window.addEventListener('unhandledrejection', function (e) {
    state.errors.push('unhandled rejection: ' + text(e.reason));
  });
  EVENTS.forEach(function (type) {
    document.addEventListener(type, function (e) {
      var path = e.composedPath();
      state.events.push({
        type: type,
        target: e.target && e.target.localName,
        origin: path[0] && path[0].localName,
        composed: e.composed,
      });
    });
  });

  /** Every element under root, through open shadow roots. */
  function deep(root, out) {
    var list = root.querySelectorAll('*');
    for (var i = 0; i < list.length; i++) {
      out.push(list[i]);
      if (list[i].shadowRoot) deep(list[i].shadowRoot, out);
    }
    return out;
  }

  function px(value) {
    return parseFloat(value) || 0;
  }

  function snapshot(el) {
    var root = el.shadowRoot;
    var inside = root ? deep(root, []) : [];
    var cards = inside.filter(function (n) {
      // A list renders its cards in its own shadow root: each card's box has part="card".
      return n.getAttribute && n.getAttribute('part') === 'card' && n.textContent.trim().length > 0;
    });
    var button = inside.find(function (n) {
      return n.localName === 'button' && n.getClientRects().length > 0;
    });
    var paragraph = inside.find(function (n) {
      return (n.localName === 'p' || n.localName === 'label') && n.textContent.trim() && n.getClientRects().length > 0;
    });
    var overflowing = inside
      .filter(function (n) {
        return n.nodeType === 1 && n.clientWidth > 0 && n.scrollWidth > n.clientWidth + 1 && getComputedStyle(n).overflowX === 'visible';
      })
      .map(function (n) {
        return n.localName + (n.className && typeof n.className === 'string' ? '.' + n.className.split(' ').join('.') : '');
      });
    var ld = el.querySelector(':scope > script[type="application/ld+json"]');
    var s = getComputedStyle(el);
    var b = button && getComputedStyle(button);
    var p = paragraph && getComputedStyle(paragraph);
    var rect = el.getBoundingClientRect();
    return {
      tag: el.localName,
      defined: el.matches(':defined'),
      rendered: !!root && root.textContent.trim().length > 0,
      text: root ? root.textContent.replace(/\s+/g, ' ').trim().slice(0, 300) : '',
      // The light DOM as shown (the fallback content, while the element is not defined).
      fallback: el.innerText ? el.innerText.replace(/\s+/g, ' ').trim().slice(0, 300) : '',
      locale: el.i18n && el.i18n.locale,
      lang: el.closest('[lang]') ? el.closest('[lang]').getAttribute('lang') : null,
      hostTag: el.getRootNode() && el.getRootNode().host ? el.getRootNode().host.localName : null,
      cards: cards.length,
      jsonLd: ld ? ld.textContent.length : 0,
      jsonLdType: ld ? (JSON.parse(ld.textContent)['@type'] || '') : '',
      form: inside.some(function (n) {
        return n.localName === 'form';
      }),
      inputs: inside.filter(function (n) {
        return n.localName === 'input' || n.localName === 'select' || n.localName === 'textarea';
      }).length,
      alert: inside
        .filter(function (n) {
          return n.getAttribute && n.getAttribute('role') === 'alert' && n.textContent.trim();
        })
        .map(function (n) {
          return n.textContent.trim();
        }),
      images: inside
        .filter(function (n) {
          return n.localName === 'img';
        })
        .map(function (n) {
          return { src: n.currentSrc || n.src, loaded: n.complete && n.naturalWidth > 0 };
        }),
      width: rect.width,
      scrollWidth: el.scrollWidth,
      clientWidth: el.clientWidth,
      overflowing: overflowing,
      fontSize: px(s.fontSize),
      lineHeight: s.lineHeight,
      paragraph: p ? { fontSize: px(p.fontSize), lineHeight: p.lineHeight, marginBottom: p.marginBottom } : null,
      button: b
        ? {
            text: button.textContent.trim(),
            display: b.display,
            border: px(b.borderTopWidth) + px(b.borderBottomWidth) + px(b.borderLeftWidth) + px(b.borderRightWidth),
            borderStyle: b.borderTopStyle,
            background: b.backgroundColor,
            color: b.color,
            paddingLeft: px(b.paddingLeft),
            height: button.getBoundingClientRect().height,
            cursor: b.cursor,
          }
        : null,
    };
  }

  function widgets() {
    return deep(document, [])
      .filter(function (n) {
        return WIDGET.test(n.localName);
      })
      .map(snapshot);
  }

  function sleep(ms) {
    return new Promise(function (r) {
      setTimeout(r, ms);
    });
  }

  /**
   * Lets the page come to rest before axe measures it: fonts loaded, the page scrolled
   * once to the bottom (lazy images load as a reader would load them), its images done,
   * and its height unchanged for half a second. axe measures the layout once, then checks
   * colours against it: a page still moving gives false contrast failures.
   */
  function settle() {
    var fonts = document.fonts ? document.fonts.ready : Promise.resolve();
    var start = Date.now();
    return fonts
      .then(function () {
        window.scrollTo(0, document.documentElement.scrollHeight);
        return sleep(200);
      })
      .then(function wait() {
        var pending = deep(document, []).filter(function (n) {
          return n.localName === 'img' && !n.complete;
        });
        if (pending.length && Date.now() - start < 5000) return sleep(100).then(wait);
      })
      .then(function () {
        window.scrollTo(0, 0);
        var last = -1;
        var still = 0;
        return (function stable() {
          var h = document.documentElement.scrollHeight;
          still = h === last ? still + 1 : 0;
          last = h;
          if (still >= 5 || Date.now() - start > 8000) return { height: h };
          return sleep(100).then(stable);
        })();
      });
  }

  function runAxe() {
    if (!window.axe) return Promise.resolve({ error: 'axe not loaded' });
    return settle()
      .then(function () {
        return window.axe.run(document, { resultTypes: ['violations'] });
      })
      .then(function (r) {
        return {
          violations: r.violations.map(function (v) {
            return {
              id: v.id,
              impact: v.impact,
              help: v.help,
              nodes: v.nodes.slice(0, 5).map(function (n) {
                return { target: n.target, summary: n.failureSummary, html: n.html.slice(0, 200) };
              }),
            };
          }),
        };
      })
      .catch(function (e) {
        return { error: text(e) };
      });
  }

  /** Clicks the first course card's link in the first catalogue: campus-course-select reaches the document. */
  function clickCard() {
    var all = deep(document, []);
    var link = all.find(function (n) {
      return n.localName === 'a' && /(^| )card-link( |$)/.test(n.getAttribute('part') || '');
    });
    if (!link) return { clicked: false };
    // The host page keeps the navigation: stop it so the frame stays on this page.
    document.addEventListener(
      'campus-course-select',
      function (e) {
        e.preventDefault();
      },
      { once: true },
    );
    link.click();
    return { clicked: true };
  }

  /** Whether the page enforces Trusted Types: a plain string to innerHTML must throw (and be reported). */
  function ttCheck() {
    try {
      document.createElement('div').innerHTML = '<b>x</b>';
      return { enforced: false };
    } catch (e) {
      return { enforced: true, error: text(e) };
    }
  }

  var commands = {
    'tt-check': ttCheck,
    report: function () {
      return {
        violations: state.violations,
        errors: state.errors,
        warnings: state.warnings,
        events: state.events,
        trustedTypes: typeof window.trustedTypes !== 'undefined',
        adoptedStyleSheets: 'adoptedStyleSheets' in Document.prototype,
        styleElements: deep(document, []).filter(function (n) {
          return n.localName === 'style';
        }).length,
        lang: document.documentElement.lang,
        scrollWidth: document.documentElement.scrollWidth,
        clientWidth: document.documentElement.clientWidth,
      };
    },
    widgets: widgets,
    axe: runAxe,
    // The scripts the page downloaded, by file name, and the widget tags registered.
    scripts: function () {
      return {
        files: performance
          .getEntriesByType('resource')
          .map(function (e) {
            return e.name.split('?')[0].split('/').pop();
          })
          .filter(function (name) {
            return /\.js$/.test(name);
          }),
        defined: ['catalogue-list', 'course-card', 'course-detail', 'enrol-form', 'trainer-signup'].filter(function (t) {
          return !!customElements.get(t);
        }),
      };
    },
    // Adds a widget later, to the page or to a new shadow root handed to the loader's observe().
    'add-widget': function (args) {
      var el = document.createElement(args.tag);
      Object.keys(args.attrs || {}).forEach(function (name) {
        el.setAttribute(name, args.attrs[name]);
      });
      if (!args.shadow) {
        document.querySelector('main').append(el);
        return true;
      }
      var host = document.createElement('div');
      document.querySelector('main').append(host);
      var root = host.attachShadow({ mode: 'open' });
      return import(args.loader).then(function (loader) {
        loader.observe(root);
        root.append(el);
        return true;
      });
    },
    'click-card': clickCard,
    // The page’s iframes: their src and the height of their viewport (clientHeight: no border).
    frames: function () {
      return Array.prototype.map.call(document.querySelectorAll('iframe'), function (f) {
        return { src: f.src, height: f.clientHeight };
      });
    },
    // A message to this page's own window (from its origin, not from a frame).
    'post-self': function (args) {
      window.postMessage(args, '*');
      return true;
    },
  };

  window.addEventListener('message', function (e) {
    var data = e.data;
    // A page's own script may add commands (window.__probeCommands), e.g. a journey to run.
    var command = data && (commands[data.cmd] || (window.__probeCommands && window.__probeCommands[data.cmd]));
    if (!data || typeof data.probe !== 'number' || !command) return;
    Promise.resolve()
      .then(function () {
        return command(data.args);
      })
      .then(
        function (result) {
          e.source.postMessage({ probe: data.probe, result: result }, e.origin);
        },
        function (err) {
          e.source.postMessage({ probe: data.probe, error: text(err) }, e.origin);
        },
      );
  });
})();
