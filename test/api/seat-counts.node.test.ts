/**
 * Seat counts on the public pages: read once and served from memory, on
 * both engines. A page of courses read again costs no query; this
 * instance's own request shows at once; another instance's within a second.
 * Whether a request gets a seat is never decided from these counts.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SEAT_COUNTS_MS } from '../../server/storage/sql-storage.js';
import { enrolment, get, json, makeApp, post } from './fixture.js';

const seatsLeft = async (app: Parameters<typeof get>[0], sessionId: string): Promise<number> => {
  const { items } = await json<{ items: { id: string; seatsLeft?: number }[] }>(get(app, '/api/v1/courses/piloter-donnee/sessions'));
  return items.find((s) => s.id === sessionId)!.seatsLeft!;
};

describe('seat counts of the public pages', () => {
  it('are read once: the same page again costs no query', async () => {
    let queries = 0;
    const { app } = await makeApp({ onQuery: () => void queries++ });
    await get(app, '/api/v1/courses?pageSize=48');
    const before = queries;
    const again = await get(app, '/api/v1/courses?pageSize=48');
    assert.equal(again.status, 200);
    assert.equal(queries, before, 'no query');
  });

  it("show this instance's request at once, another instance's within a second", async () => {
    const a = await makeApp();
    const b = await makeApp({ keepData: true, config: { dataDir: a.config.dataDir, databaseUrl: a.config.databaseUrl } });
    const start = await seatsLeft(a.app, 'data-1');
    assert.equal(start, 5);

    const own = await post(a.app, '/api/v1/enrolments', enrolment({ courseId: 'piloter-donnee', sessionId: 'data-1', managerEmail: 'chef@example.gouv.fr', email: 'a@example.gouv.fr' }));
    assert.equal(own.status, 201);
    assert.equal(await seatsLeft(a.app, 'data-1'), 4, 'at once');

    const other = await post(b.app, '/api/v1/enrolments', enrolment({ courseId: 'piloter-donnee', sessionId: 'data-1', managerEmail: 'chef@example.gouv.fr', email: 'b@example.gouv.fr' }));
    assert.equal(other.status, 201);
    assert.equal(await seatsLeft(b.app, 'data-1'), 3, 'at once on the instance that took it');
    await new Promise((resolve) => setTimeout(resolve, SEAT_COUNTS_MS + 100));
    assert.equal(await seatsLeft(a.app, 'data-1'), 3, 'within a second on the other');
  });
});
