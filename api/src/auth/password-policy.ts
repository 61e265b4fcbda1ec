import type { dictionary as Dictionary } from '@zxcvbn-ts/language-common';
import { registerDecorator, type ValidationOptions } from 'class-validator';

/** What a password must be: long, not one of the ~49,000 most common (zxcvbn's list, shipped in the package), not one repeated character. */
export const PASSWORD_RULE = '12 to 200 characters, not one of the most common passwords, not one character repeated';

let common: Set<string> | undefined;

/** Why a password is refused, or null when it is acceptable. */
export function passwordProblem(password: unknown): string | null {
  if (typeof password !== 'string' || password.length < 12) return 'password must be at least 12 characters';
  if (password.length > 200) return 'password must be at most 200 characters';
  if (/^(.)\1*$/su.test(password)) return 'password must not be one character repeated';
  // The list is read with the first password checked rather than at start (about 40 ms of every start).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  common ??= new Set(((require('@zxcvbn-ts/language-common') as { dictionary: typeof Dictionary }).dictionary['passwords-common'] as string[]).map((p) => p.toLowerCase()));
  if (common.has(password.toLowerCase())) return 'password is one of the most common passwords: choose another';
  return null;
}

/** class-validator: an acceptable password (see passwordProblem). */
export function IsAcceptablePassword(options?: ValidationOptions) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isAcceptablePassword',
      target: target.constructor,
      propertyName,
      options,
      validator: {
        validate: (value: unknown) => passwordProblem(value) === null,
        defaultMessage: (args) => (passwordProblem(args?.value) ?? 'password is not acceptable').replace(/^password/, propertyName),
      },
    });
}
