/**
 * Words and dates of messages in the reader's language (fr, en, fr-CA), and
 * one renderer that turns a message's parts into plain text and HTML: every
 * value is escaped in HTML, no remote image, no tracker.
 */

export type MailLocale = 'fr' | 'en' | 'fr-CA';

/** The request's `locale` as a language messages are written in. */
export function mailLocale(locale: string | null | undefined): MailLocale {
  const tag = (locale ?? '').toLowerCase();
  if (tag.startsWith('en')) return 'en';
  if (tag === 'fr-ca') return 'fr-CA';
  return 'fr';
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(locale: MailLocale, timeZone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${timeZone}|${JSON.stringify(options)}`;
  let f = formatters.get(key);
  if (!f) formatters.set(key, (f = new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : locale, { timeZone, ...options })));
  return f;
}

/** "jeudi 1er janvier 2027" (French ordinal on the first of the month), "Thursday 1 January 2027". */
export function formatDay(iso: string, timeZone: string, locale: MailLocale): string {
  const parts = formatter(locale, timeZone, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).formatToParts(new Date(iso));
  return parts.map((p) => (p.type === 'day' && p.value === '1' && locale !== 'en' ? '1er' : p.value)).join('');
}

/** "9 h 30" in French, "09:30" in English. */
export function formatTime(iso: string, timeZone: string, locale: MailLocale): string {
  const parts = formatter(locale, timeZone, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(new Date(iso));
  const hour = parts.find((p) => p.type === 'hour')!.value;
  const minute = parts.find((p) => p.type === 'minute')!.value;
  return locale === 'en' ? `${hour}:${minute}` : `${Number(hour)} h ${minute}`;
}

/** "heure de Paris", "Montreal time": the zone named by its city, the same everywhere. */
export function zoneLabel(timeZone: string, locale: MailLocale): string {
  const city = (timeZone.split('/').pop() ?? timeZone).replace(/_/g, ' ').replace('Montreal', locale === 'en' ? 'Montreal' : 'Montréal');
  return locale === 'en' ? `${city} time` : `heure de ${city}`;
}

/** One line per day of a session: "jeudi 4 décembre 2026, de 9 h 30 à 12 h 30 (heure de Paris)". */
export function formatSlots(slots: readonly { start: string; end: string }[], timeZone: string, locale: MailLocale): string[] {
  const zone = zoneLabel(timeZone, locale);
  return slots.map((s) =>
    locale === 'en'
      ? `${formatDay(s.start, timeZone, locale)}, ${formatTime(s.start, timeZone, locale)} to ${formatTime(s.end, timeZone, locale)} (${zone})`
      : `${formatDay(s.start, timeZone, locale)}, de ${formatTime(s.start, timeZone, locale)} à ${formatTime(s.end, timeZone, locale)} (${zone})`,
  );
}

export interface MailParts {
  subject: string;
  greeting: string;
  paragraphs: string[];
  /** Label and value pairs (reference, course, dates…); a value may hold several lines. */
  facts?: [string, string | string[]][];
  /** Buttons: a link each. */
  actions?: { label: string; url: string }[];
  /** The last, smaller paragraphs (why you get this, what to do if it was not you). */
  footer: string[];
}

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** The plain-text and HTML bodies of a message. */
export function render(parts: MailParts, locale: MailLocale): { text: string; html: string } {
  const facts = parts.facts ?? [];
  const actions = parts.actions ?? [];
  // French puts a (non-breaking) space before a colon.
  const colon = locale === 'en' ? ':' : '\u00A0:';
  const text = [
    parts.greeting,
    '',
    ...parts.paragraphs.flatMap((p) => [p, '']),
    ...facts.map(([label, value]) => (Array.isArray(value) ? `${label}${colon}\n${value.map((v) => `  - ${v}`).join('\n')}` : `${label}${colon} ${value}`)),
    ...(facts.length ? [''] : []),
    ...actions.flatMap((a) => [`${a.label}${colon}`, a.url, '']),
    '--',
    ...parts.footer,
  ].join('\n');
  const cell = (value: string | string[]) => (Array.isArray(value) ? value.map(escapeHtml).join('<br>') : escapeHtml(value));
  const html = `<!doctype html>
<html lang="${locale}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escapeHtml(parts.subject)}</title></head>
<body style="margin:0;padding:1em;font-family:Arial,sans-serif;font-size:16px;line-height:1.5;color:#161616;background:#ffffff">
<div style="max-width:40em;margin:0 auto">
<p>${escapeHtml(parts.greeting)}</p>
${parts.paragraphs.map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`).join('\n')}
${facts.length ? `<table role="presentation" style="border-collapse:collapse;margin:1em 0">${facts.map(([label, value]) => `<tr><th scope="row" style="text-align:left;vertical-align:top;padding:0.25em 1em 0.25em 0">${escapeHtml(label)}</th><td style="padding:0.25em 0">${cell(value)}</td></tr>`).join('')}</table>` : ''}
${actions.map((a) => `<p><a href="${escapeHtml(a.url)}" style="display:inline-block;padding:0.5em 1em;background:#000091;color:#ffffff;text-decoration:none">${escapeHtml(a.label)}</a></p>`).join('\n')}
<hr style="border:0;border-top:1px solid #dddddd">
${parts.footer.map((f) => `<p style="font-size:14px;color:#3a3a3a">${escapeHtml(f)}</p>`).join('\n')}
</div>
</body>
</html>`;
  return { text, html };
}
