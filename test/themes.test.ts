/**
 * The theme files (themes/*.css): what they declare, how a host overrides
 * them, what they follow (DSFR and its dark mode, the Québec SDG tokens), and
 * the WCAG 2.1 AA contrast of every text/background pair the widgets use,
 * read from the computed `--_*` shorthands inside a widget's shadow root.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { html as litHtml, unsafeCSS } from 'lit';
import { CampusElement } from '../src/core/campus-element.js';
import { tokens } from '../src/core/theme.js';

const SHORTHANDS = [
  'text',
  'title',
  'mention',
  'bg',
  'bg-alt',
  'bg-contrast',
  'action',
  'action-hover',
  'on-action',
  'border',
  'border-plain',
  'tag-bg',
  'tag-text',
  'error',
  'success',
  'warning',
  'info',
  'focus',
] as const;
type Shorthand = (typeof SHORTHANDS)[number];

/** A widget that shows one element per colour shorthand, coloured with it. */
class ThemeProbe extends CampusElement {
  static override styles = [
    tokens,
    unsafeCSS(SHORTHANDS.map((name) => `[data-token='${name}'] { color: var(--_${name}); }`).join('\n')),
  ];

  protected renderContent() {
    return litHtml`${SHORTHANDS.map((name) => litHtml`<i data-token=${name}>${name}</i>`)}`;
  }
}
customElements.define('theme-probe', ThemeProbe);

const THEMES = ['dsfr', 'quebec', 'neutral'] as const;
type Theme = (typeof THEMES)[number];

const sources = new Map<Theme, string>();
async function source(theme: Theme): Promise<string> {
  if (!sources.has(theme)) {
    const response = await fetch(`/themes/${theme}.css`);
    expect(response.ok, `themes/${theme}.css`).to.be.true;
    sources.set(theme, await response.text());
  }
  return sources.get(theme)!;
}

/** Adds a style sheet to the page's head; removed after each test. */
function addStyle(text: string, where: 'append' | 'prepend' = 'append'): void {
  const style = document.createElement('style');
  style.dataset.themeTest = '';
  style.textContent = text;
  document.head[where](style);
}

async function loadTheme(theme: Theme): Promise<void> {
  addStyle(await source(theme));
}

async function probe(): Promise<ThemeProbe> {
  const el = await fixture<ThemeProbe>(html`<theme-probe></theme-probe>`);
  await el.updateComplete;
  return el;
}

type Rgb = [number, number, number];

function parseColor(value: string): Rgb {
  const match = value.match(/^rgba?\(\s*([\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)(?:\s*[,/]\s*([\d.]+%?))?\s*\)$/);
  if (!match) throw new Error(`Unreadable colour: ${value}`);
  if (match[4] !== undefined && parseFloat(match[4]) < (match[4].endsWith('%') ? 100 : 1)) {
    throw new Error(`Colour not opaque: ${value}`);
  }
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}

function colours(el: ThemeProbe): Record<Shorthand, Rgb> {
  const out = {} as Record<Shorthand, Rgb>;
  for (const name of SHORTHANDS) {
    const node = el.shadowRoot!.querySelector(`[data-token='${name}']`)!;
    out[name] = parseColor(getComputedStyle(node).color);
  }
  return out;
}

const hex = ([r, g, b]: Rgb) => `#${[r, g, b].map((c) => c.toString(16).padStart(2, '0')).join('')}`;

/** WCAG 2.x relative luminance and contrast ratio. */
function luminance([r, g, b]: Rgb): number {
  const lin = (c: number) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}
function contrast(a: Rgb, b: Rgb): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

/** Every foreground/background pair the widgets draw, with its AA minimum. */
const PAIRS: Array<[Shorthand, Shorthand, number]> = [
  ...(['text', 'title', 'mention', 'action', 'error', 'success', 'warning', 'info'] as const).flatMap(
    (fg) => (['bg', 'bg-alt'] as const).map((bg): [Shorthand, Shorthand, number] => [fg, bg, 4.5]),
  ),
  // Fields, badges and placeholders sit on the contrast background.
  ['text', 'bg-contrast', 4.5],
  ['title', 'bg-contrast', 4.5],
  ['mention', 'bg-contrast', 4.5],
  ['tag-text', 'tag-bg', 4.5],
  ['on-action', 'action', 4.5],
  ['on-action', 'action-hover', 4.5],
  // Non-text: the focus ring, the fields' border, a button's outline.
  ['focus', 'bg', 3],
  ['focus', 'bg-alt', 3],
  ['border-plain', 'bg', 3],
  ['action', 'bg', 3],
];

const CASES: Array<{ name: string; theme: Theme; dark?: boolean }> = [
  { name: 'dsfr (clair)', theme: 'dsfr' },
  { name: 'dsfr (sombre)', theme: 'dsfr', dark: true },
  { name: 'quebec', theme: 'quebec' },
  { name: 'neutral', theme: 'neutral' },
];

afterEach(() => {
  for (const style of document.querySelectorAll('style[data-theme-test]')) style.remove();
  document.documentElement.removeAttribute('data-fr-theme');
});

describe('themes: contrast (WCAG 2.1 AA)', () => {
  for (const { name, theme, dark } of CASES) {
    it(`${name}: every text pair reaches 4.5:1, the focus ring and fields' border 3:1`, async () => {
      await loadTheme(theme);
      if (dark) document.documentElement.setAttribute('data-fr-theme', 'dark');
      const c = colours(await probe());
      const failures: string[] = [];
      const lines: string[] = [];
      for (const [fg, bg, min] of PAIRS) {
        const ratio = contrast(c[fg], c[bg]);
        const line = `${fg} ${hex(c[fg])} / ${bg} ${hex(c[bg])}: ${ratio.toFixed(2)}:1 (min ${min})`;
        lines.push(line);
        if (ratio < min) failures.push(line);
      }
      console.log(`[themes] ${name}\n  ${lines.join('\n  ')}`);
      expect(failures, failures.join('\n')).to.deep.equal([]);
    });
  }
});

describe('themes: declarations', () => {
  const strip = (text: string) => text.replace(/\/\*[\s\S]*?\*\//g, '');

  it('declare only --campus-* custom properties, on :root with zero specificity', async () => {
    for (const theme of THEMES) {
      const text = strip(await source(theme));
      const blocks = [...text.matchAll(/([^{}]+)\{([^{}]*)\}/g)];
      expect(blocks.length, theme).to.be.greaterThan(0);
      for (const [, selector, body] of blocks) {
        expect(selector.trim(), `${theme} selector`).to.match(/^:where\(:root(\[data-fr-theme='dark'\])?\)$/);
        for (const declaration of body.split(';').map((d) => d.trim()).filter(Boolean)) {
          expect(declaration, `${theme}: ${declaration}`).to.match(/^--campus-[a-z-]+\s*:/);
        }
      }
    }
  });

  it('set every colour property the widgets read', async () => {
    const wanted = [...new Set(tokens.cssText.match(/--campus-color-[a-z-]+/g))];
    expect(wanted.length).to.be.greaterThan(10);
    for (const theme of THEMES) {
      const text = strip(await source(theme));
      for (const property of wanted) expect(text, `${theme} sets ${property}`).to.include(`${property}:`);
    }
  });
});

describe('themes: what they follow and how a host overrides them', () => {
  it('dsfr follows the page’s DSFR tokens, in light and dark mode', async () => {
    addStyle(`:root { --text-action-high-blue-france: rgb(1, 2, 3); --background-default-grey: rgb(250, 250, 240); }
      :root[data-fr-theme='dark'] { --text-action-high-blue-france: rgb(200, 201, 202); --background-default-grey: rgb(10, 11, 12); }`);
    await loadTheme('dsfr');
    const el = await probe();
    expect(colours(el).action).to.deep.equal([1, 2, 3]);
    expect(colours(el).bg).to.deep.equal([250, 250, 240]);
    document.documentElement.setAttribute('data-fr-theme', 'dark');
    expect(colours(el).action).to.deep.equal([200, 201, 202]);
    expect(colours(el).bg).to.deep.equal([10, 11, 12]);
  });

  it('dsfr switches to DSFR’s dark palette without DSFR’s CSS', async () => {
    await loadTheme('dsfr');
    const el = await probe();
    expect(hex(colours(el).bg)).to.equal('#ffffff');
    expect(hex(colours(el).action)).to.equal('#000091');
    document.documentElement.setAttribute('data-fr-theme', 'dark');
    const dark = colours(el);
    expect(hex(dark.bg)).to.equal('#161616');
    expect(hex(dark.text)).to.equal('#cecece');
    expect(hex(dark.title)).to.equal('#ffffff');
    expect(hex(dark.action)).to.equal('#8585f6');
    expect(hex(dark.border)).to.equal('#353535');
  });

  it('quebec follows the page’s SDG tokens, and falls back to the official values', async () => {
    await loadTheme('quebec');
    const el = await probe();
    expect(hex(colours(el).action)).to.equal('#095797');
    expect(hex(colours(el).text)).to.equal('#223654');
    expect(getComputedStyle(el).getPropertyValue('--_radius').trim()).to.equal('0');
    addStyle(`:root { --qc-color-blue-piv: rgb(1, 2, 3); --qc-color-text-primary: rgb(4, 5, 6); }`);
    expect(colours(el).action).to.deep.equal([1, 2, 3]);
    expect(colours(el).text).to.deep.equal([4, 5, 6]);
  });

  it('quebec uses the SDG content font when defined, else the page’s font', async () => {
    await loadTheme('quebec');
    const wrapper = await fixture<HTMLDivElement>(html`<div class="font-host"><theme-probe></theme-probe></div>`);
    addStyle(`.font-host { font-family: Georgia, serif; }`);
    const el = wrapper.querySelector('theme-probe')!;
    expect(getComputedStyle(el).fontFamily).to.equal(getComputedStyle(wrapper).fontFamily);
    addStyle(`:root { --qc-font-family-content: "Open Sans", sans-serif; }`);
    expect(getComputedStyle(el).fontFamily).to.match(/Open Sans/);
  });

  for (const theme of THEMES) {
    it(`${theme}: a host overrides on :root whatever the order, or on the element`, async () => {
      addStyle(`:root { --campus-color-action: rgb(9, 8, 7); }`, 'prepend');
      await loadTheme(theme);
      const el = await probe();
      expect(colours(el).action).to.deep.equal([9, 8, 7]);
      addStyle(`theme-probe { --campus-color-background: rgb(7, 8, 9); }`);
      expect(colours(el).bg).to.deep.equal([7, 8, 9]);
    });
  }
});
