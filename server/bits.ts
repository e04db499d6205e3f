/** Bitsets over the catalogue's courses (one bit per course index): the search's and the session filters' counts. */
export type Bits = Uint32Array;

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
}

export function countBits(a: Bits): number {
  let n = 0;
  for (let i = 0; i < a.length; i++) if (a[i]) n += popcount(a[i]);
  return n;
}

/** How many bits `a` and `b` both hold, without building their intersection. */
export function countAnd(a: Bits, b: Bits): number {
  let n = 0;
  for (let i = 0; i < a.length; i++) {
    const w = a[i] & b[i];
    if (w) n += popcount(w);
  }
  return n;
}
