/**
 * The hostile corpus (test/support/hostile.ts) served under `data=hostile`, and
 * the CSV export of it: every cell a spreadsheet would read as a formula
 * (`=`, `+`, `-`, `@`, tab, CR first) is neutralised, and the file stays
 * valid CSV whatever the cells hold (quotes, semicolons, line breaks).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CSV_HEADER, csvCell } from '../../server/csv.js';
import { HOSTILE_IDS, hostileSeed, PAYLOADS, UNSHOWABLE_COURSES } from '../support/hostile.js';
import { Course } from '../../src/api/schemas.js';
import { get, json, makeApp } from './fixture.js';

const { app } = await makeApp({ harness: true });
const HOSTILE = '/test/data=hostile/api/v1';

const FORMULA_START = /^[=+\-@\t\r]/;

/** RFC 4180 with `;`: every record, every field unquoted; throws on anything malformed. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let i = 0;
  const n = text.length;
  for (;;) {
    let field = '';
    if (text[i] === '"') {
      i++;
      for (;;) {
        if (i >= n) throw new Error('unterminated quoted field');
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        field += text[i++];
      }
      if (i < n && text[i] !== ';' && text[i] !== '\r') throw new Error(`character after a closing quote at ${i}: ${JSON.stringify(text.slice(i, i + 20))}`);
    } else {
      while (i < n && text[i] !== ';' && text[i] !== '\r' && text[i] !== '\n') {
        if (text[i] === '"') throw new Error(`bare quote in an unquoted field at ${i}`);
        field += text[i++];
      }
      if (text[i] === '\n') throw new Error(`bare LF outside quotes at ${i}`);
    }
    record.push(field);
    if (i >= n) throw new Error('the last record does not end with CRLF');
    if (text[i] === ';') {
      i++;
      continue;
    }
    if (text[i] !== '\r' || text[i + 1] !== '\n') throw new Error(`bare CR outside quotes at ${i}`);
    i += 2;
    records.push(record);
    record = [];
    if (i >= n) return records;
  }
}

async function hostileCsv(query = ''): Promise<{ response: Response; text: string; rows: string[][] }> {
  const response = await get(app, `${HOSTILE}/courses.csv${query}`);
  // response.text() would drop the BOM: decode the bytes keeping it.
  const text = new TextDecoder('utf-8', { ignoreBOM: true, fatal: true }).decode(await response.arrayBuffer());
  assert.ok(text.startsWith('\uFEFF'), 'UTF-8 BOM first');
  return { response, text, rows: parseCsv(text.slice(1)) };
}

describe('hostile corpus (data=hostile)', () => {
  it('is served instead of the seed, raw, with its unshowable records', async () => {
    const page = await json(get(app, `${HOSTILE}/courses?pageSize=100`));
    const ids = page.items.map((c: { id?: unknown }) => c?.id);
    assert.ok(ids.includes(HOSTILE_IDS.script));
    // The raw values a compromised upstream would send, not the normalised ones.
    const script = page.items.find((c: { id?: unknown }) => c?.id === HOSTILE_IDS.script);
    assert.equal(script.imageUrl, PAYLOADS.jsUrl);
    assert.equal(script.enrolment.url, PAYLOADS.jsUrl);
    const unreadable = page.items.filter((c: unknown) => !Course.safeParse(c).success);
    assert.equal(unreadable.length, UNSHOWABLE_COURSES.length);
    // Only the first page carries them.
    const second = await json(get(app, `${HOSTILE}/courses?page=2&pageSize=12`));
    assert.ok(second.items.every((c: unknown) => Course.safeParse(c).success));
  });

  it('answers every read endpoint', async () => {
    for (const path of [
      '/vocabularies',
      '/expertises',
      '/audiences',
      '/organisations',
      `/courses/${HOSTILE_IDS.sessions}`,
      `/courses/${HOSTILE_IDS.sessions}/sessions`,
      `/privacy-notices/${HOSTILE_IDS.notice}`,
      `/privacy-notices/${HOSTILE_IDS.trainerNotice}`,
    ]) {
      const response = await get(app, HOSTILE + path);
      assert.equal(response.status, 200, path);
      assert.match(response.headers.get('Content-Type') ?? '', /^application\/json/, path);
    }
    const sessions = await json(get(app, `${HOSTILE}/courses/${HOSTILE_IDS.sessions}/sessions`));
    assert.ok(sessions.items.some((s: { id?: unknown }) => s && typeof s === 'object' && !('id' in s)), 'a session without id is sent');
    assert.equal((await get(app, `${HOSTILE}/courses/h-absent`)).status, 404);
  });

  it('still takes the other modifiers (faults) around it', async () => {
    assert.equal((await get(app, '/test/data=hostile,status=503/api/v1/courses')).status, 503);
  });

  it('does not exist in the service itself', async () => {
    const plain = (await makeApp()).app;
    assert.equal((await get(plain, `${HOSTILE}/courses`)).status, 404);
  });
});

describe('CSV export of the hostile corpus', () => {
  it('neutralises every formula cell and stays valid CSV', async () => {
    const { response, rows } = await hostileCsv();
    assert.equal(response.status, 200);
    assert.match(response.headers.get('Content-Type') ?? '', /^text\/csv/);
    const [header, ...records] = rows;
    assert.deepEqual(header, [...CSV_HEADER]);
    const page = await json(get(app, `${HOSTILE}/courses?pageSize=1`));
    assert.equal(records.length, page.total, 'one record per showable course');
    let neutralised = 0;
    for (const record of records) {
      assert.equal(record.length, CSV_HEADER.length, `every record has ${CSV_HEADER.length} cells: ${JSON.stringify(record[0])}`);
      for (const cell of record) {
        assert.doesNotMatch(cell, FORMULA_START, `a cell starts like a formula: ${JSON.stringify(cell.slice(0, 60))}`);
        if (cell.startsWith("'") && FORMULA_START.test(cell.slice(1))) neutralised++;
      }
    }
    // Titles, summaries, objectives, durations, labels and organisation names of the corpus start with each character.
    assert.ok(neutralised >= 10, `formula cells neutralised: ${neutralised}`);
  });

  it('keeps each dangerous first character behind an apostrophe, the rest intact', async () => {
    const { rows } = await hostileCsv();
    const cells = rows.slice(1).flat();
    for (const value of [PAYLOADS.formula, PAYLOADS.formulaPlus, PAYLOADS.formulaMinus, PAYLOADS.formulaAt, PAYLOADS.formulaTab, PAYLOADS.formulaCr]) {
      assert.ok(cells.includes(`'${value}`), `neutralised as '${JSON.stringify(value)}`);
      assert.ok(!cells.includes(value), `never raw: ${JSON.stringify(value)}`);
    }
    for (const start of ['=', '+', '-', '@', '\t', '\r']) {
      assert.ok(
        cells.some((c) => c.startsWith(`'${start}`)),
        `a cell starting with ${JSON.stringify(start)} is in the corpus and neutralised`,
      );
    }
  });

  it('round-trips quotes, semicolons and line breaks inside cells', async () => {
    const { rows } = await hostileCsv();
    const byTitle = new Map(rows.slice(1).map((r) => [r[0], r]));
    const breaker = byTitle.get(PAYLOADS.csvBreaker);
    assert.ok(breaker, 'the title with quotes, a semicolon and line breaks is one cell');
    assert.equal(breaker[2], `'-${PAYLOADS.csvBreaker}`, 'summary: neutralised and intact');
    assert.equal(breaker[10], 'https://inscription.exemple.gouv.fr/a;b"c');
    const objectives = breaker[3];
    assert.equal(objectives, "'@a, +b, -c, =d", 'only the first character of a cell matters');
    const script = [...byTitle.values()].find((r) => r[0].includes('onerror'));
    assert.ok(script, 'the script title is kept as text');
  });

  it('neutralises the labels of vocabularies and organisations', async () => {
    const { rows } = await hostileCsv(`?q=${encodeURIComponent('HYPERLINK')}`);
    const record = rows.find((r) => r[0] === `'${PAYLOADS.formula}`);
    assert.ok(record, 'the formula course is exported');
    // Type, modes, audiences and expertises carry the formula label; provider and partner start with - and @.
    assert.equal(record[1], `'${PAYLOADS.formula}`);
    assert.equal(record[5], `'${PAYLOADS.formula}`);
    assert.equal(record[6], `'${PAYLOADS.formula}`);
    assert.equal(record[7], `'${PAYLOADS.formula}`);
    assert.equal(record[8], `'${PAYLOADS.formulaMinus}`);
    assert.equal(record[9], `'${PAYLOADS.formulaAt}`);
  });

  it('csvCell: each dangerous first character, and quoting', () => {
    for (const start of ['=', '+', '-', '@', '\t', '\r']) {
      const cell = csvCell(`${start}1+1`);
      const value = cell.startsWith('"') ? cell.slice(1, -1).replace(/""/g, '"') : cell;
      assert.equal(value, `'${start}1+1`, JSON.stringify(start));
    }
    assert.equal(csvCell('a;b'), '"a;b"');
    assert.equal(csvCell('a"b'), '"a""b"');
    assert.equal(csvCell('a\nb'), '"a\nb"');
    assert.equal(csvCell('=a;"b"'), `"'=a;""b"""`);
    assert.equal(csvCell('1-1'), '1-1');
  });

  it('covers a corpus whose dates stay in the future', () => {
    const seed = hostileSeed();
    const starts = (seed.sessions as unknown as { slots?: { start: string }[] }[]).flatMap((s) => (Array.isArray(s.slots) ? s.slots : [])).map((s) => Date.parse(s.start)).filter(Number.isFinite);
    assert.ok(starts.length > 0 && starts.every((t) => t > Date.now()));
  });
});
