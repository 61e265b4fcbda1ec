import { Migration } from '@mikro-orm/migrations';

/** The audit log of privileged actions: append-only, enforced by the database. */
export class Migration20261129020000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "audit_log" ("id" uuid not null, "at" timestamptz not null, "actor_id" uuid not null, "action" varchar(100) not null, "subject_id" varchar(100) null, "details" jsonb not null, "request_id" varchar(64) not null, "seq" bigserial, constraint "audit_log_pkey" primary key ("id"));`);
    this.addSql(`create index "audit_log_actor_id_index" on "audit_log" ("actor_id");`);
    this.addSql(`create index "audit_log_action_index" on "audit_log" ("action");`);
    this.addSql(`create index "audit_log_at_index" on "audit_log" ("at");`);
    this.addSql(`alter table "audit_log" add constraint "audit_log_actor_id_foreign" foreign key ("actor_id") references "users" ("id") on update cascade on delete restrict;`);
    this.addSql(`create function "audit_log_append_only"() returns trigger language plpgsql as $$
begin
  raise exception 'the audit log is append-only' using errcode = 'restrict_violation';
end $$;`);
    this.addSql(`create trigger "audit_log_no_update" before update or delete on "audit_log" for each row execute function "audit_log_append_only"();`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "audit_log" cascade;`);
    this.addSql(`drop function if exists "audit_log_append_only"();`);
  }
}
