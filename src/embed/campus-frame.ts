/**
 * `campus-frame.js`: optional, on the host page that shows a campus frame
 * (`<iframe src="https://…/embed/catalogue?…">`). Without it the frame keeps
 * the height written in the page and scrolls; with it the frame is as tall as
 * its content, as the content changes.
 *
 * Only a message that comes from the frame's own window and from the origin of
 * its `src` is heard; anything else (another frame, another origin, a malformed
 * or absurd height) is ignored.
 */
import { HEIGHT_MESSAGE, HELLO_MESSAGE, MAX_HEIGHT } from './protocol.js';

/** The campus frames of the page: iframes whose `src` is a page under `/embed/`. */
function campusFrames(): { frame: HTMLIFrameElement; origin: string }[] {
  const found: { frame: HTMLIFrameElement; origin: string }[] = [];
  for (const frame of document.querySelectorAll('iframe')) {
    try {
      const url = new URL(frame.src, document.baseURI);
      if ((url.protocol === 'https:' || url.protocol === 'http:') && url.pathname.includes('/embed/')) found.push({ frame, origin: url.origin });
    } catch {
      // No usable src: not a campus frame.
    }
  }
  return found;
}

function onMessage(event: MessageEvent): void {
  const data = event.data as { type?: unknown; height?: unknown } | null;
  if (!data || typeof data !== 'object' || data.type !== HEIGHT_MESSAGE || typeof data.height !== 'number') return;
  const height = Math.ceil(data.height);
  if (!(height > 0 && height <= MAX_HEIGHT)) return;
  for (const { frame, origin } of campusFrames()) {
    if (frame.contentWindow !== event.source || event.origin !== origin) continue;
    frame.style.setProperty('height', `${height}px`);
  }
}

function hello(): void {
  for (const { frame, origin } of campusFrames()) frame.contentWindow?.postMessage({ type: HELLO_MESSAGE }, origin);
}

window.addEventListener('message', onMessage);
// A frame that loaded before this script told its height to nobody: ask again, now and on each frame's load.
hello();
document.addEventListener('load', (event) => {
  if ((event.target as Element | null)?.localName === 'iframe') hello();
}, true);
