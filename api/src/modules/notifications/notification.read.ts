import { computed, readType, through } from '../../read/declare';
import { offsetListSql } from '../../read/connection';
import { readRoots, validInstance, type RootSql } from '../../read/root';
import { flatten, isoSql } from '../../read/json-select';
import { badInput } from '../../common/errors';
import { UUID_TEXT } from '../../common/validators';
import { CaughtMail, Notification, NotificationDelivery } from './notification.entity';
import { DeliveryStatus } from './notification-kind';
import { LogArgs, NotificationArgs } from './notification.inputs';

export const NotificationRead = readType(Notification, 'notifications', {
  link: computed({
    type: () => String,
    nullable: true,
    description: 'Where to act on it (an absolute URL), when there is a place in Waypoint.',
    // The request's public URL (PUBLIC_URL, or the host it came to) before the path; null when there is no path.
    sql: (n, scope) => `(${scope.params.publicUrl} || ${n}.path)`,
    reads: [],
  }),
  read: computed({ type: () => Boolean, description: 'Whether you marked it read.', sql: (n) => `(${n}.read_at is not null)`, reads: [] }),
});

/** A person's list: their notifications shown in the app (one whose kind they turned off in-app is not), newest first. */
export const mineSql = (n: string, recipient: string) => `${n}.recipient_id = ${recipient} and ${n}.in_app`;
export const NEWEST_FIRST = (n: string) => `${n}.created_at desc, ${n}.id desc`;

/**
 * A page's end: base64url of `notification:<created_at, ISO to the millisecond>:<id>`, the keyset of the list's order
 * (newest first). Made in SQL for the page (cursorSql) and read here.
 */
const cursorSql = (n: string) =>
  `translate(encode(convert_to('notification:' || ${isoSql(`${n}.created_at`)} || ':' || ${n}.id::text, 'UTF8'), 'base64'), E'+/=\\n', '-_')`;

const CURSOR = new RegExp(`^notification:(\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z):(${UUID_TEXT})$`);

function decodeCursor(cursor: string): { at: string; id: string } {
  const m = CURSOR.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  // The instant as toISOString wrote it: a day that does not exist (February 30) would not come back the same.
  if (!m || Number.isNaN(Date.parse(m[1])) || new Date(m[1]).toISOString() !== m[1]) throw badInput('after', 'after must be an endCursor this API returned');
  return { at: m[1], id: m[2] };
}

/**
 * Your notifications (the bell's list), newest first: the page (first + 1 rows after the cursor, off the
 * `(recipient_id, created_at, id)` order) is taken first, then JSON for its rows; the counts are of the viewer's
 * own in-app notifications. Everything is scoped to the viewer: nobody reads another's.
 */
const notifications: RootSql = async (args, _ctx, node, scope) => {
  const page = await validInstance(NotificationArgs, { first: args.first, after: args.after, unreadOnly: args.unreadOnly });
  const fields = page && node.selectionSet ? flatten(node.selectionSet, scope.fragments, 'NotificationConnection') : null;
  if (!page || !fields) return null;
  const after = page.after ? decodeCursor(page.after) : null;
  const p = scope.params;
  const mine = mineSql('n', `${p.add(scope.viewer.userId)}::uuid`);
  const listed = page.unreadOnly ? `${mine} and n.read_at is null` : mine;
  const keyset = after ? ` and (n.created_at, n.id) < (${p.add(after.at)}::timestamptz, ${p.add(after.id)}::uuid)` : '';
  const cte = p.alias('page');
  const r = p.alias('r');
  const limit = `${p.add(page.first)}::int`;
  const rows = `(select * from ${cte} x order by ${NEWEST_FIRST('x')} limit ${limit}) ${r}`;
  const pairs: string[] = [];
  for (const f of fields) {
    let sql: string | null = null;
    if (f.name === '__typename') sql = `'NotificationConnection'`;
    else if (f.name === 'totalCount') sql = `(select count(*)::int from notifications n where ${listed})`;
    else if (f.name === 'unreadCount') sql = `(select count(*)::int from notifications n where ${mine} and n.read_at is null)`;
    else if (f.name === 'nodes') {
      const obj = scope.object('Notification', f.node, r);
      sql = obj && `(select coalesce(json_agg(${obj} order by ${NEWEST_FIRST(r)}), '[]'::json) from ${rows})`;
    } else if (f.name === 'pageInfo' && f.node.selectionSet) {
      const info = flatten(f.node.selectionSet, scope.fragments, 'NotificationPageInfo') ?? [];
      const parts = info.flatMap((i) => [
        `'${i.key}'`,
        i.name === '__typename' ? `'NotificationPageInfo'`
          : i.name === 'hasNextPage' ? `((select count(*) from ${cte}) > ${limit})`
            : `(select ${cursorSql(r)} from ${rows} order by ${r}.created_at, ${r}.id limit 1)`,
      ]);
      sql = `json_build_object(${parts.join(', ')})`;
    }
    if (sql === null) return null;
    pairs.push(`'${f.key}'`, sql);
  }
  return `(with ${cte} as (select n.* from notifications n where ${listed}${keyset} order by ${NEWEST_FIRST('n')} limit ${limit} + 1)
          select json_build_object(${pairs.join(', ')}))`;
};

export const NotificationDeliveryRead = readType(NotificationDelivery, 'notification_deliveries', {
  notification: through({ property: 'notification', target: () => NotificationRead, description: 'What is delivered, to whom (its recipient) and why.' }),
});

export const CaughtMailRead = readType(CaughtMail, 'caught_mails', {});

const STATUSES = new Set<unknown>(Object.values(DeliveryStatus));

/**
 * The staff pages' mail logs, newest first, compiled: one statement, the newest `first` rows taken off an index
 * on the order first, then JSON for those rows only. Their resolvers ask the same SQL for the rows' ids (listAnswer).
 */
export const notificationRoots: Record<'notifications' | 'caughtMails' | 'notificationDeliveries', RootSql> = {
  notifications,
  async caughtMails(args, _ctx, node, scope) {
    const log = await validInstance(LogArgs, { first: args.first });
    if (!log) return null;
    return offsetListSql({ typeName: 'CaughtMail', table: 'caught_mails', alias: 'm', where: 'true' }, 'm.received_at desc, m.id desc', { limit: log.first, offset: 0 }, node, scope);
  },
  async notificationDeliveries(args, _ctx, node, scope) {
    const log = await validInstance(LogArgs, { first: args.first });
    if (!log || (args.status != null && !STATUSES.has(args.status))) return null;
    const where = args.status != null ? `d.status = ${scope.params.add(args.status)}::delivery_status` : 'true';
    const source = { typeName: 'NotificationDelivery', table: 'notification_deliveries', alias: 'd', where };
    return offsetListSql(source, 'd.created_at desc, d.id desc', { limit: log.first, offset: 0 }, node, scope);
  },
};

readRoots(notificationRoots);
