/**
 * A real SMTP server for tests (the `smtp-server` package): it receives every
 * message the service sends and parses it with `mailparser`. It can refuse
 * mail (the server "down" with 451) or hold its answer to a message (to kill
 * the sender between the data and the `250`).
 */
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface Received {
  raw: string;
  parsed: ParsedMail;
  envelope: { from: string; to: string[] };
}

export interface SmtpSink {
  url: string;
  port: number;
  messages: Received[];
  /** While set, every message is refused with a temporary error (451). */
  down: boolean;
  /** While set, the answer to the next message waits until `release()`. */
  hold: boolean;
  release(): void;
  /** Resolves once `n` messages were received. */
  waitFor(n: number, timeoutMs?: number): Promise<Received[]>;
  close(): Promise<void>;
}

export async function startSmtpSink(): Promise<SmtpSink> {
  const messages: Received[] = [];
  let releaseHeld: (() => void) | undefined;
  const sink = {} as SmtpSink;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', async () => {
        if (sink.down) return callback(Object.assign(new Error('Service temporarily unavailable'), { responseCode: 451 }));
        const raw = Buffer.concat(chunks).toString('utf8');
        // Received (the data is complete), whatever happens to the answer.
        messages.push({
          raw,
          parsed: await simpleParser(raw),
          envelope: { from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', to: session.envelope.rcptTo.map((r) => r.address) },
        });
        if (sink.hold) {
          sink.hold = false;
          await new Promise<void>((resolve) => (releaseHeld = resolve));
        }
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  Object.assign(sink, {
    url: `smtp://127.0.0.1:${port}`,
    port,
    messages,
    down: false,
    hold: false,
    release: () => releaseHeld?.(),
    async waitFor(n: number, timeoutMs = 15_000) {
      const started = Date.now();
      while (messages.length < n) {
        if (Date.now() - started > timeoutMs) throw new Error(`${messages.length} of ${n} messages received`);
        await new Promise((r) => setTimeout(r, 25));
      }
      return messages;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
  return sink;
}
