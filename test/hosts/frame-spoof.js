// Served by the test CDN (another origin than the campus frame's src): the exact message of a
// campus frame, which campus-frame.js must ignore since it does not come from the frame's origin.
(function () {
  'use strict';
  function claim() {
    window.parent.postMessage({ type: 'campus-frame:height', height: 1777 }, '*');
  }
  claim();
  window.addEventListener('message', claim);
  setInterval(claim, 100);
})();
