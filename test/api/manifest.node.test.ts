/**
 * The custom elements manifest and what is generated from it: the analyzer's
 * output is complete and leaks nothing internal, the documented types match
 * the code, the React/Vue types type-check against react 19 and vue 3.5, and
 * docs/public-api.md is what the code offers.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { WIDGET_NAMES } from '../../src/core/registry.js';

const ROOT = resolve(import.meta.dirname, '../..');

type Typed = { name: string; description?: string; type?: { text: string } };
type Member = Typed & {
  kind: 'field' | 'method';
  privacy?: string;
  static?: boolean;
  readonly?: boolean;
  attribute?: string;
  inheritedFrom?: { name: string };
};
type Attribute = Typed & { fieldName?: string; inheritedFrom?: { name: string } };
type Declaration = {
  kind: string;
  name: string;
  tagName?: string;
  customElement?: boolean;
  description?: string;
  superclass?: { name: string };
  members?: Member[];
  attributes?: Attribute[];
  events?: Typed[];
  slots?: Typed[];
  cssParts?: Typed[];
  cssProperties?: Typed[];
};
type Manifest = { modules: { path: string; declarations?: Declaration[]; exports?: { kind: string; name: string }[] }[] };

function run(args: string[], cwd = ROOT) {
  const result = spawnSync(process.execPath, args, { cwd, encoding: 'utf8' });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

let dir: string;
let manifest: Manifest;
let elements: { path: string; decl: Declaration }[];

before(() => {
  mkdirSync(join(ROOT, '.cache'), { recursive: true });
  dir = mkdtempSync(join(ROOT, '.cache', 'api-test-'));
  const cem = run(['node_modules/@custom-elements-manifest/analyzer/cem.js', 'analyze', '--quiet', '--outdir', relative(ROOT, dir)]);
  assert.equal(cem.status, 0, cem.output);
  manifest = JSON.parse(readFileSync(join(dir, 'custom-elements.json'), 'utf8'));
  elements = manifest.modules.flatMap((mod) =>
    (mod.declarations ?? []).filter((d) => d.customElement && d.tagName).map((decl) => ({ path: mod.path, decl })),
  );
});

after(() => rmSync(dir, { recursive: true, force: true }));

const byTag = (tag: string) => elements.find((e) => e.decl.tagName === tag)!.decl;
const missing = (items: Typed[] | undefined, key: 'description' | 'type') =>
  (items ?? []).filter((i) => (key === 'type' ? !i.type?.text : !i.description?.trim())).map((i) => i.name);

describe('custom-elements.json', () => {
  it('lists exactly the five widgets, each in its own module, and nothing else with a tag', () => {
    assert.deepEqual(elements.map((e) => e.decl.tagName).sort(), [...WIDGET_NAMES].sort());
    for (const { path, decl } of elements) assert.equal(path, `src/${decl.tagName}/${decl.tagName}.ts`);
    // The prefixed sets' subclasses (registry.ts) are anonymous: no declaration of their own.
    const registry = manifest.modules.find((m) => m.path === 'src/core/registry.ts');
    assert.ok(!registry?.declarations?.some((d) => d.kind === 'class'));
    const defined = manifest.modules.find((m) => m.path === 'src/define.ts')?.exports ?? [];
    assert.deepEqual(defined.filter((e) => e.kind === 'custom-element-definition').map((e) => e.name).sort(), [...WIDGET_NAMES].sort());
  });

  it('resolves inheritance: the base class API is on every element', () => {
    for (const { decl } of elements) {
      const attr = decl.attributes?.find((a) => a.name === 'api-base');
      assert.ok(attr, `${decl.tagName}: api-base`);
      assert.equal(attr.fieldName, 'apiBase');
      for (const name of ['apiBase', 'resolvedApiBase', 'localeReady']) {
        assert.ok(decl.members?.some((m) => m.name === name), `${decl.tagName}: ${name}`);
      }
    }
    for (const tag of ['enrol-form', 'trainer-signup']) {
      const decl = byTag(tag);
      assert.ok(decl.attributes?.some((a) => a.name === 'timeout' && a.inheritedFrom?.name === 'CampusForm'), `${tag}: timeout`);
      for (const name of ['submit', 'showReceipt', 'focusField']) assert.ok(decl.members?.some((m) => m.name === name), `${tag}: ${name}()`);
    }
    assert.match(JSON.stringify(byTag('enrol-form').members?.find((m) => m.name === 'showReceipt')), /EnrolmentReceipt/);
  });

  it('leaks nothing private, protected or internal', () => {
    for (const mod of manifest.modules) {
      for (const decl of mod.declarations ?? []) {
        for (const m of decl.members ?? []) {
          assert.ok(
            !m.privacy || m.privacy === 'public',
            `${decl.name}.${m.name} is ${m.privacy}`,
          );
          assert.ok(!/^[#_]/.test(m.name), `${decl.name}.${m.name}`);
        }
      }
    }
    for (const { decl } of elements) {
      for (const name of ['i18n', 'api', 'renderContent', 'tagOf', 'configChanged', 'user', 'openPanels', 'values', 'phase']) {
        assert.ok(!decl.members?.some((m) => m.name === name), `${decl.tagName}: ${name} is internal`);
      }
    }
  });

  it('documents and types every attribute, property, event, slot, part and custom property', () => {
    for (const { decl } of elements) {
      const tag = decl.tagName;
      assert.ok(decl.description?.trim(), `${tag}: description`);
      const fields = (decl.members ?? []).filter((m) => m.kind === 'field' && !m.static);
      assert.deepEqual(missing(decl.attributes, 'description'), [], `${tag}: attributes without a description`);
      assert.deepEqual(missing(decl.attributes, 'type'), [], `${tag}: attributes without a type`);
      assert.deepEqual(missing(fields, 'description'), [], `${tag}: properties without a description`);
      assert.deepEqual(missing(fields, 'type'), [], `${tag}: properties without a type`);
      assert.deepEqual(missing(decl.events, 'description'), [], `${tag}: events without a description`);
      assert.deepEqual(missing(decl.slots, 'description'), [], `${tag}: slots without a description`);
      assert.deepEqual(missing(decl.cssParts, 'description'), [], `${tag}: parts without a description`);
      assert.deepEqual(missing(decl.cssProperties, 'description'), [], `${tag}: custom properties without a description`);
      for (const event of decl.events ?? []) {
        assert.match(event.name, /^campus-[a-z-]+$/, `${tag}: event name`);
        assert.match(event.type?.text ?? '', /^CustomEvent<.+>$/s, `${tag}: ${event.name} detail type`);
      }
      for (const part of decl.cssParts ?? []) assert.match(part.name, /^[a-z]+(-[a-z]+)*$/, `${tag}: part ${part.name}`);
      for (const prop of decl.cssProperties ?? []) assert.match(prop.name, /^--campus-[a-z-]+$/, `${tag}: ${prop.name}`);
      assert.ok((decl.cssParts ?? []).length > 0 && (decl.cssProperties ?? []).length > 0, `${tag}: parts and custom properties`);
    }
    assert.deepEqual(byTag('catalogue-list').slots?.map((s) => s.name), ['header']);
  });

  it('documents the parts, events and attributes the element code uses', () => {
    for (const { decl } of elements) {
      const folder = join(ROOT, 'src', decl.tagName!);
      const source = readdirSync(folder)
        .filter((f) => f.endsWith('.ts') && !f.endsWith('.styles.ts'))
        .map((f) => readFileSync(join(folder, f), 'utf8'))
        .join('\n');
      const parts = new Set((decl.cssParts ?? []).map((p) => p.name));
      for (const [, list] of source.matchAll(/\bpart(?:="|: ')([a-z -]+)["']/g)) {
        for (const part of list.split(' ').filter(Boolean)) assert.ok(parts.has(part), `${decl.tagName}: part "${part}" is not documented`);
      }
      const events = new Set((decl.events ?? []).map((e) => e.name));
      for (const [, name] of source.matchAll(/\bemit\(this, '([a-z-]+)'/g)) {
        assert.ok(events.has(name), `${decl.tagName}: event "${name}" is not documented`);
      }
      const attributes = new Set((decl.attributes ?? []).map((a) => a.name));
      for (const [, name] of source.matchAll(/@property\(\{[^}]*attribute: '([a-z-]+)'/g)) {
        assert.ok(attributes.has(name), `${decl.tagName}: attribute "${name}" is not in the manifest`);
      }
    }
  });
});

/** Where each exported type of src/ is declared, to import the names a documented type uses. */
function exportedTypes(): Map<string, string> {
  const found = new Map<string, string>();
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder)) {
      const path = join(folder, entry);
      if (statSync(path).isDirectory()) walk(path);
      else if (path.endsWith('.ts')) {
        const text = readFileSync(path, 'utf8');
        for (const [, name] of text.matchAll(/^export\s+(?:declare\s+)?(?:abstract\s+)?(?:type|interface|class)\s+([A-Za-z_]\w*)/gm)) {
          if (!found.has(name)) found.set(name, path);
        }
      }
    }
  };
  walk(join(ROOT, 'src'));
  return found;
}

describe('generated types and editor data', () => {
  it('React 19 JSX and Vue 3.5 types type-check, and the documented types are the code\'s', () => {
    const gen = run(['scripts/manifest.mjs', '--manifest', join(dir, 'custom-elements.json'), '--out', join(dir, 'out'), '--import-base', `${relative(join(dir, 'out', 'types'), join(ROOT, 'src'))}/`]);
    assert.equal(gen.status, 0, gen.output);
    // As .ts files, so that the project's skipLibCheck does not skip their own checking.
    for (const name of ['jsx', 'vue']) renameSync(join(dir, 'out', 'types', `${name}.d.ts`), join(dir, 'out', 'types', `${name}.ts`));
    const check = join(dir, 'check');
    mkdirSync(check);
    const src = relative(check, join(ROOT, 'src'));
    const exported = exportedTypes();
    const imports = new Map<string, string>();
    const lines: string[] = [];
    const same = (a: string, b: string, what: string) => lines.push(`expect<Same<${a}, ${b}>>(true); // ${what}`);
    for (const { path, decl } of elements) {
      imports.set(decl.name, join(ROOT, path));
      for (const attr of decl.attributes ?? []) {
        if (attr.fieldName) same(`NonNullable<${decl.name}['${attr.fieldName}']>`, attr.type!.text, `${decl.tagName} ${attr.name}`);
      }
      for (const event of decl.events ?? []) {
        for (const [name] of event.type!.text.matchAll(/\b[A-Z]\w*\b/g)) {
          if (name === 'CustomEvent') continue;
          assert.ok(exported.has(name), `${decl.tagName} ${event.name}: type ${name} is not exported from src/`);
          imports.set(name, exported.get(name)!);
        }
        same(`HTMLElementEventMap['${event.name}']`, event.type!.text, `${decl.tagName} ${event.name}`);
      }
    }
    const importLines = [...imports].map(
      ([name, file]) => `import type { ${name} } from '${relative(check, file).replace(/\.ts$/, '.js')}';`,
    );
    writeFileSync(
      join(check, 'documented.ts'),
      [
        ...importLines,
        'type Same<A, B> = (<T>() => T extends A ? 1 : 2) extends (<T>() => T extends B ? 1 : 2) ? true : false;',
        'declare function expect<T extends true>(value: T): void;',
        ...lines,
        '',
      ].join('\n'),
    );
    writeFileSync(
      join(check, 'react.tsx'),
      `import type { Course } from '${src}/api/schemas.js';
export const ok = (course: Course) => (
  <>
    <catalogue-list expertise="data" sort="title" page-size={24} hide-filters api-base="https://example.org/api" className="x"
      oncampus-course-select={(e) => e.detail.course.id} oncampus-filters-change={(e) => e.detail.sort} oncampus-load={(e) => e.detail.total} />
    <course-card course={course} course-id="a" heading-level={2} ref={(el) => { void el?.shownCourse; }}
      oncampus-course-select={(e) => { e.preventDefault(); void e.detail.course.title; }} />
    <course-detail course-id="x" oncampus-enrol-success={(e) => e.detail} oncampus-error={(e) => e.detail.message} />
    <enrol-form course-id="x" timeout={5000} oncampus-enrol-submit={(e) => e.detail} />
    <trainer-signup skills="ia" oncampus-trainer-error={(e) => e.detail.error} />
  </>
);
// @ts-expect-error: sort takes the documented values only
export const badSort = <catalogue-list sort="nope" />;
// @ts-expect-error: the detail is typed
export const badDetail = <course-card oncampus-course-select={(e) => e.detail.nope} />;
// @ts-expect-error: headingLevel is a number
export const badLevel = <course-card headingLevel="2" />;
`,
    );
    writeFileSync(
      join(check, 'vue.ts'),
      `import type { GlobalComponents } from 'vue';
type Props<K extends keyof GlobalComponents> = InstanceType<GlobalComponents[K]>['$props'];
export const list: Props<'catalogue-list'> = { expertise: 'data', sort: 'title', pageSize: 3, hideFilters: true, apiBase: 'x', class: 'a' };
export const card: Props<'course-card'> = { courseId: 'a', course: undefined, headingLevel: 2 };
declare const el: InstanceType<GlobalComponents['course-card']>;
el.$emit('campus-course-select', new CustomEvent('campus-course-select', { detail: { course: {} as never } }));
// @ts-expect-error: not one of its events
el.$emit('campus-nope', new Event('x'));
// @ts-expect-error: documented values only
export const bad: Props<'catalogue-list'> = { sort: 'nope' };
`,
    );
    writeFileSync(
      join(check, 'tsconfig.json'),
      JSON.stringify({
        extends: relative(check, join(ROOT, 'tsconfig.json')),
        compilerOptions: { jsx: 'react-jsx', types: [], noEmit: true },
        include: ['*.ts', '*.tsx', '../out/types/*.ts'],
      }),
    );
    const tsc = run([join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', join(check, 'tsconfig.json')]);
    assert.equal(tsc.status, 0, tsc.output);
  });

  it('VS Code custom data: every tag, enumerations and boolean attributes', () => {
    const data = JSON.parse(readFileSync(join(dir, 'out', 'vscode.html-custom-data.json'), 'utf8'));
    assert.equal(data.version, 1.1);
    assert.deepEqual(data.tags.map((t: { name: string }) => t.name).sort(), [...WIDGET_NAMES].sort());
    const list = data.tags.find((t: { name: string }) => t.name === 'catalogue-list');
    const attr = (name: string) => list.attributes.find((a: { name: string }) => a.name === name);
    assert.deepEqual(attr('sort').values.map((v: { name: string }) => v.name), ['relevance', 'title', 'start', 'updated']);
    assert.equal(attr('hide-filters').valueSet, 'v');
    assert.match(list.description.value, /campus-course-select/);
  });

  it('docs/public-api.md is what the code offers (node scripts/api-report.mjs --check)', () => {
    const check = run(['scripts/api-report.mjs', '--check', '--manifest', join(dir, 'custom-elements.json')]);
    assert.equal(check.status, 0, check.output);
  });
});
