// The analytics page's own script (test/hosts/analytics.html): when the test asks, plays a
// reader's journey through the widgets as a person would (a filter, a card, a search, an
// enrolment request with a name and an e-mail) and hands back window._paq as Matomo would
// have received it, with what was typed, so the test can look for it in every call.
(function () {
  'use strict';

  function deep(root, out) {
    var list = root.querySelectorAll('*');
    for (var i = 0; i < list.length; i++) {
      out.push(list[i]);
      if (list[i].shadowRoot) deep(list[i].shadowRoot, out);
    }
    return out;
  }
  function sleep(ms) {
    return new Promise(function (r) {
      setTimeout(r, ms);
    });
  }
  function until(find, what, timeout) {
    var start = Date.now();
    return (function poll() {
      var found = find();
      if (found) return Promise.resolve(found);
      if (Date.now() - start > (timeout || 15000)) return Promise.reject(new Error('journey: no ' + what));
      return sleep(50).then(poll);
    })();
  }
  function next(type) {
    return new Promise(function (resolve) {
      document.addEventListener(type, function (e) { resolve(e); }, { once: true });
    });
  }
  function typeInto(input, value) {
    input.focus();
    input.value = value;
    input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
    input.blur();
  }

  var list = function () { return document.querySelector('catalogue-list'); };
  var form = function () { return document.querySelector('enrol-form'); };
  var inList = function (selector) { return list().shadowRoot && list().shadowRoot.querySelector(selector); };
  var field = function (name) {
    return deep(form().shadowRoot || form(), []).filter(function (n) { return n.dataset && n.dataset.field === name; });
  };

  function journey(args) {
    var typed = {
      search: 'hameçonnage motsecretrecherche',
      givenName: 'Camille-Analytique',
      familyName: 'Dupont-Mesure',
      email: 'camille.mesure+' + Math.random().toString(36).slice(2, 8) + '@example.gouv.fr',
      organisation: 'Direction de la mesure confidentielle',
      comment: 'commentaire-prive-a-ne-pas-mesurer',
    };
    var seen = {};
    return until(function () { return inList('[part~="card"]'); }, 'cards')
      .then(function () {
        // A filter: the first box of the filters panel.
        var box = until(function () { return inList('input[type="checkbox"][name="mode"], input[type="checkbox"][name="kind"]'); }, 'a filter');
        return box.then(function (b) {
          seen.filter = b.name + ':' + b.value;
          var changed = next('campus-filters-change');
          b.click();
          return changed;
        });
      })
      .then(function () { return sleep(300); })
      .then(function () {
        return until(function () { return inList('[part~="card-link"]'); }, 'a card title');
      })
      .then(function (title) {
        document.addEventListener('campus-course-select', function (e) { e.preventDefault(); seen.course = e.detail.course.id; }, { once: true });
        title.click();
        var search = inList('input[type="search"]');
        var changed = next('campus-filters-change');
        var loaded = next('campus-load');
        typeInto(search, typed.search);
        search.closest('form').requestSubmit();
        return Promise.all([changed, loaded]);
      })
      .then(function () {
        return until(function () { return field('givenName')[0]; }, 'the enrolment form');
      })
      .then(function () {
        var sessions = field('sessionId');
        if (sessions.length) sessions[sessions.length - 1].click();
        ['givenName', 'familyName', 'email', 'organisation', 'comment'].forEach(function (name) {
          typeInto(field(name)[0], typed[name]);
        });
        var done = Promise.race([next('campus-enrol-success'), next('campus-enrol-error')]);
        var button = deep(form().shadowRoot, []).find(function (n) { return n.localName === 'button' && n.type === 'submit'; });
        button.click();
        return done;
      })
      .then(function (outcome) {
        seen.outcome = outcome.type;
        seen.reference = outcome.detail && outcome.detail.reference;
        return sleep(200);
      })
      .then(function () {
        return { typed: typed, seen: seen, paq: JSON.parse(JSON.stringify(window._paq || null)), args: args || null };
      });
  }

  window.__probeCommands = window.__probeCommands || {};
  window.__probeCommands.journey = journey;
  window.__probeCommands.paq = function () { return JSON.parse(JSON.stringify(window._paq || null)); };
})();
