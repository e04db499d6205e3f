/**
 * The shared form machinery's pure parts: the public e-mail heuristic, the
 * calendar file, the draft storage.
 */
import { expect } from '@open-wc/testing';
import ICAL from 'ical.js';
import { draftKey, eraseDraft, readDraft, writeDraft } from '../src/core/form/draft.js';
import { emailDomain, looksPublicEmail } from '../src/core/form/public-email.js';
import { newIdempotencyKey } from '../src/core/form/values.js';
import { buildIcs, icsDate, icsEscape, icsFold, icsStatus } from '../src/api/ics.js';

describe('public e-mail heuristic', () => {
  it('recognises public administrations beyond gouv.fr', () => {
    for (const email of [
      'agent@finances.gouv.fr',
      'a.b@dgfip.finances.gouv.fr',
      'x@gouv.fr',
      'prof@ac-versailles.fr',
      'prof@ac-aix-marseille.fr',
      'greffe@justice.fr',
      'stat@insee.fr',
      'chercheuse@univ-lille.fr',
      'someone@etu.univ-grenoble-alpes.fr',
      'doc@u-bordeaux.fr',
      'infirmier@chu-rennes.fr',
      'agent@paris.fr',
      'agent@mairie-lyon.fr',
      'agent@ville-nantes.fr',
      'a@cnrs.fr',
      'a@inria.fr',
      'a@ec.europa.eu',
      'analyste@mcn.gouv.qc.ca',
      'AGENT@INTERIEUR.GOUV.FR',
    ]) {
      expect(looksPublicEmail(email), email).to.equal(true);
    }
  });

  it('warns on private or look-alike domains', () => {
    for (const email of [
      'agent@gmail.com',
      'agent@orange.fr',
      'a@gouv.fr.example.com',
      'a@notgouv.fr',
      'a@fakegouv.fr',
      'a@ac.fr',
      'a@university.com',
      'no-at-sign',
      '',
      'a@localhost',
    ]) {
      expect(looksPublicEmail(email), email).to.equal(false);
    }
  });

  it('reads the domain after the last @, trimmed and in lower case', () => {
    expect(emailDomain('  Jean@Finances.Gouv.FR ')).to.equal('finances.gouv.fr');
    expect(emailDomain('"a@b"@insee.fr')).to.equal('insee.fr');
    expect(emailDomain('nothing')).to.equal('');
  });
});

describe('calendar file', () => {
  const days = [
    { start: '2026-03-03T08:30:00Z', end: '2026-03-03T16:30:00Z' },
    { start: '2026-03-10T08:30:00Z', end: '2026-03-10T16:30:00Z' },
  ];

  it('writes UTC dates, escapes text and folds at 75 octets without cutting a character', () => {
    expect(icsDate('2026-03-03T09:30:00+01:00')).to.equal('20260303T083000Z');
    expect(icsEscape('a,b;c\\d\ne')).to.equal('a\\,b\\;c\\\\d\\ne');
    const long = `SUMMARY:${'Écoconception des services numériques, '.repeat(6)}`;
    const folded = icsFold(long);
    const encoder = new TextEncoder();
    for (const line of folded.split('\r\n')) expect(encoder.encode(line).length).to.be.at.most(75);
    expect(folded.replace(/\r\n /g, '')).to.equal(long);
  });

  it('gives TENTATIVE for a waiting list, a pending approval or an unknown status', () => {
    expect(icsStatus('waitlisted')).to.equal('TENTATIVE');
    expect(icsStatus('pending_manager')).to.equal('TENTATIVE');
    expect(icsStatus('something-new')).to.equal('TENTATIVE');
    expect(icsStatus('submitted')).to.equal('CONFIRMED');
  });

  it('parses with ical.js: one event (one UID) per request, a VEVENT per day, UTC times, CRLF endings', () => {
    const text = buildIcs({
      reference: 'CNP-2026-ABCDEF',
      status: 'waitlisted',
      stamp: '2026-01-15T10:00:00Z',
      summary: 'Parcours « Produit » ; cycle, 2 jours',
      location: 'INSP, 1 rue Sainte-Marguerite, Strasbourg',
      description: 'Ligne 1\nLigne 2',
      days,
    });
    expect(text.endsWith('\r\n')).to.equal(true);
    expect(text.replace(/\r\n/g, '')).not.to.match(/[\r\n]/);
    const calendar = new ICAL.Component(ICAL.parse(text));
    const events = calendar.getAllSubcomponents('vevent');
    expect(events).to.have.length(2);
    const uids = new Set<string>();
    events.forEach((event, i) => {
      uids.add(String(event.getFirstPropertyValue('uid')));
      const start = event.getFirstPropertyValue('dtstart') as ICAL.Time;
      const end = event.getFirstPropertyValue('dtend') as ICAL.Time;
      expect(start.zone?.tzid).to.equal('UTC');
      expect(end.zone?.tzid).to.equal('UTC');
      expect(start.toJSDate().toISOString()).to.equal(new Date(days[i].start).toISOString());
      expect(end.toJSDate().toISOString()).to.equal(new Date(days[i].end).toISOString());
      expect((event.getFirstPropertyValue('dtstamp') as ICAL.Time).zone?.tzid).to.equal('UTC');
      expect(event.getFirstPropertyValue('status')).to.equal('TENTATIVE');
      expect(event.getFirstPropertyValue('summary')).to.equal('Parcours « Produit » ; cycle, 2 jours');
      expect(event.getFirstPropertyValue('location')).to.equal('INSP, 1 rue Sainte-Marguerite, Strasbourg');
      expect(event.getFirstPropertyValue('description')).to.equal('Ligne 1\nLigne 2');
    });
    expect(uids.size).to.equal(1);
    expect(events[1].getFirstPropertyValue('recurrence-id')).to.exist;
  });

  it('writes an invitation (REQUEST, CANCEL) with its organiser, attendee and sequence', () => {
    const invitation = buildIcs({
      reference: 'CNP-2026-ABCDEF',
      status: 'accepted',
      stamp: '2026-01-15T10:00:00Z',
      summary: 'Cycle',
      days,
      method: 'REQUEST',
      sequence: 3,
      organizer: { name: 'Campus du numérique public', email: 'campus@example.gouv.fr' },
      attendee: { name: 'Camille "X" Martin', email: 'camille@example.gouv.fr' },
    });
    const calendar = new ICAL.Component(ICAL.parse(invitation));
    expect(calendar.getFirstPropertyValue('method')).to.equal('REQUEST');
    const [master] = calendar.getAllSubcomponents('vevent');
    expect(master.getFirstPropertyValue('sequence')).to.equal(3);
    expect(master.getFirstPropertyValue('status')).to.equal('CONFIRMED');
    expect(String(master.getFirstPropertyValue('organizer'))).to.equal('mailto:campus@example.gouv.fr');
    const attendee = master.getFirstProperty('attendee')!;
    expect(attendee.getParameter('rsvp')).to.equal('FALSE');
    expect(attendee.getParameter('cn')).to.equal('Camille X Martin');
    const cancel = new ICAL.Component(ICAL.parse(buildIcs({ reference: 'CNP-2026-ABCDEF', status: 'accepted', stamp: '2026-01-16T10:00:00Z', summary: 'Cycle', days, method: 'CANCEL', sequence: 4 })));
    expect(cancel.getFirstPropertyValue('method')).to.equal('CANCEL');
    expect(cancel.getFirstSubcomponent('vevent')!.getFirstPropertyValue('status')).to.equal('CANCELLED');
  });
});

describe('draft storage', () => {
  const key = draftKey('test-form', 'scope');
  afterEach(() => eraseDraft(key));

  it('keeps only known fields of the expected shape', () => {
    writeDraft(key, { a: 'x', b: true, c: ['1', '2'] });
    sessionStorage.setItem(key, sessionStorage.getItem(key)!.replace('"a":"x"', '"a":"x","evil":"<script>"'));
    expect(readDraft(key, { a: '', b: false, c: [] })).to.deep.equal({ a: 'x', b: true, c: ['1', '2'] });
    expect(readDraft(key, { a: [], b: '', d: '' })).to.equal(undefined);
  });

  it('ignores unreadable drafts', () => {
    sessionStorage.setItem(key, '{not json');
    expect(readDraft(key, { a: '' })).to.equal(undefined);
    sessionStorage.setItem(key, JSON.stringify({ v: 99, values: { a: 'x' } }));
    expect(readDraft(key, { a: '' })).to.equal(undefined);
  });

  it('makes distinct version 4 UUIDs as Idempotency-Keys', () => {
    const a = newIdempotencyKey();
    expect(a).to.match(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(newIdempotencyKey()).not.to.equal(a);
  });
});
