/**
 * Every story of stories/*.stories.ts, rendered as Storybook renders it, so a
 * broken story fails CI (issue 7):
 *
 * - args: the component's, then the story's; loaders run first; the story's
 *   `render` (or the component's) is wrapped by the decorators (story's,
 *   component's, then .storybook/preview.ts's, which sets `lang` from the
 *   `locale` global: preview's initial value, or the story's own `globals`);
 * - the widgets settle: every Lit update done, then no `aria-busy="true"`,
 *   skeleton or sending button left anywhere in their shadow trees — except
 *   in a story whose API hangs or is delayed (Loading, Sending), where that
 *   busy state must show instead;
 * - the story's `play` runs (`{ canvasElement, args, … }`), then the widgets settle again;
 * - nothing throws: no uncaught error, no unhandled rejection, no render
 *   error caught by a widget (`console.error('[campus-widgets]', …)`);
 * - axe passes on the canvas.
 *
 * The stories reach the reference API at `/api` on the page's own origin:
 * web-test-runner.config.mjs mounts it there in test mode, as
 * .storybook/vite.config.ts does for Storybook.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { render as litRender } from 'lit';
import preview from '../.storybook/preview.js';
import { clearCache } from '../src/api/client.js';
import { sleep } from './helpers.js';
import * as catalogueList from '../stories/catalogue-list.stories.js';
import * as courseCard from '../stories/course-card.stories.js';
import * as courseDetail from '../stories/course-detail.stories.js';
import * as enrolForm from '../stories/enrol-form.stories.js';
import * as trainerSignup from '../stories/trainer-signup.stories.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- Storybook's args and context are untyped records here, as in Storybook's own types */
type Args = Record<string, any>;
type Context = Record<string, any> & { args: Args; globals: Args; parameters: Args; canvasElement: HTMLElement };
type StoryFn = (context: Context) => unknown;
type Decorator = (story: () => unknown, context: Context) => unknown;
interface Annotations {
  args?: Args;
  globals?: Args;
  parameters?: Args;
  decorators?: Decorator | Decorator[];
  loaders?: ((context: Context) => unknown) | ((context: Context) => unknown)[];
  render?: (args: Args, context: Context) => unknown;
  play?: (context: Context) => unknown;
}
interface StoryAnnotations extends Annotations {
  name?: string;
  storyName?: string;
}
interface MetaAnnotations extends Annotations {
  title?: string;
  component?: string;
  includeStories?: string[] | RegExp;
  excludeStories?: string[] | RegExp;
}
type CsfModule = Record<string, unknown> & { default: unknown };

/** Every stories/*.stories.ts file (the browser cannot list the folder: add a new one here). */
const MODULES: Record<string, CsfModule> = {
  'catalogue-list': catalogueList,
  'course-card': courseCard,
  'course-detail': courseDetail,
  'enrol-form': enrolForm,
  'trainer-signup': trainerSignup,
};

const project = preview as unknown as Annotations & { initialGlobals?: Args };
const asList = <T>(x: T | T[] | undefined): T[] => (x === undefined ? [] : Array.isArray(x) ? x : [x]);

/** What shows a widget still at work: a loading region, a skeleton, a form sending. */
const BUSY = '[aria-busy="true"], .skeleton, [part~="skeleton"], button[type="submit"][aria-disabled="true"]';
const SETTLE_TIMEOUT = 10000;

type Updating = Element & { updateComplete?: Promise<unknown> };

/** Elements under `root`, through every open shadow root. */
function deepElements(root: ParentNode): Element[] {
  const out: Element[] = [];
  const walk = (node: ParentNode) => {
    for (const el of node.querySelectorAll('*')) {
      out.push(el);
      if (el.shadowRoot) walk(el.shadowRoot);
    }
  };
  walk(root);
  return out;
}

const busyElements = (root: ParentNode) => deepElements(root).filter((el) => el.matches(BUSY));
const describeEl = (el: Element) =>
  `<${el.localName}${[...el.attributes].map((a) => ` ${a.name}="${a.value}"`).join('')}> in <${(el.getRootNode() as ShadowRoot).host?.localName ?? 'document'}>`;

async function updatesDone(root: ParentNode): Promise<void> {
  // An update may start others (a list rendering its cards): go round until none is pending.
  for (let i = 0; i < 10; i++) {
    const pending = deepElements(root).filter((el): el is Updating & { isUpdatePending: boolean } => (el as any).isUpdatePending === true);
    await Promise.all(deepElements(root).map((el) => (el as Updating).updateComplete));
    if (!pending.length) return;
  }
}


/** Waits until nothing is busy for two polls in a row. */
async function settle(root: HTMLElement, label: string): Promise<void> {
  const start = performance.now();
  let quiet = 0;
  for (;;) {
    await updatesDone(root);
    const busy = busyElements(root);
    quiet = busy.length ? 0 : quiet + 1;
    if (quiet >= 2) return;
    if (performance.now() - start > SETTLE_TIMEOUT) {
      throw new Error(`${label}: still busy after ${SETTLE_TIMEOUT / 1000} s: ${busy.slice(0, 3).map(describeEl).join(', ')}`);
    }
    await sleep(50);
  }
}

/** In a story whose API hangs or is slow, waits until its busy state shows. */
async function showsBusy(root: HTMLElement, label: string): Promise<void> {
  const start = performance.now();
  for (;;) {
    await updatesDone(root);
    if (busyElements(root).length) return;
    if (performance.now() - start > SETTLE_TIMEOUT) throw new Error(`${label}: the loading state never showed`);
    await sleep(50);
  }
}

function isStoryExport(meta: MetaAnnotations, key: string): boolean {
  if (key === 'default' || key === '__namedExportsOrder') return false;
  const matches = (rule: string[] | RegExp | undefined) => (Array.isArray(rule) ? rule.includes(key) : rule?.test(key));
  if (meta.includeStories && !matches(meta.includeStories)) return false;
  if (meta.excludeStories && matches(meta.excludeStories)) return false;
  return true;
}

/** A story whose API never answers, or answers late: its busy state is what it shows. */
const expectsBusy = (args: Args) => typeof args.apiBase === 'string' && /(^|[/,])(hang|delay=)/.test(args.apiBase);

interface Run {
  errors: string[];
  stop(): void;
}

/** Collects what a story throws into the page, and render errors the widgets catch. */
function watchErrors(): Run {
  const errors: string[] = [];
  const onError = (e: ErrorEvent) => {
    errors.push(`uncaught error: ${e.message}`);
    e.preventDefault();
  };
  const onRejection = (e: PromiseRejectionEvent) => {
    errors.push(`unhandled rejection: ${e.reason instanceof Error ? `${e.reason.name}: ${e.reason.message}` : String(e.reason)}`);
    e.preventDefault();
  };
  const consoleError = console.error;
  console.error = (...args: unknown[]) => {
    if (args[0] === '[campus-widgets]') errors.push(`caught by a widget: ${args.slice(1).map(String).join(' ')}`);
    consoleError.apply(console, args);
  };
  window.addEventListener('error', onError);
  window.addEventListener('unhandledrejection', onRejection);
  return {
    errors,
    stop() {
      window.removeEventListener('error', onError);
      window.removeEventListener('unhandledrejection', onRejection);
      console.error = consoleError;
    },
  };
}

async function runStory(meta: MetaAnnotations, story: StoryAnnotations, label: string): Promise<void> {
  const args: Args = { ...project.args, ...meta.args, ...story.args };
  const globals: Args = { ...project.initialGlobals, ...meta.globals, ...story.globals };
  const parameters: Args = { ...project.parameters, ...meta.parameters, ...story.parameters };
  // A story may name its locale as a parameter too; the toolbar's global is what Storybook uses.
  if (parameters.locale && !story.globals?.locale) globals.locale = parameters.locale;

  const canvasElement = await fixture<HTMLDivElement>(html`<div class="story-canvas"></div>`);
  const context: Context = {
    id: label,
    name: story.name ?? story.storyName,
    title: meta.title,
    component: meta.component,
    args,
    initialArgs: { ...args },
    argTypes: {},
    globals,
    parameters,
    viewMode: 'story',
    loaded: {},
    canvasElement,
    step: async (_name: string, fn: () => unknown) => fn(),
  };

  const loaders = [...asList(project.loaders), ...asList(meta.loaders), ...asList(story.loaders)];
  const loaded = await Promise.all(loaders.map((loader) => loader(context)));
  context.loaded = Object.assign({}, ...loaded.filter((l) => l && typeof l === 'object'));

  const renderer = story.render ?? meta.render ?? project.render;
  if (!renderer) throw new Error(`${label}: no render function`);
  const storyFn: StoryFn = (ctx) => renderer(ctx.args, ctx);
  // Storybook's order: the story's decorators innermost, then the component's, then the project's.
  const decorators = [...asList(story.decorators), ...asList(meta.decorators), ...asList(project.decorators)];
  const decorated = decorators.reduce<StoryFn>((inner, decorator) => (ctx) => decorator(() => inner(ctx), ctx), storyFn);

  const output = decorated(context);
  if (typeof output === 'string') canvasElement.innerHTML = output;
  else if (output instanceof Node) canvasElement.append(output);
  else litRender(output, canvasElement);

  const busyStory = expectsBusy(args);
  if (story.play) {
    await settle(canvasElement, `${label} (before play)`);
    await story.play(context);
  }
  if (busyStory) await showsBusy(canvasElement, label);
  else await settle(canvasElement, story.play ? `${label} (after play)` : label);

  // Every element the story shows is defined (a missing registration renders nothing).
  const undefinedTags = deepElements(canvasElement)
    .filter((el) => el.localName.includes('-') && !customElements.get(el.localName))
    .map((el) => el.localName);
  expect(undefinedTags, `${label}: elements never defined`).to.deep.equal([]);

  await expect(canvasElement).to.be.accessible();
}

describe('stories', function () {
  this.timeout(40000);

  let href = '';
  let run: Run | undefined;
  beforeEach(() => {
    href = location.href;
    // Drafts an earlier story left are removed by preview.ts's loader, as in Storybook;
    // the page-wide cache is emptied so each story's requests are its own.
    clearCache();
    run = watchErrors();
  });
  afterEach(() => {
    run?.stop();
    // sync-url stories write the page URL.
    if (location.href !== href) history.replaceState(history.state, '', href);
  });

  it('reaches the reference API, in test mode, on the page\'s own origin', async () => {
    const status = async (path: string) => (await fetch(path, { cache: 'no-store' })).status;
    expect(await status('/api/v1/courses?pageSize=1'), '/api/v1').to.equal(200);
    // A fault that does not apply would make every fault story show something else.
    expect(await status('/test/status=500/api/v1/courses?pageSize=1'), 'a fault path').to.equal(500);
    expect(await status('/test/status=500,only=enrolments/api/v1/courses?pageSize=1'), 'a fault for another endpoint').to.equal(200);
  });

  for (const [file, mod] of Object.entries(MODULES)) {
    const meta = mod.default as MetaAnnotations;
    describe(`${meta.title ?? file} (stories/${file}.stories.ts)`, () => {
      const keys = Array.isArray(mod.__namedExportsOrder) ? (mod.__namedExportsOrder as string[]) : Object.keys(mod);
      for (const key of keys.filter((k) => isStoryExport(meta, k))) {
        const exported = mod[key];
        // CSF2 stories are functions: their render is the function itself.
        const story: StoryAnnotations =
          typeof exported === 'function' ? { ...(exported as any), render: exported as any } : (exported as StoryAnnotations);
        const label = `${file} › ${key}${story.name ? ` (${story.name})` : ''}`;
        it(label, async () => {
          await runStory(meta, story, label);
          expect(run!.errors, `${label}: errors`).to.deep.equal([]);
        });
      }
    });
  }
});
