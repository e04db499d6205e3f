/**
 * The front end's module graph has no circle: a module is readable on its own,
 * and bundlers never meet a half-initialised one. Type-only imports count too
 * (a circle of types is still two modules that cannot be understood apart).
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, it } from 'node:test';

const SRC = resolve(import.meta.dirname, '../../src');

function modules(folder: string, found: string[] = []): string[] {
  for (const entry of readdirSync(folder)) {
    const path = join(folder, entry);
    if (statSync(path).isDirectory()) modules(path, found);
    else if (path.endsWith('.ts')) found.push(path);
  }
  return found;
}

/** The relative specifiers a module's text imports or re-exports: static, dynamic and type-only. */
const specifiersOf = (text: string): string[] =>
  [...text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^'"]*?from\s*'(\.[^']+)'|import\(\s*'(\.[^']+)'\s*\)/g)].map((m) => m[1] ?? m[2]);

/** The project modules a module imports, as absolute paths. */
const importsOf = (file: string): string[] =>
  specifiersOf(readFileSync(file, 'utf8')).map((s) => resolve(dirname(file), s.replace(/\.js$/, '.ts')));

describe('module graph of src/', () => {
  it('has no import circle', () => {
    const files = modules(SRC);
    const graph = new Map(files.map((f) => [f, importsOf(f)]));
    for (const [file, deps] of graph) for (const dep of deps) assert.ok(graph.has(dep), `${relative(SRC, file)} imports a missing module ${relative(SRC, dep)}`);
    const circles: string[] = [];
    const state = new Map<string, 'visiting' | 'done'>();
    const path: string[] = [];
    const visit = (file: string) => {
      state.set(file, 'visiting');
      path.push(file);
      for (const dep of graph.get(file) ?? []) {
        if (state.get(dep) === 'visiting') circles.push([...path.slice(path.indexOf(dep)), dep].map((f) => relative(SRC, f)).join(' → '));
        else if (!state.has(dep)) visit(dep);
      }
      path.pop();
      state.set(file, 'done');
    };
    for (const file of files) if (!state.has(file)) visit(file);
    assert.deepEqual(circles, []);
  });

  it('reads every kind of import (the check itself)', () => {
    const text = [
      "import { a } from './b.js';",
      "import type { T } from '../c/d.js';",
      'import {',
      '  x,',
      "} from './multi.js';",
      "export type { U } from './types.js';",
      "export * from './all.js';",
      "const lazy = import('./e.js');",
      "import { html } from 'lit';",
    ].join('\n');
    assert.deepEqual(specifiersOf(text), ['./b.js', '../c/d.js', './multi.js', './types.js', './all.js', './e.js']);
  });
});
