import { Migration } from '@mikro-orm/migrations';

/** The four keys the weekly compliance run writes in bulk: child table, its column, the parent table (key `id`). */
const KEYS = [
  { table: 'compliance_evaluations', column: 'learner_id', parent: 'learners', constraint: 'compliance_evaluations_learner_id_foreign' },
  { table: 'status_changes', column: 'learner_id', parent: 'learners', constraint: 'status_changes_learner_id_foreign' },
  { table: 'notifications', column: 'recipient_id', parent: 'users', constraint: 'notifications_recipient_id_foreign' },
  { table: 'notification_deliveries', column: 'notification_id', parent: 'notifications', constraint: 'notification_deliveries_notification_id_foreign' },
] as const;

/**
 * Issue 21: the weekly compliance run at 100,000 learners writes about 220,000 rows under these four foreign keys
 * (83,000 evaluations, 32,000 status changes, 54,000 notifications and their 54,000 deliveries), and PostgreSQL checks
 * a foreign key once per row (a lookup and a row lock each): about 17 µs a row here, 1.4 s for the evaluations alone.
 * The same rules now hold per statement: after an insert, one anti-join of the new rows against the parent refuses
 * the statement if any key is missing (foreign_key_violation, as the constraint did); a key column never changes
 * (refused, as no code changes one); deleting parents deletes their rows here (ON DELETE CASCADE, as before; nothing
 * in Waypoint deletes learners, users or notifications). Parents' ids are uuids never updated, so ON UPDATE CASCADE
 * had nothing to do. Also drops learners_module_start_date_index: learners_module_start_date_id_index starts with the
 * same column and serves every lookup it did, and each learner the run moves updated both.
 */
export class Migration20261207150000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create function "fk_check_inserted"() returns trigger language plpgsql as $$
declare missing text;
begin
  -- TG_ARGV: the key column, the parent table. new_rows: the statement's inserted rows.
  execute format('select n.%1$I::text from new_rows n where n.%1$I is not null and not exists (select 1 from %2$I p where p.id = n.%1$I) limit 1',
                 TG_ARGV[0], TG_ARGV[1]) into missing;
  if missing is not null then
    raise exception 'insert on table "%" violates foreign key "%"', TG_TABLE_NAME, TG_NAME using errcode = 'foreign_key_violation',
      detail = format('Key (%s)=(%s) is not present in table "%s".', TG_ARGV[0], missing, TG_ARGV[1]);
  end if;
  return null;
end $$;`);
    this.addSql(`create function "fk_key_fixed"() returns trigger language plpgsql as $$
begin
  raise exception 'the key % of table "%" never changes', TG_ARGV[0], TG_TABLE_NAME using errcode = 'foreign_key_violation';
end $$;`);
    this.addSql(`create function "fk_cascade_deleted"() returns trigger language plpgsql as $$
begin
  -- TG_ARGV: the child table, its key column. old_rows: the statement's deleted parents.
  execute format('delete from %1$I c using old_rows o where c.%2$I = o.id', TG_ARGV[0], TG_ARGV[1]);
  return null;
end $$;`);
    for (const k of KEYS) {
      this.addSql(`alter table "${k.table}" drop constraint "${k.constraint}";`);
      this.addSql(
        `create trigger "${k.table}_${k.column}_exists" after insert on "${k.table}" referencing new table as new_rows ` +
          `for each statement execute function "fk_check_inserted"('${k.column}', '${k.parent}');`,
      );
      this.addSql(
        `create trigger "${k.table}_${k.column}_fixed" before update on "${k.table}" for each row ` +
          `when (old."${k.column}" is distinct from new."${k.column}") execute function "fk_key_fixed"('${k.column}');`,
      );
      this.addSql(
        `create trigger "${k.parent}_delete_${k.table}" after delete on "${k.parent}" referencing old table as old_rows ` +
          `for each statement execute function "fk_cascade_deleted"('${k.table}', '${k.column}');`,
      );
    }
    this.addSql(`drop index "learners_module_start_date_index";`);
  }

  override async down(): Promise<void> {
    this.addSql(`create index "learners_module_start_date_index" on "learners" ("module_start_date");`);
    for (const k of KEYS) {
      this.addSql(`drop trigger if exists "${k.parent}_delete_${k.table}" on "${k.parent}";`);
      this.addSql(`drop trigger if exists "${k.table}_${k.column}_fixed" on "${k.table}";`);
      this.addSql(`drop trigger if exists "${k.table}_${k.column}_exists" on "${k.table}";`);
      this.addSql(
        `alter table "${k.table}" add constraint "${k.constraint}" foreign key ("${k.column}") references "${k.parent}" ("id") on update cascade on delete cascade;`,
      );
    }
    this.addSql(`drop function if exists "fk_cascade_deleted"();`);
    this.addSql(`drop function if exists "fk_key_fixed"();`);
    this.addSql(`drop function if exists "fk_check_inserted"();`);
  }
}
