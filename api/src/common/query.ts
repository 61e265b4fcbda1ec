import { badInput } from './errors';
import { UUID_TEXT } from './validators';

/** ILIKE pattern for "contains", with the user's % and _ taken literally. */
export function containsPattern(text: string): string {
  return `%${text.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * Turns a client's sortField into an ORM orderBy, from a whitelist of sortable fields
 * (path = nested object for relations, e.g. "user.name"). Unknown fields are BAD_USER_INPUT.
 */
export function sortBy(
  allowed: Record<string, string>,
  field: string | undefined,
  direction: 'asc' | 'desc',
  fallback: string,
): Record<string, unknown> {
  const key = field ?? fallback;
  const path = allowed[key];
  if (!path) throw badInput('sortField', `sortField must be one of ${Object.keys(allowed).join(', ')}`);
  const order: Record<string, unknown> = {};
  let cursor = order;
  const parts = path.split('.');
  parts.forEach((part, i) => {
    if (i === parts.length - 1) cursor[part] = direction;
    else cursor = cursor[part] = {} as Record<string, unknown>;
  });
  // A unique tie-breaker keeps pages stable.
  return { ...order, id: 'asc' };
}

const UUID = new RegExp(`^${UUID_TEXT}$`, 'i');

/** Ids are UUIDs; anything else is refused before it reaches SQL. */
export function requireId(value: string, field = 'id'): string {
  if (typeof value !== 'string' || !UUID.test(value)) throw badInput(field, `${field} must be a UUID`);
  return value.toLowerCase();
}
