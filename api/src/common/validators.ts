import { registerDecorator, type ValidationOptions } from 'class-validator';
import { isValidTimeZone } from './module-time';

/** A UUID as PostgreSQL writes one (lower case), for patterns that hold one; UUID matches one alone. */
export const UUID_TEXT = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
export const UUID = new RegExp(`^${UUID_TEXT}$`);

/** An IANA zone name the time library knows (e.g. Europe/Berlin), not an offset or abbreviation. */
export function IsIanaTimeZone(options?: ValidationOptions) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isIanaTimeZone',
      target: target.constructor,
      propertyName,
      options: { message: `${propertyName} must be an IANA time zone such as Europe/Berlin`, ...options },
      validator: { validate: (value: unknown) => typeof value === 'string' && isValidTimeZone(value) },
    });
}

/** A string with at least one non-space character. */
export function NotBlank(options?: ValidationOptions) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'notBlank',
      target: target.constructor,
      propertyName,
      options: { message: `${propertyName} must not be empty`, ...options },
      validator: { validate: (value: unknown) => typeof value === 'string' && value.trim().length > 0 },
    });
}
