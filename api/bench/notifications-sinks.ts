/**
 * The receiving ends of `npm run bench -- notifications`, each in its own process so that receiving does not share the
 * sender's event loop: `smtp` is an SMTP server (smtp-server, as the mail catcher) that reads each message whole and
 * counts it; `webhooks <secret>` is an HTTP receiver that checks every delivery's Standard Webhooks signature
 * (Webhook.verify, as a client platform would) and answers 204, or 400 when it does not verify. It tells its parent
 * its port, and answers "count" with what it received since the last "reset".
 */
import http from 'node:http';
import { SMTPServer } from 'smtp-server';
import { Webhook } from 'standardwebhooks';

const counts = { received: 0, bad: 0, bytes: 0 };

process.on('message', (m) => {
  if (m === 'reset') Object.assign(counts, { received: 0, bad: 0, bytes: 0 });
  process.send!({ ...counts });
});
process.on('disconnect', () => process.exit(0));

function smtp() {
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, _session, done) {
      let bytes = 0;
      stream.on('data', (chunk: Buffer) => (bytes += chunk.length));
      stream.on('end', () => {
        // A message without its Message-ID or its body is not one Waypoint sent whole.
        if (bytes > 500) counts.received++;
        else counts.bad++;
        counts.bytes += bytes;
        done();
      });
    },
  });
  server.listen(0, '127.0.0.1', () => {
    const address = server.server.address();
    process.send!({ port: typeof address === 'object' && address ? address.port : 0 });
  });
}

function webhooks(secret: string) {
  const wh = new Webhook(secret);
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      try {
        wh.verify(body, req.headers as Record<string, string>);
        counts.received++;
        counts.bytes += body.length;
        res.writeHead(204).end();
      } catch {
        counts.bad++;
        res.writeHead(400).end();
      }
    });
  });
  server.keepAliveTimeout = 30_000;
  server.listen(0, '127.0.0.1', () => {
    const address = server.address();
    process.send!({ port: typeof address === 'object' && address ? address.port : 0 });
  });
}

if (process.argv[2] === 'smtp') smtp();
else if (process.argv[2] === 'webhooks') webhooks(process.argv[3]);
else throw new Error('usage: notifications-sinks.ts smtp | webhooks <secret>');
