/**
 * Inside a campus frame (`/embed/…`): tells the parent window the content's
 * height whenever it changes, and again when the host's `campus-frame.js`
 * says hello. Only a height leaves the frame, so any parent may hear it.
 */
import { HEIGHT_MESSAGE, HELLO_MESSAGE } from './protocol.js';

const content = document.querySelector('main') ?? document.body;
let last = -1;

function post(force = false): void {
  if (window.parent === window) return;
  const height = Math.ceil(content.getBoundingClientRect().bottom + window.scrollY);
  if (!force && height === last) return;
  last = height;
  window.parent.postMessage({ type: HEIGHT_MESSAGE, height }, '*');
}

new ResizeObserver(() => post()).observe(content);
window.addEventListener('message', (event) => {
  if (event.source === window.parent && (event.data as { type?: unknown } | null)?.type === HELLO_MESSAGE) post(true);
});
post();
