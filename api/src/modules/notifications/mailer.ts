import type nodemailer from 'nodemailer';

/** What the delivery job needs from an email transport (nodemailer's SMTP transport, pooled). */
export interface Mailer {
  send(message: OutgoingMail): Promise<void>;
  close(): void;
}

export interface OutgoingMail {
  /** The delivery id: Message-ID `<id@waypoint>`, the same on every attempt. */
  deliveryId: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  /** One-click unsubscribe (RFC 8058): List-Unsubscribe and List-Unsubscribe-Post. */
  unsubscribeUrl: string;
}

/**
 * An SMTP mailer on nodemailer: a small pool of connections, and timeouts short enough that a server that never
 * answers fails an attempt (retried later) instead of holding a delivery past its lease.
 */
export function smtpMailer(smtpUrl: string, from: string): Mailer {
  // The URL goes inside the options: createTransport(url, options) takes the second argument as message defaults, so
  // the pool and the timeouts were ignored (a connection per mail, nodemailer's minutes-long timeouts).
  // Loaded with the first mailer rather than at start: about 50 ms of every start, for a process that may never mail.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { createTransport } = require('nodemailer') as typeof nodemailer;
  const transport = createTransport({
    url: smtpUrl,
    pool: true,
    maxConnections: 5,
    maxMessages: Infinity,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
  } as never);
  return {
    async send(m) {
      await transport.sendMail({
        from,
        to: m.to,
        subject: m.subject,
        text: m.text,
        html: m.html,
        messageId: `<${m.deliveryId}@waypoint>`,
        headers: { 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click', 'X-Waypoint-Delivery': m.deliveryId },
        list: { unsubscribe: m.unsubscribeUrl },
      });
    },
    close: () => transport.close(),
  };
}
