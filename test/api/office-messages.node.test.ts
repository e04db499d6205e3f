/**
 * « Messages envoyés »: the campus reads every queued e-mail and what became
 * of it; the links' tokens are masked in production; only a failed delivery
 * may be sent again, and that is audited.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { post, trainerApplication } from './fixture.js';
import { ATN, CAMPUS, makeOffice, SECURE_ORIGIN, sendRequest } from '../support/oidc-office.js';

const TOKEN_LINK = /\/mes-demandes\/lien\/[A-Za-z0-9_-]{40,}/;

describe('office messages', () => {
  it('lists every message with filters, paging and the counts by status', async () => {
    const office = await makeOffice();
    const first = await sendRequest(office, { email: 'alice@example.gouv.fr' }, { confirm: false });
    await sendRequest(office, { email: 'bruno@example.gouv.fr' }, { confirm: false });
    assert.equal((await post(office.app, '/api/v1/trainer-applications', trainerApplication({ email: 'claire@example.gouv.fr' }))).status, 201);
    const campus = await office.as(CAMPUS);
    const list = async (q = '') => (await (await campus.get(`/office/api/messages${q}`)).json()) as {
      items: { recipient: string; kind: string; kindLabel: string; status: string; request: { reference: string } | null; retryable: boolean }[];
      total: number;
      counts: Record<string, number>;
      tokensMasked: boolean;
      sending: boolean;
    };
    const all = await list();
    assert.equal(all.total, 3);
    assert.deepEqual(all.items.map((m) => m.recipient).sort(), ['alice@example.gouv.fr', 'bruno@example.gouv.fr', 'claire@example.gouv.fr']);
    assert.equal(all.counts.pending, 3);
    assert.equal(all.tokensMasked, false);
    assert.equal(all.sending, false, 'no SMTP server in tests: messages wait in the outbox');
    assert.ok(all.items.every((m) => !m.retryable), 'a waiting message is not sent again by hand');
    assert.equal(all.items.find((m) => m.recipient === 'claire@example.gouv.fr')?.kindLabel, 'Candidature de formateur reçue');

    assert.deepEqual((await list('?kind=trainer_receipt')).items.map((m) => m.recipient), ['claire@example.gouv.fr']);
    assert.deepEqual((await list('?q=ALICE@example')).items.map((m) => m.recipient), ['alice@example.gouv.fr'], 'an address, case ignored');
    assert.deepEqual((await list(`?q=${first.reference.toLowerCase()}`)).items.map((m) => m.request?.reference), [first.reference], 'a reference');
    assert.equal((await list('?q=%25')).total, 0, 'a wildcard is a character');
    assert.equal((await list('?status=failed')).total, 0);
    assert.equal((await list('?status=nonsense')).total, 3, 'an unknown status is ignored');
    const paged = await (await campus.get('/office/api/messages?pageSize=2&page=2')).json();
    assert.equal(paged.items.length, 1);
  });

  it('shows a message as sent, with its links outside production', async () => {
    const office = await makeOffice();
    await sendRequest(office, { email: 'alice@example.gouv.fr' }, { confirm: false });
    const campus = await office.as(CAMPUS);
    const [item] = (await (await campus.get('/office/api/messages')).json()).items;
    const detail = await (await campus.get(`/office/api/messages/${item.id}`)).json();
    assert.equal(detail.kind, 'receipt');
    assert.match(detail.text, TOKEN_LINK, 'in development a newcomer can follow the demo’s links');
    assert.ok(detail.headers.some((h: { name: string }) => h.name === 'Auto-Submitted'));
    assert.equal((await campus.get('/office/api/messages/nope')).status, 404);
  });

  it('masks the links’ tokens in production, in the text and in the headers', async () => {
    const office = await makeOffice({ publicUrl: SECURE_ORIGIN, config: { production: true } });
    await sendRequest(office, { email: 'alice@example.gouv.fr' }, { confirm: false });
    const stored = await office.service.database.db.selectFrom('outbox').select(['id', 'text']).executeTakeFirstOrThrow();
    assert.match(stored.text, TOKEN_LINK, 'the message itself carries its link');
    const campus = await office.as(CAMPUS);
    const list = await (await campus.get('/office/api/messages')).json();
    assert.equal(list.tokensMasked, true);
    const detail = await (await campus.get(`/office/api/messages/${stored.id}`)).json();
    assert.doesNotMatch(JSON.stringify(detail), TOKEN_LINK);
    assert.match(detail.text, /\/mes-demandes\/lien\/••••••/);
  });

  it('sends a failed message again, audited; never one waiting, sent or erased', async () => {
    const office = await makeOffice();
    await sendRequest(office, { email: 'alice@example.gouv.fr' }, { confirm: false });
    const { db } = office.service.database;
    const { id } = await db.selectFrom('outbox').select('id').executeTakeFirstOrThrow();
    const campus = await office.as(CAMPUS);
    const retry = () => campus.post(`/office/api/messages/${id}/retry`);
    const waiting = await retry();
    assert.equal(waiting.status, 422);
    assert.match(waiting.headers.get('content-type') ?? '', /^application\/problem\+json/);

    await db.updateTable('outbox').set({ status: 'failed', attempts: 8, last_error: '550 mailbox unavailable' }).where('id', '=', id).execute();
    const listed = (await (await campus.get('/office/api/messages?status=failed')).json()).items;
    assert.deepEqual(listed.map((m: { id: string; retryable: boolean; lastError: string }) => [m.id, m.retryable, m.lastError]), [[id, true, '550 mailbox unavailable']]);
    const done = await retry();
    assert.equal(done.status, 200);
    const after = await done.json();
    assert.equal(after.status, 'pending');
    assert.equal(after.attempts, 0);
    assert.equal(after.lastError, null);
    const entry = await db.selectFrom('audit_log').selectAll().where('entity', '=', 'message').where('entity_id', '=', id).executeTakeFirstOrThrow();
    assert.equal(entry.action, 'retried');
    assert.equal(entry.actor_kind, 'staff');
    assert.ok(entry.actor_id);
    assert.equal((await retry()).status, 422, 'once queued again, it is no longer failed');

    await db.updateTable('outbox').set({ status: 'failed', erased_at: new Date().toISOString() }).where('id', '=', id).execute();
    assert.equal((await retry()).status, 422, 'an erased message is not sent again');
    assert.equal((await campus.post('/office/api/messages/nope/retry')).status, 404);
  });

  it('is the campus’s alone', async () => {
    const office = await makeOffice();
    await sendRequest(office, { email: 'alice@example.gouv.fr' }, { confirm: false });
    const partner = await office.as(ATN);
    assert.equal((await partner.get('/office/api/messages')).status, 403);
  });
});
