/**
 * A PostgreSQL array literal for a bound parameter (`= any(?::uuid[])`, `unnest(?::text[])`): every element
 * quoted, with quotes and backslashes escaped, so ids, numbers and free text all travel as one value.
 */
export function pgArray(values: readonly (string | number)[]): string {
  return `{${values.map((v) => `"${String(v).replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`).join(',')}}`;
}
