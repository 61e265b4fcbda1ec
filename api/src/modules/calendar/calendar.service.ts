import { createHash, randomBytes } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { CalendarFeed } from './calendar-feed.entity';
import { Role, User } from '../users/user.entity';
import type { Viewer } from '../../auth/viewer';
import { badInput, forbidden } from '../../common/errors';
import { requireId } from '../../common/query';

const hash = (token: string) => createHash('sha256').update(token).digest('hex');

export interface CalendarEntry {
  kind: 'MEETING' | 'EVENT';
  id: string;
  title: string;
  description: string;
  startsAt: Date;
  endsAt: Date;
  cancelled: boolean;
  link: string | null;
  sequence: number;
  updatedAt: Date;
  /** For a learner's own event on the waitlist: their place in it (no seat yet, so no link); null otherwise. */
  waitlistPosition: number | null;
}

/**
 * iCalendar TEXT per RFC 5545 §3.3.11: backslash, semicolon and comma escaped, every line break (CRLF, a lone
 * CR or LF) as \n, and the other control characters, which TEXT may not hold, dropped: nothing a person typed can
 * end the line and start a property of its own.
 */
const text = (value: string) =>
  value
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n')
    .replace(/[\u0000-\u0008\u000B-\u001F\u007F]/g, '');
const stamp = (d: Date) => d.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');

/** Folds a content line at 75 octets (RFC 5545 §3.1): continuation lines start with a space. */
function fold(line: string): string {
  const bytes = Buffer.from(line, 'utf8');
  if (bytes.length <= 75) return line;
  const parts: string[] = [];
  let start = 0;
  while (start < bytes.length) {
    let end = Math.min(start + (start === 0 ? 75 : 74), bytes.length);
    while (end < bytes.length && (bytes[end] & 0xc0) === 0x80) end--; // never split a UTF-8 character
    parts.push(bytes.subarray(start, end).toString('utf8'));
    start = end;
  }
  return parts.join('\r\n ');
}

/** Secret calendar feeds (iCalendar) of meetings and events, and a coach's calendar for the console. */
export class CalendarService {
  constructor(
    private readonly em: EntityManager,
    private readonly now: () => Date,
  ) {}

  /** A new secret URL token for the viewer; the old one stops working. Only its hash is kept. */
  async regenerate(viewer: Viewer): Promise<string> {
    const token = randomBytes(24).toString('base64url');
    await this.em.execute(
      `insert into calendar_feeds (user_id, token_hash, created_at) values (?, ?, ?)
       on conflict (user_id) do update set token_hash = excluded.token_hash, created_at = excluded.created_at`,
      [viewer.userId, hash(token), this.now()],
    );
    return token;
  }

  /** Meetings and events on a person's calendar in a range: a learner's own; a coach's meetings and facilitated events. */
  async entries(user: { id: string; role: Role }, from: Date, to: Date): Promise<CalendarEntry[]> {
    const rows = await this.em.execute<
      {
        kind: 'MEETING' | 'EVENT'; id: string; title: string; description: string; starts_at: Date; ends_at: Date; cancelled: boolean;
        link: string | null; sequence: number; updated_at: Date; seated: boolean | null; waitlist_position: number | null;
      }[]
    >(
      `select 'MEETING' as kind, m.id, '1:1: ' || initcap(replace(m.topic::text, '_', ' ')) || ' — ' || lu.name || ' and ' || cu.name as title,
              m.note as description, m.starts_at, m.ends_at, m.status = 'CANCELLED' as cancelled, m.video_link as link, m.sequence, m.updated_at,
              null::boolean as seated, null::int as waitlist_position
         from meetings m join learners l on l.id = m.learner_id join users lu on lu.id = l.user_id join users cu on cu.id = m.coach_id
        where m.starts_at is not null and m.status in ('SCHEDULED', 'CANCELLED', 'COMPLETED', 'NO_SHOW')
          and (l.user_id = ? or m.coach_id = ?) and m.starts_at < ? and m.ends_at > ?
       union all
       select 'EVENT', e.id, e.title, e.description, e.starts_at, e.ends_at, e.status = 'CANCELLED', e.link, e.sequence, e.updated_at,
              mine.status = 'SEATED',
              case when mine.status = 'WAITLISTED' then
                (select count(*)::int + 1 from event_rsvps o where o.event_id = e.id and o.status = 'WAITLISTED' and o.queue_seq < mine.queue_seq) end
         from coaching_events e
         left join lateral (select r.status, r.queue_seq from event_rsvps r join learners l on l.id = r.learner_id
                             where r.event_id = e.id and l.user_id = ? and r.status in ('SEATED', 'WAITLISTED')) mine on true
        where e.starts_at < ? and e.ends_at > ?
          and (e.facilitator_id = ? or ?::boolean or mine.status is not null)
       order by starts_at, id`,
      [user.id, user.id, to, from, user.id, to, from, user.id, user.role === Role.STAFF],
    );
    return rows.map((r) => ({
      kind: r.kind, id: r.id, title: r.title, description: r.description ?? '', startsAt: new Date(r.starts_at), endsAt: new Date(r.ends_at),
      cancelled: r.cancelled, link: r.waitlist_position === null ? r.link : null,
      // A seat granted off the waitlist is a change the calendar must take: the learner's own entry counts one higher once seated.
      sequence: r.sequence + (r.seated ? 1 : 0),
      updatedAt: new Date(r.updated_at), waitlistPosition: r.waitlist_position,
    }));
  }

  /** A coach's meetings and facilitated events in a range (coaches and staff; at most 62 days). */
  async coachCalendar(viewer: Viewer, rawCoachId: string, from: Date, to: Date): Promise<CalendarEntry[]> {
    if (viewer.role === Role.LEARNER) throw forbidden('Learners cannot read coaches\' calendars');
    if (to <= from) throw badInput('to', 'to must be after from');
    if (to.getTime() - from.getTime() > 62 * 86_400_000) throw badInput('to', 'The range may span at most 62 days');
    const coach = await this.em.findOne(User, { id: requireId(rawCoachId, 'coachId') });
    if (!coach || coach.role !== Role.COACH) throw badInput('coachId', 'coachId must name a coach');
    return (await this.entries({ id: coach.id, role: Role.COACH }, from, to)).filter((e) => !e.cancelled);
  }

  /** The feed for a token, or null when no feed has that token (regenerated or never made). */
  async feed(token: string): Promise<string | null> {
    if (!/^[A-Za-z0-9_-]{20,64}$/.test(token)) return null;
    const feed = await this.em.findOne(CalendarFeed, { tokenHash: hash(token) }, { populate: ['user'] });
    const user = feed?.user.getEntity();
    if (!user || !user.active) return null;
    const now = this.now();
    const entries = await this.entries(user, new Date(now.getTime() - 60 * 86_400_000), new Date(now.getTime() + 366 * 86_400_000));
    const lines = [
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'PRODID:-//Waypoint//Coaching calendar//EN',
      'CALSCALE:GREGORIAN',
      'METHOD:PUBLISH',
      `X-WR-CALNAME:${text(`Waypoint — ${user.name}`)}`,
      `X-WR-TIMEZONE:${user.timeZone}`,
      ...entries.flatMap((e) => [
        'BEGIN:VEVENT',
        `UID:${e.id}@waypoint`,
        `SEQUENCE:${e.sequence}`,
        `DTSTAMP:${stamp(e.updatedAt)}`,
        `LAST-MODIFIED:${stamp(e.updatedAt)}`,
        `DTSTART:${stamp(e.startsAt)}`,
        `DTEND:${stamp(e.endsAt)}`,
        `SUMMARY:${text(e.waitlistPosition === null ? e.title : `${e.title} (waitlist #${e.waitlistPosition})`)}`,
        ...(e.waitlistPosition !== null
          ? [`DESCRIPTION:${text(`You are number ${e.waitlistPosition} on the waitlist: the join link comes when a seat frees for you.${e.description ? `\n\n${e.description}` : ''}`)}`]
          : e.description
            ? [`DESCRIPTION:${text(e.description)}`]
            : []),
        ...(e.link ? [`URL:${e.link}`, `LOCATION:${text(e.link)}`] : []),
        // A waitlist place is not a seat: TENTATIVE until one is granted.
        `STATUS:${e.cancelled ? 'CANCELLED' : e.waitlistPosition !== null ? 'TENTATIVE' : 'CONFIRMED'}`,
        `CATEGORIES:${e.kind === 'MEETING' ? '1:1' : 'Coaching event'}`,
        'END:VEVENT',
      ]),
      'END:VCALENDAR',
    ];
    return `${lines.map(fold).join('\r\n')}\r\n`;
  }
}
