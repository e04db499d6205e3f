/**
 * The demo catalogue's French (issue 19): typographic apostrophes only, as in
 * the widgets' own texts, and the trainer vocabulary in inclusive words.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';

const DATA = new URL('../../server/data/', import.meta.url);

/** Every string of a JSON value, with its path. */
function* strings(value: unknown, path = ''): Generator<[string, string]> {
  if (typeof value === 'string') yield [path, value];
  else if (Array.isArray(value)) for (const [i, v] of value.entries()) yield* strings(v, `${path}[${i}]`);
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) yield* strings(v, `${path}.${k}`);
}

describe('the seed data’s French', () => {
  it('has no straight apostrophe in any text (« d’information », never « d\'information »)', () => {
    const found: string[] = [];
    for (const file of readdirSync(DATA).filter((f) => f.endsWith('.json'))) {
      for (const [path, text] of strings(JSON.parse(readFileSync(new URL(file, DATA), 'utf8')))) {
        if (text.includes("'")) found.push(`${file}${path}: ${text.slice(0, 80)}`);
      }
    }
    assert.deepEqual(found, []);
  });

  it('names trainers in inclusive words in the trainer form’s choices', () => {
    const vocabularies = JSON.parse(readFileSync(new URL('vocabularies.json', DATA), 'utf8')) as Record<string, { id: string; label: string }[]>;
    const labels = [...vocabularies.trainerStatuses, ...vocabularies.trainerIntents].map((t) => t.label);
    assert.ok(labels.includes('Formatrice ou formateur externe d’intérêt général'), labels.join(' | '));
    for (const label of labels) {
      // A masculine-only word for a person: « formateur », « agent », « accompagné » alone.
      assert.doesNotMatch(label, /(?<!formatrice ou )(?<!\p{L})formateur(?!\p{L})/iu, label);
      assert.doesNotMatch(label, /(?<!agente ou )(?<!\p{L})agent(?!\p{L})/iu, label);
      assert.doesNotMatch(label, /(?<!accompagnée ou )(?<!\p{L})accompagné(?!\p{L})/iu, label);
    }
  });
});
