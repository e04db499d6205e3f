/**
 * E-mails, received by a real SMTP server (smtp-server) and parsed
 * (mailparser, ical.js): each message of the lifecycle with its recipients,
 * language, subject, links, headers and invitation; the outbox's guarantees
 * (SMTP down then up, a crash between the data and the commit, two
 * instances); no relay for strangers (confirmation, expiry, three
 * unsolicited messages a day, nothing typed freely to a third party); header
 * injection from every text field.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import ICAL from 'ical.js';
import { confirmRequest, transition } from '../../server/lifecycle.js';
import { enqueueSessionChanged, enqueueTrainerMessage } from '../../server/mail/outbox.js';
import { sendDue, MAX_ATTEMPTS } from '../../server/mail/sender.js';
import { openDatabase } from '../../server/storage/database.js';
import type { Service } from '../../server/service.js';
import { postJson, startServiceProcess } from '../support/service-process.js';
import { startSmtpSink, type Received, type SmtpSink } from '../support/smtp-sink.js';
import { enrolment, json, makeApp, post, trainerApplication } from './fixture.js';

let sink: SmtpSink;
before(async () => {
  sink = await startSmtpSink();
});
after(() => sink.close());

const STAFF = { kind: 'staff' as const, id: 'staff-test' };
const textOf = (m: Received) => m.parsed.text ?? '';
const htmlOf = (m: Received) => (typeof m.parsed.html === 'string' ? m.parsed.html : '');
const header = (m: Received, name: string) => String(m.parsed.headers.get(name) ?? '');

/** A service sending to the sink, on a clock the test moves. */
async function mailService(start = Date.now()) {
  let now = start;
  const made = await makeApp({ config: { smtpUrl: sink.url, mailFrom: 'Campus du numérique public <campus@example.gouv.fr>' }, now: () => new Date(now) });
  sink.messages.length = 0;
  const service = made.service;
  return {
    ...made,
    advance: (ms: number) => void (now += ms),
    at: () => new Date(now),
    /** Sends what is due, then the messages the sink got since. */
    async flush(): Promise<Received[]> {
      const before = sink.messages.length;
      await sendDue(service.database, service.mail.settings, service.mail.transport!, new Date(now));
      return sink.messages.slice(before);
    },
    /** A request, read in the transaction (SQLite has one connection: reading outside it would wait forever). */
    request: (tx: { selectFrom: Service['database']['db']['selectFrom'] }, reference: string) =>
      tx.selectFrom('enrolments').selectAll().where('reference', '=', reference).executeTakeFirstOrThrow(),
    run: <T>(fn: (tx: Parameters<Parameters<Service['database']['transaction']>[0]>[0]) => Promise<T>) => service.database.transaction(fn),
  };
}

const linkIn = (m: Received, path: RegExp) => {
  const found = textOf(m).match(new RegExp(`https?://\\S+${path.source}[A-Za-z0-9_-]{43}\\S*`));
  return found?.[0];
};

function calendarOf(m: Received) {
  const part = m.parsed.attachments.find((a) => a.contentType === 'text/calendar');
  assert.ok(part, 'a text/calendar part');
  return { method: String(part.contentType), text: part.content.toString('utf8'), component: new ICAL.Component(ICAL.parse(part.content.toString('utf8'))) };
}

/** The days an invitation expands to, as ISO starts. */
function expand(component: ICAL.Component): string[] {
  const events = component.getAllSubcomponents('vevent');
  const master = new ICAL.Event(events.find((e) => !e.getFirstPropertyValue('recurrence-id'))!);
  for (const e of events) if (e.getFirstPropertyValue('recurrence-id')) master.relateException(e);
  const out: string[] = [];
  const it = master.iterator();
  for (let next = it.next(); next && out.length < 100; next = it.next()) out.push(master.getOccurrenceDetails(next).startDate.toJSDate().toISOString());
  return out;
}

describe('the messages of a request', () => {
  it('a receipt to the agent only, in their language, asking to confirm through a link; nothing else until then', async () => {
    const s = await mailService();
    const receipt = await json(post(s.app, '/api/v1/enrolments', enrolment({ courseId: 'piloter-donnee', sessionId: 'data-1', managerEmail: 'cheffe@example.gouv.fr', comment: 'Note libre', accommodation: 'Besoin libre', locale: 'en' })));
    const [message, ...rest] = await s.flush();
    assert.equal(rest.length, 0, 'the receipt is the only message a new request sends');
    assert.deepEqual(message.envelope.to, ['camille.martin@example.gouv.fr']);
    assert.match(message.parsed.subject ?? '', new RegExp(`Confirm your enrolment request ${receipt.reference}`));
    assert.match(textOf(message), /Confirm it within 48 hours/);
    assert.ok(linkIn(message, /\/mes-demandes\/lien\//), 'a link to the agent’s space');
    assert.equal(header(message, 'auto-submitted'), 'auto-generated');
    assert.match(message.parsed.messageId ?? '', /^<[0-9a-f-]{36}@example\.gouv\.fr>$/);
    assert.ok(htmlOf(message).includes('<html lang="en">'));
    assert.doesNotMatch(htmlOf(message), /<img|src=["']?https?:/i, 'no remote image or tracker');
    assert.equal(message.parsed.from?.value[0].address, 'campus@example.gouv.fr');
    // Unconfirmed: nothing to the manager, even after a day.
    s.advance(24 * 3600 * 1000);
    await s.service.jobs.tick();
    assert.equal((await s.flush()).length, 0);
  });

  it('once confirmed: to the manager a message with the decision links and nothing the agent typed freely', async () => {
    const s = await mailService();
    const receipt = await json(post(s.app, '/api/v1/enrolments', enrolment({ courseId: 'piloter-donnee', sessionId: 'data-1', managerEmail: 'cheffe@example.gouv.fr', comment: 'Texte libre du commentaire', accommodation: 'Aménagement privé' })));
    await s.flush();
    await s.run(async (tx) => confirmRequest(s.service.storage.lifecycle, tx, await s.request(tx, receipt.reference)));
    const [toManager, ...others] = await s.flush();
    assert.equal(others.length, 0);
    assert.deepEqual(toManager.envelope.to, ['cheffe@example.gouv.fr']);
    assert.match(toManager.parsed.subject ?? '', /Demande d'accord : Camille Martin souhaite suivre « Piloter par la donnée »/);
    const approve = linkIn(toManager, /\/decision\/lien\//);
    assert.match(approve ?? '', /\?reponse=accord$/);
    assert.match(textOf(toManager), /\?reponse=refus/);
    for (const body of [textOf(toManager), htmlOf(toManager), toManager.raw]) {
      assert.ok(!body.includes('Texte libre'), 'no comment');
      assert.ok(!body.includes('Aménagement privé'), 'no accommodation needs');
      assert.ok(!body.includes('camille.martin@'), 'no agent address');
    }
    assert.match(textOf(toManager), /Préfecture du Bas-Rhin/);
  });

  it('accepted: the invitation (REQUEST) expands to exactly the session’s days; a change updates it (same UID, higher SEQUENCE); a cancellation withdraws it (CANCEL)', async () => {
    const s = await mailService();
    // A three-day session.
    const slots = [0, 1, 3].map((d) => {
      const start = new Date(Date.parse('2030-03-10T08:00:00Z') + d * 86_400_000);
      return { start: start.toISOString(), end: new Date(start.getTime() + (d === 3 ? 2 : 3) * 3_600_000).toISOString() };
    });
    const doc = JSON.parse((await s.service.database.db.selectFrom('sessions').select('doc').where('id', '=', 'ia-open').executeTakeFirstOrThrow()).doc);
    await s.service.database.db.updateTable('sessions').set({ doc: JSON.stringify({ ...doc, slots }), capacity: 30, seats_reserved: 0 }).where('id', '=', 'ia-open').execute();
    const receipt = await json(post(s.app, '/api/v1/enrolments', enrolment({ givenName: 'Camille "Cam"; Test', locale: 'fr-CA' })));
    await s.run(async (tx) => confirmRequest(s.service.storage.lifecycle, tx, await s.request(tx, receipt.reference)));
    await s.flush();
    await s.run(async (tx) => transition(s.service.storage.lifecycle, tx, await s.request(tx, receipt.reference), 'accepted', STAFF));
    const [accepted] = await s.flush();
    assert.match(accepted.parsed.subject ?? '', /^Inscription acceptée : Matinée IA/);
    const invite = calendarOf(accepted);
    assert.match(accepted.raw, /Content-Type: text\/calendar; charset=utf-8; method=REQUEST/i);
    assert.equal(invite.component.getFirstPropertyValue('method'), 'REQUEST');
    assert.deepEqual(expand(invite.component), slots.map((x) => x.start));
    const master = invite.component.getFirstSubcomponent('vevent')!;
    const uid = String(master.getFirstPropertyValue('uid'));
    assert.equal(uid, `${receipt.reference}@example.gouv.fr`);
    assert.equal(String(master.getFirstPropertyValue('organizer')), 'mailto:campus@example.gouv.fr');
    assert.equal(master.getFirstProperty('attendee')!.getParameter('rsvp'), 'FALSE');
    const sequence = Number(master.getFirstPropertyValue('sequence'));
    assert.match(textOf(accepted), /Refuser l'invitation dans votre agenda n'annule pas votre inscription/);

    // The session moves: the invitation is updated, same UID, SEQUENCE up.
    const moved = slots.map((x) => ({ start: new Date(Date.parse(x.start) + 3600_000).toISOString(), end: new Date(Date.parse(x.end) + 3600_000).toISOString() }));
    await s.run(async (tx) => {
      await tx.updateTable('sessions').set((eb) => ({ doc: JSON.stringify({ ...doc, slots: moved }), version: eb('version', '+', 1) })).where('id', '=', 'ia-open').execute();
      await enqueueSessionChanged(s.service.storage.lifecycle, tx, s.service.mail.settings, 'ia-open');
    });
    const [changed] = await s.flush();
    const update = calendarOf(changed).component;
    assert.equal(String(update.getFirstSubcomponent('vevent')!.getFirstPropertyValue('uid')), uid);
    assert.ok(Number(update.getFirstSubcomponent('vevent')!.getFirstPropertyValue('sequence')) > sequence);
    assert.deepEqual(expand(update), moved.map((x) => x.start));

    // Cancelled by staff, with a reason: CANCEL, same UID.
    await s.run(async (tx) => transition(s.service.storage.lifecycle, tx, await s.request(tx, receipt.reference), 'cancelled', STAFF, { reason: 'La salle n’est plus disponible.' }));
    const [cancelled] = await s.flush();
    const withdrawn = calendarOf(cancelled).component;
    assert.equal(withdrawn.getFirstPropertyValue('method'), 'CANCEL');
    assert.equal(String(withdrawn.getFirstSubcomponent('vevent')!.getFirstPropertyValue('uid')), uid);
    assert.match(textOf(cancelled), /La salle n’est plus disponible/);
    assert.match(textOf(cancelled), /L'équipe du campus a annulé votre inscription/);
  });

  it('waitlisted, promoted (with the invitation once accepted), refused with its reason, told of the manager’s approval', async () => {
    const s = await mailService();
    await s.service.database.db.updateTable('sessions').set({ capacity: 1, seats_reserved: 0, status: 'open' }).where('id', '=', 'ia-open').execute();
    const first = await json(post(s.app, '/api/v1/enrolments', enrolment({ email: 'premiere@example.gouv.fr' })));
    const second = await json(post(s.app, '/api/v1/enrolments', enrolment({ email: 'seconde@example.gouv.fr' })));
    assert.equal(second.status, 'waitlisted');
    for (const r of [first, second]) await s.run(async (tx) => confirmRequest(s.service.storage.lifecycle, tx, await s.request(tx, r.reference)));
    await s.flush();
    await s.run(async (tx) => transition(s.service.storage.lifecycle, tx, await s.request(tx, first.reference), 'refused', STAFF, { reason: 'Formation réservée aux encadrants.' }));
    const messages = await s.flush();
    const refused = messages.find((m) => m.envelope.to[0] === 'premiere@example.gouv.fr')!;
    assert.match(textOf(refused), /n'a pas été retenue/);
    assert.match(textOf(refused), /Motif\s*: Formation réservée aux encadrants\./);
    const promoted = messages.find((m) => m.envelope.to[0] === 'seconde@example.gouv.fr')!;
    assert.match(promoted.parsed.subject ?? '', /^Une place s'est libérée/);
    assert.ok(calendarOf(promoted));

    // The manager approved by hand (recorded by staff): the agent is told.
    const approval = await json(post(s.app, '/api/v1/enrolments', enrolment({ email: 'approbation@example.gouv.fr', courseId: 'piloter-donnee', sessionId: 'data-1', managerEmail: 'chef@example.gouv.fr' })));
    await s.run(async (tx) => confirmRequest(s.service.storage.lifecycle, tx, await s.request(tx, approval.reference)));
    await s.flush();
    await s.run(async (tx) => transition(s.service.storage.lifecycle, tx, await s.request(tx, approval.reference), 'submitted', STAFF, { managerDecision: 'recorded_by_staff' }));
    const [told] = await s.flush();
    assert.deepEqual(told.envelope.to, ['approbation@example.gouv.fr']);
    assert.match(told.parsed.subject ?? '', /Votre responsable a donné son accord/);
  });

  it('an unconfirmed request expires after 48 hours: the next person is promoted and told', async () => {
    const s = await mailService();
    await s.service.database.db.updateTable('sessions').set({ capacity: 1, seats_reserved: 0, status: 'open' }).where('id', '=', 'ia-open').execute();
    await json(post(s.app, '/api/v1/enrolments', enrolment({ email: 'oublieuse@example.gouv.fr' })));
    s.advance(60_000);
    const waiting = await json(post(s.app, '/api/v1/enrolments', enrolment({ email: 'patiente@example.gouv.fr' })));
    await s.run(async (tx) => confirmRequest(s.service.storage.lifecycle, tx, await s.request(tx, waiting.reference)));
    await s.flush();
    s.advance(47 * 3600 * 1000);
    await s.service.jobs.tick();
    assert.equal((await s.flush()).length, 0);
    s.advance(2 * 3600 * 1000);
    await s.service.jobs.tick();
    const messages = await s.flush();
    const expired = messages.find((m) => m.envelope.to[0] === 'oublieuse@example.gouv.fr')!;
    assert.match(textOf(expired), /Vous n'avez pas confirmé votre demande dans les 48 heures/);
    assert.ok(!expired.parsed.attachments.some((a) => a.contentType === 'text/calendar'), 'no invitation to withdraw');
    const promoted = messages.find((m) => m.envelope.to[0] === 'patiente@example.gouv.fr')!;
    assert.match(promoted.parsed.subject ?? '', /^Une place s'est libérée/);
  });

  it('reminders 7 days and 1 day before, once each; none for a request without a seat; the joining link of an online session', async () => {
    const start = Date.parse('2030-03-10T08:00:00Z');
    const s = await mailService(start - 10 * 86_400_000);
    const doc = JSON.parse((await s.service.database.db.selectFrom('sessions').select('doc').where('id', '=', 'ia-open').executeTakeFirstOrThrow()).doc);
    await s.service.database.db.updateTable('sessions').set({ doc: JSON.stringify({ ...doc, online: true, location: undefined }), join_url: 'https://webconf.example.gouv.fr/salle-42', capacity: 5, seats_reserved: 0 }).where('id', '=', 'ia-open').execute();
    const kept = await json(post(s.app, '/api/v1/enrolments', enrolment({ email: 'rappel@example.gouv.fr' })));
    const dropped = await json(post(s.app, '/api/v1/enrolments', enrolment({ email: 'partie@example.gouv.fr' })));
    for (const r of [kept, dropped]) await s.run(async (tx) => confirmRequest(s.service.storage.lifecycle, tx, await s.request(tx, r.reference)));
    await s.run(async (tx) => transition(s.service.storage.lifecycle, tx, await s.request(tx, kept.reference), 'accepted', STAFF));
    const accepted = (await s.flush()).find((m) => m.parsed.subject?.startsWith('Inscription acceptée'))!;
    assert.match(textOf(accepted), /https:\/\/webconf\.example\.gouv\.fr\/salle-42/);
    await s.run(async (tx) => transition(s.service.storage.lifecycle, tx, await s.request(tx, dropped.reference), 'cancelled', { kind: 'agent' }));
    await s.flush();
    const tickAt = async (before: number) => {
      s.advance(start - before - s.at().getTime());
      await s.service.jobs.tick();
      return s.flush();
    };
    assert.equal((await tickAt(8 * 86_400_000)).length, 0, 'eight days before: nothing yet');
    const week = await tickAt(7 * 86_400_000 - 3600_000);
    assert.deepEqual(week.map((m) => m.envelope.to[0]), ['rappel@example.gouv.fr']);
    assert.match(week[0].parsed.subject ?? '', new RegExp(`^Dans une semaine : Matinée IA.*\\(${kept.reference}\\)$`));
    assert.match(textOf(week[0]), /salle-42/);
    assert.equal((await tickAt(6 * 86_400_000)).length, 0, 'once');
    const day = await tickAt(20 * 3600_000);
    assert.equal(day.length, 1);
    assert.match(day[0].parsed.subject ?? '', /^Demain : Matinée IA/);
    assert.equal((await tickAt(10 * 3600_000)).length, 0, 'once');
  });

  it('the attestation of attendance after the session, for the half-days attended', async () => {
    const s = await mailService(Date.parse('2030-03-09T08:00:00Z'));
    const receipt = await json(post(s.app, '/api/v1/enrolments', enrolment({ email: 'presente@example.gouv.fr' })));
    await s.run(async (tx) => confirmRequest(s.service.storage.lifecycle, tx, await s.request(tx, receipt.reference)));
    await s.run(async (tx) => transition(s.service.storage.lifecycle, tx, await s.request(tx, receipt.reference), 'accepted', STAFF));
    await s.service.database.db.updateTable('enrolments').set({ attendance: JSON.stringify({ '2030-03-10': { am: 'present', pm: 'absent' } }) }).where('reference', '=', receipt.reference).execute();
    await s.flush();
    s.advance(2 * 86_400_000);
    await s.service.jobs.tick();
    const [attestation] = await s.flush();
    assert.match(attestation.parsed.subject ?? '', /^Attestation de présence : Matinée IA/);
    const page = attestation.parsed.attachments.find((a) => a.filename?.startsWith('attestation-'))!;
    assert.match(page.content.toString('utf8'), /2030-03-10 \(matin\)/);
    assert.ok(!page.content.toString('utf8').includes('après-midi'));
  });
});

describe('no relay for strangers', () => {
  it('at most 3 unsolicited messages to one address in 24 hours; the others are kept, not sent', async () => {
    const s = await mailService();
    const targets = [
      { courseId: 'matinee-ia', sessionId: 'ia-open' },
      { courseId: 'matinee-ia', sessionId: 'ia-full' },
      { courseId: 'donnees-personnelles', sessionId: 'dp-1' },
      { courseId: 'design-accessibilite', sessionId: undefined },
    ];
    for (const t of targets) assert.equal((await post(s.app, '/api/v1/enrolments', enrolment({ email: 'victime@example.org', ...t }))).status, 201);
    const sent = await s.flush();
    assert.equal(sent.length, 3);
    const statuses = await s.service.database.db.selectFrom('outbox').select('status').where('recipient', '=', 'victime@example.org').execute();
    assert.deepEqual(statuses.map((r) => r.status).sort(), ['sent', 'sent', 'sent', 'suppressed']);
    s.advance(25 * 3600 * 1000);
    assert.equal((await post(s.app, '/api/v1/enrolments', enrolment({ email: 'victime@example.org', courseId: 'piloter-donnee', sessionId: 'data-1', managerEmail: 'x@example.org' }))).status, 201);
    assert.equal((await s.flush()).length, 1, 'a new day, a new allowance');
  });

  it('refuses a manager address equal to the agent’s (422)', async () => {
    const { app } = await makeApp();
    const response = await post(app, '/api/v1/enrolments', enrolment({ courseId: 'piloter-donnee', sessionId: 'data-1', managerEmail: 'CAMILLE.MARTIN@example.gouv.fr' }));
    assert.equal(response.status, 422);
    assert.deepEqual((await response.json()).errors.map((e: { field: string; code: string }) => [e.field, e.code]), [['managerEmail', 'same_as_email']]);
  });

  it('lets no value from a request reach a header: names with quotes, commas, angle brackets and non-Latin letters stay one recipient’s display name; line breaks are refused before', async () => {
    const s = await mailService();
    for (const field of ['givenName', 'familyName', 'organisation', 'jobTitle']) {
      assert.equal((await post(s.app, '/api/v1/enrolments', enrolment({ [field]: 'X\r\nBcc: pirate@example.org' }))).status, 422, field);
      assert.equal((await post(s.app, '/api/v1/enrolments', enrolment({ [field]: 'X\nBcc: pirate@example.org' }))).status, 422, field);
    }
    for (const field of ['comment', 'accommodation']) {
      // Line breaks belong in these; they never reach a header.
      assert.equal((await post(s.app, '/api/v1/enrolments', enrolment({ email: `${field}@example.gouv.fr`, [field]: 'X\nBcc: pirate@example.org\nSubject: piège' }))).status, 201);
    }
    assert.equal((await post(s.app, '/api/v1/enrolments', enrolment({ email: 'nom@example.gouv.fr', givenName: 'Zoé "la" <pirate@example.org>, Bcc', familyName: 'Ørsted; 王' }))).status, 201);
    const received = await s.flush();
    assert.equal(received.length, 3);
    for (const m of received) {
      assert.equal(m.envelope.to.length, 1);
      assert.ok(!m.envelope.to.includes('pirate@example.org'));
      assert.equal(m.parsed.headers.get('bcc'), undefined);
      assert.equal(m.parsed.to && !Array.isArray(m.parsed.to) ? m.parsed.to.value.length : 0, 1);
      assert.doesNotMatch(m.parsed.subject ?? '', /piège|pirate/);
    }
    const named = received.find((m) => m.envelope.to[0] === 'nom@example.gouv.fr')!;
    const to = (named.parsed.to as { value: { name: string; address: string }[] }).value[0];
    assert.equal(to.address, 'nom@example.gouv.fr');
    assert.equal(to.name, 'Zoé "la" <pirate@example.org>, Bcc Ørsted; 王');
  });
});

describe('the outbox', () => {
  it('keeps messages while SMTP is down, retries with a growing delay, and delivers each once when it is back; fails visibly after the last attempt', async () => {
    const s = await mailService();
    sink.down = true;
    try {
      for (let i = 0; i < 3; i++) await post(s.app, '/api/v1/enrolments', enrolment({ email: `attente.${i}@example.gouv.fr` }));
      assert.equal((await s.flush()).length, 0);
      const rows = await s.service.database.db.selectFrom('outbox').select(['status', 'attempts', 'last_error', 'next_attempt_at']).execute();
      assert.ok(rows.every((r) => r.status === 'pending' && Number(r.attempts) === 1 && r.last_error === '451'));
      assert.equal((await s.flush()).length, 0, 'not due again yet');
    } finally {
      sink.down = false;
    }
    s.advance(61_000);
    const delivered = await s.flush();
    assert.equal(delivered.length, 3);
    assert.equal(new Set(delivered.map((m) => m.parsed.messageId)).size, 3);
    s.advance(3600_000);
    assert.equal((await s.flush()).length, 0, 'each once');

    sink.down = true;
    try {
      await post(s.app, '/api/v1/enrolments', enrolment({ email: 'jamais@example.gouv.fr' }));
      for (let i = 0; i < MAX_ATTEMPTS; i++) {
        await s.flush();
        s.advance(3 * 3600_000);
      }
      const failed = await s.service.database.db.selectFrom('outbox').select(['status', 'attempts']).where('recipient', '=', 'jamais@example.gouv.fr').executeTakeFirstOrThrow();
      assert.deepEqual([failed.status, Number(failed.attempts)], ['failed', MAX_ATTEMPTS]);
    } finally {
      sink.down = false;
    }
  });

  it('sends each message once with two instances; a crash between the data and the commit gives at most two deliveries, with one Message-ID', async () => {
    const { config, service } = await makeApp();
    await service.close();
    const env = { SMTP_URL: sink.url, MAIL_FROM: 'campus@example.gouv.fr' };
    const a = await startServiceProcess({ ...config, env });
    const b = await startServiceProcess({ ...config, env });
    sink.messages.length = 0;
    try {
      const emails = Array.from({ length: 8 }, (_, i) => `deux.instances.${i}@example.gouv.fr`);
      for (const [i, email] of emails.entries()) assert.equal((await postJson(`${[a, b][i % 2].url}/api/v1/enrolments`, enrolment({ email }))).status, 201);
      await sink.waitFor(8, 20_000);
      await new Promise((r) => setTimeout(r, 2500));
      assert.equal(sink.messages.length, 8, 'each message once');
      assert.equal(new Set(sink.messages.map((m) => m.parsed.messageId)).size, 8);
    } finally {
      await Promise.all([a.kill(), b.kill()]);
    }

    // kill -9 while the SMTP server holds its answer to a message it has received.
    sink.messages.length = 0;
    const c = await startServiceProcess({ ...config, env });
    try {
      sink.hold = true;
      assert.equal((await postJson(`${c.url}/api/v1/enrolments`, enrolment({ email: 'crash@example.gouv.fr' }))).status, 201);
      await sink.waitFor(1, 20_000);
      c.child.kill('SIGKILL');
      await c.exited;
    } finally {
      sink.release();
    }
    // The dead instance's lease on the sender would expire in minutes: let it have expired.
    const database = await openDatabase(config);
    await database.db.updateTable('jobs').set({ lease_until: new Date(0).toISOString() }).where('name', '=', 'send-mail').execute();
    await database.close();
    const d = await startServiceProcess({ ...config, env });
    try {
      await sink.waitFor(2, 20_000);
      await new Promise((r) => setTimeout(r, 2500));
    } finally {
      await d.kill();
    }
    const crashed = sink.messages.filter((m) => m.envelope.to[0] === 'crash@example.gouv.fr');
    assert.ok(crashed.length >= 1 && crashed.length <= 2, `${crashed.length} deliveries`);
    assert.equal(new Set(crashed.map((m) => m.parsed.messageId)).size, 1, 'one Message-ID');
  });
});

describe('trainer applicants', () => {
  it('get a receipt, then a message when the office decides', async () => {
    const s = await mailService();
    const receipt = await json(post(s.app, '/api/v1/trainer-applications', trainerApplication({ locale: 'en' })));
    const [first] = await s.flush();
    assert.deepEqual(first.envelope.to, ['dominique.bernard@example.gouv.fr']);
    assert.match(first.parsed.subject ?? '', new RegExp(`Your trainer application \\(${receipt.reference}\\)`));
    const application = await s.service.database.db.selectFrom('trainer_applications').select(['id', 'reference', 'doc']).executeTakeFirstOrThrow();
    await s.run((tx) => enqueueTrainerMessage(tx, s.service.mail.settings, application, 'trainer_accepted', s.at()));
    await s.run((tx) => enqueueTrainerMessage(tx, s.service.mail.settings, application, 'trainer_accepted', s.at()));
    const decided = await s.flush();
    assert.equal(decided.length, 1, 'once');
    assert.match(decided[0].parsed.subject ?? '', /Your application is accepted/);
  });
});

describe('organisations', () => {
  it('receive a daily digest of the confirmed requests for their courses, with nothing typed freely', async () => {
    const s = await mailService();
    await s.service.database.db.updateTable('organisations').set({ notification_emails: JSON.stringify(['formation@insp.example.fr']) }).where('id', '=', 'insp').execute();
    const confirmed = await json(post(s.app, '/api/v1/enrolments', enrolment({ email: 'digeste@example.gouv.fr', courseId: 'piloter-donnee', sessionId: 'data-1', managerEmail: 'chef.digeste@example.gouv.fr', comment: 'Commentaire confidentiel' })));
    await json(post(s.app, '/api/v1/enrolments', enrolment({ email: 'pas.confirme@example.gouv.fr', courseId: 'piloter-donnee', sessionId: 'data-1', managerEmail: 'chef2@example.gouv.fr' })));
    await s.run(async (tx) => confirmRequest(s.service.storage.lifecycle, tx, await s.request(tx, confirmed.reference)));
    await s.flush();
    s.advance(60_000);
    await s.service.jobs.tick();
    const digest = (await s.flush()).filter((m) => m.envelope.to[0] === 'formation@insp.example.fr');
    assert.equal(digest.length, 1);
    assert.match(digest[0].parsed.subject ?? '', /^1 nouvelle demande d'inscription – Institut national du service public$/);
    assert.match(textOf(digest[0]), new RegExp(confirmed.reference));
    assert.ok(!textOf(digest[0]).includes('pas.confirme') && !textOf(digest[0]).includes('Commentaire confidentiel'));
    s.advance(86_400_000);
    await s.service.jobs.tick();
    assert.equal((await s.flush()).filter((m) => m.envelope.to[0] === 'formation@insp.example.fr').length, 0, 'nothing new, no digest');
  });
});

