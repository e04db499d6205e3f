/**
 * Original SVG media of the seed: one badge-like logo per organisation (a
 * coloured rounded rectangle with its short name) and one abstract geometric
 * illustration per expertise. No official emblem is drawn.
 */
import { createRandom, hashString } from './random.js';

const escapeXml = (value: string): string =>
  value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A 240 × 80 logo: white text on a dark colour (contrast above 7:1 for the chosen colours). */
export function logoSvg(shortName: string, name: string, colour: string): string {
  const size = shortName.length <= 6 ? 34 : shortName.length <= 10 ? 26 : shortName.length <= 14 ? 20 : 16;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 240 80" width="240" height="80" role="img">
  <title>${escapeXml(name)}</title>
  <rect x="2" y="2" width="236" height="76" rx="14" fill="${colour}"/>
  <text x="120" y="${40 + Math.round(size / 3)}" text-anchor="middle" font-family="system-ui, -apple-system, 'Segoe UI', Arial, sans-serif" font-size="${size}" font-weight="700" fill="#ffffff">${escapeXml(shortName)}</text>
</svg>
`;
}

/** Each expertise's palette: background, then three shape colours. */
const PALETTES: Record<string, [string, string, string, string]> = {
  'agilite-produit': ['#e8edff', '#000091', '#6a6af4', '#ff8d7e'],
  'communs-logiciels-libres': ['#e6feda', '#18753c', '#68a532', '#ffd85c'],
  cybersecurite: ['#e3e3fd', '#1b1b35', '#465f9d', '#00a95f'],
  data: ['#fee7fc', '#6e445a', '#a558a0', '#fcc63a'],
  'design-accessibilite': ['#fff4f3', '#c9191e', '#ff9575', '#417dc4'],
  'environnement-numerique-travail': ['#f3ede5', '#715845', '#c3992a', '#6a6af4'],
  'numerique-responsable': ['#dffdf7', '#1f8d49', '#009081', '#b7a73f'],
  'technologie-infrastructures': ['#e8eef8', '#3b5b84', '#0078f3', '#8585f6'],
  'transformation-numerique': ['#fef3fd', '#8c3e8a', '#e18b76', '#4e7c8f'],
  'intelligence-artificielle': ['#eef3ff', '#2d2d8f', '#8e5bd1', '#17a1b8'],
};

/** A 400 × 225 abstract composition of circles, bars and triangles, drawn from the expertise id. */
export function illustrationSvg(expertiseId: string, label: string): string {
  const [bg, a, b, c] = PALETTES[expertiseId] ?? ['#eeeeee', '#333333', '#666666', '#999999'];
  const rnd = createRandom(hashString(expertiseId));
  const shapes: string[] = [];
  const cx = rnd.int(230, 320);
  const cy = rnd.int(80, 140);
  shapes.push(`<circle cx="${cx}" cy="${cy}" r="${rnd.int(60, 85)}" fill="${b}" opacity="0.85"/>`);
  shapes.push(`<circle cx="${cx + rnd.int(-40, 40)}" cy="${cy + rnd.int(-30, 30)}" r="${rnd.int(22, 36)}" fill="${c}"/>`);
  for (let i = 0; i < 4; i++) {
    const h = rnd.int(30, 120);
    shapes.push(`<rect x="${40 + i * 34}" y="${190 - h}" width="22" height="${h}" rx="4" fill="${i % 2 ? b : a}"/>`);
  }
  const tx = rnd.int(20, 120);
  shapes.push(`<polygon points="${tx},${rnd.int(20, 40)} ${tx + 60},${rnd.int(20, 40)} ${tx + 30},${rnd.int(70, 90)}" fill="${c}" opacity="0.8"/>`);
  for (let i = 0; i < 5; i++) {
    shapes.push(`<circle cx="${rnd.int(200, 380)}" cy="${rnd.int(160, 210)}" r="${rnd.int(4, 9)}" fill="${a}"/>`);
  }
  shapes.push(`<path d="M0 205 Q100 ${rnd.int(170, 200)} 200 205 T400 ${rnd.int(195, 215)} V225 H0 Z" fill="${a}" opacity="0.9"/>`);
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 225" width="400" height="225" role="img">
  <title>Illustration abstraite : ${escapeXml(label)}</title>
  <rect width="400" height="225" fill="${bg}"/>
  ${shapes.join('\n  ')}
</svg>
`;
}
