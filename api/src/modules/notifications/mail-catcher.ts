import { randomUUID } from 'node:crypto';
import { SMTPServer } from 'smtp-server';
import { simpleParser, type AddressObject } from 'mailparser';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Logger } from '../../common/logger';

/** Largest mail the catcher keeps. */
const MAX_BYTES = 2 * 1024 * 1024;

const addresses = (a: AddressObject | AddressObject[] | undefined) => (Array.isArray(a) ? a.map((x) => x.text).join(', ') : (a?.text ?? ''));

/**
 * The development mail catcher: with SMTP_URL unset (and not in production), Waypoint runs this SMTP server on
 * loopback, as it runs PostgreSQL embedded, and sends its mail here. Each message is parsed (mailparser) and kept
 * in caught_mails, once per Message-ID, for staff to read in the console: a newcomer sees what Waypoint would send.
 * An SMTP server from an npm package (smtp-server, by nodemailer's author): only the storing is Waypoint's.
 */
export async function startMailCatcher(deps: { em: () => EntityManager; log: Logger; host?: string; port?: number }): Promise<{ url: string; close(): Promise<void> }> {
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    size: MAX_BYTES,
    banner: 'Waypoint mail catcher (development): nothing leaves this machine',
    logger: false,
    onData(stream, _session, done) {
      simpleParser(stream)
        .then(async (mail) => {
          // The header as sent (mailparser folds List-* headers into one object).
          const listUnsubscribe = mail.headerLines.find((h) => h.key === 'list-unsubscribe')?.line.replace(/^[^:]+:\s*/, '').replace(/\r?\n\s+/g, ' ') ?? null;
          await deps.em().execute(
            `insert into caught_mails (id, message_id, "from", "to", subject, text, html, list_unsubscribe, received_at)
             values (?, ?, ?, ?, ?, ?, ?, ?, now()) on conflict (message_id) do nothing`,
            [
              randomUUID(),
              (mail.messageId ?? `<${randomUUID()}@caught>`).slice(0, 300),
              addresses(mail.from).slice(0, 500),
              addresses(mail.to).slice(0, 2000),
              (mail.subject ?? '').slice(0, 500),
              mail.text ?? '',
              typeof mail.html === 'string' ? mail.html : null,
              listUnsubscribe?.slice(0, 2000) ?? null,
            ],
          );
          done();
        })
        .catch((e: Error) => {
          deps.log.warn({ err: e.message }, 'mail catcher could not keep a message');
          done(new Error('The mail catcher could not keep this message'));
        });
    },
  });
  server.on('error', (e) => deps.log.warn({ err: e.message }, 'mail catcher error'));
  const host = deps.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(deps.port ?? 0, host, () => resolve());
  });
  const address = server.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { url: `smtp://${host}:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
