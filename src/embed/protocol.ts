/**
 * The messages between a campus frame (`/embed/…`, ./frame-child.ts) and the
 * host's `campus-frame.js` (./campus-frame.ts): a height, never anything else.
 */

/** Sent by the frame to its parent: `{ type, height }`, the content's height in CSS pixels. */
export const HEIGHT_MESSAGE = 'campus-frame:height';
/** Sent by the host to a frame when it starts: the frame answers with its height. */
export const HELLO_MESSAGE = 'campus-frame:hello';
/** No frame is made taller than this (a wrong or hostile value stays harmless). */
export const MAX_HEIGHT = 50_000;
