import { Migration } from '@mikro-orm/migrations';

/**
 * Live updates (issue 19): triggers announce new notifications and review-queue changes on the waypoint_live channel
 * (pg_notify, delivered when the writing transaction commits), once per statement, for every API process to fan out
 * to its subscriptions. Payloads stay under PostgreSQL's 8 kB: past 100 recipients or ids, the message says "all".
 */
export class Migration20261207100200 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create function waypoint_live_notifications() returns trigger language plpgsql as $$
      declare recipients json;
      begin
        select json_agg(distinct recipient_id) into recipients from (select recipient_id from new_rows where in_app limit 101) r;
        if recipients is null then return null; end if;
        perform pg_notify('waypoint_live', case when json_array_length(recipients) > 100 then '{"topic":"notifications","all":true}'
          else json_build_object('topic', 'notifications', 'recipients', recipients)::text end);
        return null;
      end $$;`);
    this.addSql(`create trigger notifications_live after insert on notifications referencing new table as new_rows for each statement execute function waypoint_live_notifications();`);
    this.addSql(`create function waypoint_live_queue() returns trigger language plpgsql as $$
      declare ids json;
      begin
        select json_agg(id) into ids from (select id from new_rows limit 101) s;
        if ids is null then return null; end if;
        perform pg_notify('waypoint_live', case when json_array_length(ids) > 100 then '{"topic":"queue","all":true}'
          else json_build_object('topic', 'queue', 'ids', ids)::text end);
        return null;
      end $$;`);
    this.addSql(`create trigger submissions_live_insert after insert on submissions referencing new table as new_rows for each statement execute function waypoint_live_queue();`);
    this.addSql(`create trigger submissions_live_update after update on submissions referencing new table as new_rows for each statement execute function waypoint_live_queue();`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop trigger if exists submissions_live_update on submissions;`);
    this.addSql(`drop trigger if exists submissions_live_insert on submissions;`);
    this.addSql(`drop function if exists waypoint_live_queue();`);
    this.addSql(`drop trigger if exists notifications_live on notifications;`);
    this.addSql(`drop function if exists waypoint_live_notifications();`);
  }
}
