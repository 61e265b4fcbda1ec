/** The path of the first string holding a NUL character (PostgreSQL text cannot store one), if any. */
function nulPath(value: unknown, path: string): string | null {
  return firstString(value, path, (s) => s.includes('\u0000'));
}

/** A lone UTF-16 surrogate: not a character at all, and PostgreSQL refuses it in text and JSON. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * The first string argument PostgreSQL cannot store, with why: a NUL character, or text that is not valid
 * Unicode (a lone surrogate such as \uD800). Checked for every argument of every operation before it runs.
 */
export function unstorableText(value: unknown, path = ''): { path: string; message: string } | null {
  const nul = nulPath(value, path);
  if (nul) return { path: nul, message: `${nul} must not contain the NUL character (\\u0000)` };
  const bad = firstString(value, path, (s) => LONE_SURROGATE.test(s));
  return bad === null ? null : { path: bad, message: `${bad} must be valid Unicode text (it holds a lone surrogate such as \\uD800)` };
}

function firstString(value: unknown, path: string, test: (s: string) => boolean): string | null {
  if (typeof value === 'string') return test(value) ? path : null;
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) {
      const found = firstString(v, `${path}.${i}`, test);
      if (found) return found;
    }
  } else if (value && typeof value === 'object' && !(value instanceof Date)) {
    for (const [k, v] of Object.entries(value)) {
      const found = firstString(v, path ? `${path}.${k}` : k, test);
      if (found) return found;
    }
  }
  return null;
}
