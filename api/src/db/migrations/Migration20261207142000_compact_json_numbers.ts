import { Migration } from '@mikro-orm/migrations';

/**
 * compact_json writes numbers as JSON.stringify does for the numbers a payload holds: jsonb keeps a numeric's scale
 * (2.50), JavaScript does not (2.5). Numbers below 1e-6 or from 1e21 up (JavaScript's exponent form) still print
 * in full; Waypoint's payloads hold none.
 */
export class Migration20261207142000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create or replace function compact_json(j jsonb) returns text language plpgsql immutable strict parallel safe as $$
      begin
        case jsonb_typeof(j)
          when 'object' then
            return '{' || coalesce((select string_agg(to_json(e.key)::text || ':' || compact_json(e.value), ',' order by e.n)
                                      from jsonb_each(j) with ordinality e(key, value, n)), '') || '}';
          when 'array' then
            return '[' || coalesce((select string_agg(compact_json(e.value), ',' order by e.n)
                                      from jsonb_array_elements(j) with ordinality e(value, n)), '') || ']';
          when 'number' then
            return trim_scale(j::text::numeric)::text;
          else
            return j::text;
        end case;
      end $$;`);
  }

  override async down(): Promise<void> {
    this.addSql(`create or replace function compact_json(j jsonb) returns text language plpgsql immutable strict parallel safe as $$
      begin
        case jsonb_typeof(j)
          when 'object' then
            return '{' || coalesce((select string_agg(to_json(e.key)::text || ':' || compact_json(e.value), ',' order by e.n)
                                      from jsonb_each(j) with ordinality e(key, value, n)), '') || '}';
          when 'array' then
            return '[' || coalesce((select string_agg(compact_json(e.value), ',' order by e.n)
                                      from jsonb_array_elements(j) with ordinality e(value, n)), '') || ']';
          else
            return j::text;
        end case;
      end $$;`);
  }
}
