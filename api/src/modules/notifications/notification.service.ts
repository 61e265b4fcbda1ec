import type { EntityManager } from '@mikro-orm/postgresql';
import { Role } from '../users/user.entity';
import type { Viewer } from '../../auth/viewer';
import { badInput } from '../../common/errors';
import { Notification } from './notification.entity';
import { KINDS, NotificationChannel, NotificationKind } from './notification-kind';
import { DEFAULT_QUIET_HOURS } from './notify';
import type { NotificationPreferences } from './notification.types';
import { mineSql, NEWEST_FIRST, NotificationRead } from './notification.read';
import { withDeclaredFields } from '../../read/batch';

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;

/** The kinds a viewer can receive: learners theirs, coaches the coaches', staff the coaches' and their own. */
function kindsFor(viewer: Viewer): NotificationKind[] {
  const audiences = viewer.role === Role.LEARNER ? ['LEARNER'] : viewer.role === Role.STAFF ? ['COACH', 'STAFF'] : ['COACH'];
  return (Object.keys(KINDS) as NotificationKind[]).filter((k) => audiences.includes(KINDS[k].audience));
}

/** A person's own notifications and preferences. Everything here is scoped to the viewer: nobody reads another's. */
export class NotificationService {
  constructor(
    private readonly em: EntityManager,
    private readonly now: () => Date,
    /** Where clients reach this server, for the notifications' links (the bell's readers'). */
    private readonly publicUrl = '',
  ) {}

  /**
   * The bell of each person in `userIds`: their newest in-app notification (the first of `notifications`) and their
   * unread count, in three statements for any number of people (a broadcast wakes every open console at once): the
   * newest ids and counts, the rows, and their declared fields (`link`, `read`: the same SQL as the list's), which
   * travel with the rows so no subscriber's request reads them again.
   */
  async bells(userIds: readonly string[]): Promise<Map<string, { latest: Notification | null; unreadCount: number }>> {
    const rows = await this.em.execute<{ user_id: string; latest_id: string | null; unread: number }[]>(
      `select u.id as user_id,
              (select n.id from notifications n where ${mineSql('n', 'u.id')} order by ${NEWEST_FIRST('n')} limit 1) as latest_id,
              (select count(*)::int from notifications n where ${mineSql('n', 'u.id')} and n.read_at is null) as unread
         from unnest(?::uuid[]) as u(id)`,
      [`{${userIds.join(',')}}`],
    );
    const ids = rows.flatMap((r) => (r.latest_id ? [r.latest_id] : []));
    const found = ids.length ? await this.em.find(Notification, { id: { $in: ids } }) : [];
    await withDeclaredFields(this.em, NotificationRead, found, this.now(), this.publicUrl);
    const byId = new Map(found.map((n) => [n.id, n]));
    return new Map(rows.map((r) => [r.user_id, { latest: (r.latest_id && byId.get(r.latest_id)) || null, unreadCount: r.unread }]));
  }

  async markRead(viewer: Viewer, ids: string[] | undefined): Promise<number> {
    const now = this.now();
    if (ids) {
      await this.em.execute(`update notifications set read_at = ? where recipient_id = ? and read_at is null and id = any(?::uuid[])`, [
        now,
        viewer.userId,
        `{${ids.map((i) => i.toLowerCase()).join(',')}}`,
      ]);
    } else {
      await this.em.execute(`update notifications set read_at = ? where recipient_id = ? and read_at is null`, [now, viewer.userId]);
    }
    const [{ n }] = await this.em.execute<{ n: number }[]>(`select count(*)::int as n from notifications n where ${mineSql('n', '?')} and n.read_at is null`, [
      viewer.userId,
    ]);
    return n;
  }

  async preferences(viewer: Viewer): Promise<NotificationPreferences> {
    const [who] = await this.em.execute<{ time_zone: string; quiet_from: string | null; quiet_until: string | null; has_settings: boolean; daily_digest: boolean }[]>(
      `select coalesce(l.time_zone, u.time_zone) as time_zone, s.quiet_from, s.quiet_until, s.user_id is not null as has_settings,
              coalesce(s.daily_digest, false) as daily_digest
         from users u left join learners l on l.user_id = u.id left join notification_settings s on s.user_id = u.id where u.id = ?`,
      [viewer.userId],
    );
    const prefs = await this.em.execute<{ kind: NotificationKind; channel: NotificationChannel; enabled: boolean }[]>(
      `select kind, channel, enabled from notification_preferences where user_id = ?`,
      [viewer.userId],
    );
    const on = (kind: NotificationKind, channel: NotificationChannel) => prefs.find((p) => p.kind === kind && p.channel === channel)?.enabled ?? true;
    return {
      kinds: kindsFor(viewer).map((kind) => ({
        kind,
        description: KINDS[kind].description,
        inApp: on(kind, NotificationChannel.IN_APP),
        email: on(kind, NotificationChannel.EMAIL),
      })),
      quietHoursFrom: who.has_settings ? who.quiet_from : DEFAULT_QUIET_HOURS.from,
      quietHoursUntil: who.has_settings ? who.quiet_until : DEFAULT_QUIET_HOURS.until,
      dailyDigest: who.daily_digest,
      timeZone: who.time_zone,
    };
  }

  async setPreference(viewer: Viewer, kind: NotificationKind, channel: NotificationChannel, enabled: boolean): Promise<NotificationPreferences> {
    await setPreference(this.em, viewer.userId, kind, channel, enabled, this.now());
    return this.preferences(viewer);
  }

  async setDailyDigest(viewer: Viewer, enabled: boolean): Promise<NotificationPreferences> {
    await this.em.execute(
      `insert into notification_settings (user_id, quiet_from, quiet_until, daily_digest, updated_at)
       values (?, ?, ?, ?, ?) on conflict (user_id) do update set daily_digest = excluded.daily_digest, updated_at = excluded.updated_at`,
      [viewer.userId, DEFAULT_QUIET_HOURS.from, DEFAULT_QUIET_HOURS.until, enabled, this.now()],
    );
    return this.preferences(viewer);
  }

  async setQuietHours(viewer: Viewer, from: string | null, until: string | null): Promise<NotificationPreferences> {
    if ((from === null) !== (until === null)) throw badInput(from === null ? 'from' : 'until', 'Give both ends of your quiet hours, or neither');
    if (from !== null && !HHMM.test(from)) throw badInput('from', 'from must be a time of day as HH:MM, e.g. 21:00');
    if (until !== null && !HHMM.test(until)) throw badInput('until', 'until must be a time of day as HH:MM, e.g. 08:00');
    if (from !== null && from === until) throw badInput('until', 'Quiet hours must end at another time than they start');
    await this.em.execute(
      `insert into notification_settings (user_id, quiet_from, quiet_until, daily_digest, updated_at) values (?, ?, ?, false, ?)
       on conflict (user_id) do update set quiet_from = excluded.quiet_from, quiet_until = excluded.quiet_until, updated_at = excluded.updated_at`,
      [viewer.userId, from, until, this.now()],
    );
    return this.preferences(viewer);
  }
}

/** Turns one kind on or off on one channel for a user (also the one-click unsubscribe's work). */
export async function setPreference(em: EntityManager, userId: string, kind: NotificationKind, channel: NotificationChannel, enabled: boolean, now: Date): Promise<void> {
  await em.execute(
    `insert into notification_preferences (user_id, kind, channel, enabled, updated_at) values (?, ?, ?, ?, ?)
     on conflict (user_id, kind, channel) do update set enabled = excluded.enabled, updated_at = excluded.updated_at`,
    [userId, kind, channel, enabled, now],
  );
}
