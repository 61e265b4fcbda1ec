/**
 * What the lists bench asks: each console list with the document the console sends (admin/src/<resource>/data.ts,
 * fragments inlined) and its equivalent for PostGraphile over the `pgl` views (lists-data.ts): the same fields, page
 * size and order. Each answer is reduced to one shape so the servers can be compared before any load.
 */

/** The servers a list is asked of: raw SQL answers with Waypoint's response keys (lists-raw.ts). */
export type ListServer = 'Waypoint' | 'PostGraphile 4' | 'PostGraphile 5' | 'raw SQL';
export const LIST_SERVERS: ListServer[] = ['Waypoint', 'PostGraphile 4', 'PostGraphile 5', 'raw SQL'];

/** Ids a list's requests name: the staff viewer (the meetings' "mine" tab), learners, webhook endpoints. */
export interface ListIds {
  staffId: string;
  learnerIds: string[];
  endpointIds: string[];
  /** Learners' users, each asking for their own notifications (the bell). */
  learnerUserIds: string[];
}

type Vars = Record<string, unknown>;
interface Document {
  query: string;
  variables: Vars;
}

/** One console list: its requests (one variant each), put in Waypoint's and PostGraphile's words, and the reduction. */
export interface ConsoleList {
  label: string;
  variants: (ids: ListIds) => Vars[];
  waypoint: (v: Vars) => Document;
  pgl: (v: Vars, ids: ListIds) => Document;
  /** The raw server's statement for a request (a key of LISTS_RAW_SQL) and its values. */
  raw: { key: (v: Vars) => string; values: (v: Vars, ids: ListIds) => unknown[] };
  /** The answer in one shape; `server` is Waypoint for the raw server too (the same response keys). */
  reduce: (server: ListServer, data: any) => unknown;
  /** Whom Waypoint is asked as, when not the staff viewer (a learner's own bell). */
  viewer?: (v: Vars) => string;
}

// Pages of 50 everywhere: the console's largest page for learners and users (it opens them at 25) and twice the meeting
// queue's 25, so every list is measured at the same page size.
const PAGES = [0, 1, 2, 3, 4];
const ms = (x: unknown) => (x == null ? null : new Date(x as string).toISOString());
const json = (x: unknown) => (typeof x === 'string' ? JSON.parse(x) : x);
const pick = (o: any, keys: string[], dates: string[] = []) => Object.fromEntries([...keys.map((k) => [k, o[k] ?? null]), ...dates.map((k) => [k, ms(o[k])])]);
const pglNodes = (server: ListServer, data: any, key: string) => (server === 'Waypoint' ? data[key] : data[key].nodes);

const LEARNER_ROW = `id userId name email timeZone moduleStartDate moduleWeek status statusChangedAt
    coachId coach { id name } createdAt updatedAt requiredActivities { requiredActivityId met } quietInHuntr`;
const PGL_LEARNER_ROW = `id userId name email timeZone moduleStartDate moduleWeek status statusChangedAt
    coachId coach: userByCoachId { id name } createdAt updatedAt requiredActivities { nodes { requiredActivityId met } } quietInHuntr`;
const MEETING_ROW = `id topic note status urgent startsAt endsAt requestedAt updatedAt
    windows { startsAt endsAt } learner { id name timeZone } coach { id name timeZone }`;
const PGL_MEETING_ROW = `id topic note status urgent startsAt endsAt requestedAt updatedAt
    windows learner: learnerByLearnerId { id name timeZone } coach: userByCoachId { id name timeZone }`;

/** The lists, in the order the bench prints them. */
export const CONSOLE_LISTS: ConsoleList[] = [
  {
    label: 'learners, by name',
    // LearnerList: sort name ASC, the status filter (AT_RISK) or none.
    variants: () => [null, 'AT_RISK'].flatMap((status) => PAGES.map((page) => ({ page, status }))),
    waypoint: ({ page, status }) => ({
      query: `query allLearners($filter: LearnerFilter, $page: Int, $perPage: Int, $sortField: String, $sortOrder: String) {
        items: allLearners(filter: $filter, page: $page, perPage: $perPage, sortField: $sortField, sortOrder: $sortOrder) { ...LearnerRow }
        total: _allLearnersMeta(filter: $filter, page: $page, perPage: $perPage, sortField: $sortField, sortOrder: $sortOrder) { count } }
        fragment LearnerRow on Learner { ${LEARNER_ROW} }`,
      variables: { filter: status ? { status } : {}, page, perPage: 50, sortField: 'name', sortOrder: 'ASC' },
    }),
    pgl: ({ page, status }) => ({
      query: `query($offset: Int!, $condition: LearnerCondition) {
        allLearners(first: 50, offset: $offset, orderBy: [NAME_ASC, ID_ASC], condition: $condition) { totalCount nodes { ${PGL_LEARNER_ROW} } } }`,
      variables: { offset: (page as number) * 50, condition: status ? { status } : {} },
    }),
    raw: { key: ({ status }) => (status ? 'learnersByStatus' : 'learners'), values: ({ page, status }) => [status, (page as number) * 50] },
    reduce: (server, d) => {
      const rows = server === 'Waypoint' ? d.items : d.allLearners.nodes;
      return {
        total: server === 'Waypoint' ? d.total.count : d.allLearners.totalCount,
        rows: rows.map((l: any) => ({
          ...pick(l, ['id', 'userId', 'name', 'email', 'timeZone', 'moduleStartDate', 'moduleWeek', 'status', 'coachId', 'quietInHuntr'], ['statusChangedAt', 'createdAt', 'updatedAt']),
          coach: pick(l.coach, ['id', 'name']),
          requiredActivities: (server === 'Waypoint' ? l.requiredActivities : l.requiredActivities.nodes).map((r: any) => pick(r, ['requiredActivityId', 'met'])),
        })),
      };
    },
  },
  {
    label: "a learner's submissions",
    // LearnerSubmissions (the learner's page): every version, newest first, 200 a page.
    variants: (ids) => ids.learnerIds.slice(0, 50).map((learnerId) => ({ learnerId })),
    waypoint: ({ learnerId }) => ({
      query: `query learnerSubmissions($filter: SubmissionFilter) {
        data: allSubmissions(filter: $filter, perPage: 200, sortField: "submittedAt", sortOrder: "DESC") {
          id kind status versionNumber submittedAt moduleWeek latestFeedback { decision createdAt } } }`,
      variables: { filter: { learnerId } },
    }),
    pgl: ({ learnerId }) => ({
      query: `query($learnerId: UUID!) { data: allSubmissions(first: 200, orderBy: [SUBMITTED_AT_DESC, ID_ASC], condition: { learnerId: $learnerId }) {
        nodes { id kind status versionNumber submittedAt moduleWeek latestFeedback: feedbackByLatestFeedbackId { decision createdAt } } } }`,
      variables: { learnerId },
    }),
    raw: { key: () => 'submissions', values: ({ learnerId }) => [learnerId] },
    reduce: (server, d) =>
      pglNodes(server, d, 'data').map((s: any) => ({
        ...pick(s, ['id', 'kind', 'status', 'versionNumber', 'moduleWeek'], ['submittedAt']),
        latestFeedback: s.latestFeedback && pick(s.latestFeedback, ['decision'], ['createdAt']),
      })),
  },
  {
    label: 'meetings, requested and all',
    // MeetingQueueDocument: a tab's page (urgent first, then the oldest request) and the count of every tab; staff.
    variants: () => ['requested', 'all'].flatMap((view) => [0, 1, 2].map((page) => ({ page, view }))),
    waypoint: ({ page, view }) => ({
      query: `query meetingQueue($filter: MeetingFilter, $page: Int, $perPage: Int, $requested: MeetingFilter, $scheduled: MeetingFilter, $mine: MeetingFilter, $all: MeetingFilter) {
        items: allMeetings(filter: $filter, page: $page, perPage: $perPage) { ...MeetingRow }
        requested: _allMeetingsMeta(filter: $requested) { count } scheduled: _allMeetingsMeta(filter: $scheduled) { count }
        mine: _allMeetingsMeta(filter: $mine) { count } all: _allMeetingsMeta(filter: $all) { count } }
        fragment MeetingRow on Meeting { ${MEETING_ROW} }`,
      variables: {
        filter: view === 'requested' ? { statuses: ['REQUESTED'] } : {}, page, perPage: 50,
        requested: { statuses: ['REQUESTED'] }, scheduled: { statuses: ['SCHEDULED'] }, mine: { mine: true }, all: {},
      },
    }),
    pgl: ({ page, view }, ids) => ({
      query: `query($offset: Int!, $condition: MeetingCondition, $me: UUID!) {
        items: allMeetings(first: 50, offset: $offset, orderBy: [URGENT_DESC, REQUESTED_AT_ASC, ID_ASC], condition: $condition) { nodes { ${PGL_MEETING_ROW} } }
        requested: allMeetings(condition: { status: REQUESTED }) { totalCount } scheduled: allMeetings(condition: { status: SCHEDULED }) { totalCount }
        mine: allMeetings(condition: { coachId: $me }) { totalCount } all: allMeetings { totalCount } }`,
      variables: { offset: (page as number) * 50, condition: view === 'requested' ? { status: 'REQUESTED' } : {}, me: ids.staffId },
    }),
    raw: { key: ({ view }) => (view === 'requested' ? 'meetingsByStatus' : 'meetings'), values: ({ page, view }, ids) => [view === 'requested' ? ['REQUESTED'] : null, (page as number) * 50, ids.staffId] },
    reduce: (server, d) => {
      const count = (k: string) => (server === 'Waypoint' ? d[k].count : d[k].totalCount);
      return {
        counts: ['requested', 'scheduled', 'mine', 'all'].map(count),
        rows: pglNodes(server, d, 'items').map((m: any) => ({
          ...pick(m, ['id', 'topic', 'note', 'status', 'urgent'], ['startsAt', 'endsAt', 'requestedAt', 'updatedAt']),
          windows: json(m.windows).map((w: any) => pick(w, [], ['startsAt', 'endsAt'])),
          learner: pick(m.learner, ['id', 'name', 'timeZone']),
          coach: pick(m.coach, ['id', 'name', 'timeZone']),
        })),
      };
    },
  },
  {
    label: 'users, by name',
    // UserList: sort name ASC; the coach picker's filter (role COACH).
    variants: () => [...PAGES.map((page) => ({ page, role: null })), { page: 0, role: 'COACH' }],
    waypoint: ({ page, role }) => ({
      query: `query allUsers($filter: UserFilter, $page: Int, $perPage: Int, $sortField: String, $sortOrder: String) {
        items: allUsers(filter: $filter, page: $page, perPage: $perPage, sortField: $sortField, sortOrder: $sortOrder) { ...UserRow }
        total: _allUsersMeta(filter: $filter, page: $page, perPage: $perPage, sortField: $sortField, sortOrder: $sortOrder) { count } }
        fragment UserRow on User { id email name role active timeZone createdAt }`,
      variables: { filter: role ? { role } : {}, page, perPage: 50, sortField: 'name', sortOrder: 'ASC' },
    }),
    pgl: ({ page, role }) => ({
      query: `query($offset: Int!, $condition: UserCondition) {
        allUsers(first: 50, offset: $offset, orderBy: [NAME_ASC, ID_ASC], condition: $condition) { totalCount nodes { id email name role active timeZone createdAt } } }`,
      variables: { offset: (page as number) * 50, condition: role ? { role } : {} },
    }),
    raw: { key: ({ role }) => (role ? 'usersByRole' : 'users'), values: ({ page, role }) => [role, (page as number) * 50] },
    reduce: (server, d) => ({
      total: server === 'Waypoint' ? d.total.count : d.allUsers.totalCount,
      rows: (server === 'Waypoint' ? d.items : d.allUsers.nodes).map((u: any) => pick(u, ['id', 'email', 'name', 'role', 'active', 'timeZone'], ['createdAt'])),
    }),
  },
  {
    label: 'audit log',
    // The staff pages' audit log (bench:ab audit's document): newest first, all actions and one.
    variants: () => [null, 'setEnrollmentStatus'].flatMap((action) => PAGES.map((page) => ({ page, action }))),
    waypoint: ({ page, action }) => ({
      query: `query($page: Int, $filter: AuditFilter) { data: auditLog(page: $page, perPage: 50, filter: $filter) { id at action subjectId details requestId actor { id name email } } }`,
      variables: { page, filter: action ? { action } : null },
    }),
    pgl: ({ page, action }) => ({
      query: `query($offset: Int!, $condition: AuditEntryCondition) { data: allAuditEntries(first: 50, offset: $offset, orderBy: [SEQ_DESC], condition: $condition) {
        nodes { id at action subjectId details requestId actor: userByActorId { id name email } } } }`,
      variables: { offset: (page as number) * 50, condition: action ? { action } : {} },
    }),
    raw: { key: ({ action }) => (action ? 'auditByAction' : 'audit'), values: ({ page, action }) => [action, (page as number) * 50] },
    reduce: (server, d) =>
      pglNodes(server, d, 'data').map((a: any) => ({ ...pick(a, ['id', 'action', 'subjectId', 'requestId'], ['at']), details: json(a.details), actor: pick(a.actor, ['id', 'name', 'email']) })),
  },
  {
    label: 'caught mail',
    variants: () => [{}],
    waypoint: () => ({ query: `query caughtMails($first: Int!) { data: caughtMails(first: $first) { id messageId from to subject text html listUnsubscribe receivedAt } }`, variables: { first: 50 } }),
    pgl: () => ({
      query: `query { data: allCaughtMails(first: 50, orderBy: [RECEIVED_AT_DESC, ID_DESC]) { nodes { id messageId from to subject text html listUnsubscribe receivedAt } } }`,
      variables: {},
    }),
    raw: { key: () => 'caughtMails', values: () => [] },
    reduce: (server, d) => pglNodes(server, d, 'data').map((m: any) => pick(m, ['id', 'messageId', 'from', 'to', 'subject', 'text', 'html', 'listUnsubscribe'], ['receivedAt'])),
  },
  {
    label: 'notification deliveries',
    variants: () => [{ status: null }, { status: 'FAILED' }],
    waypoint: ({ status }) => ({
      query: `query notificationDeliveries($first: Int!, $status: DeliveryStatus) { data: notificationDeliveries(first: $first, status: $status) {
        id channel status attempts lastError durationMs dueAt sentAt createdAt notification { id kind title } } }`,
      variables: { first: 50, status },
    }),
    pgl: ({ status }) => ({
      query: `query($condition: NotificationDeliveryCondition) { data: allNotificationDeliveries(first: 50, orderBy: [CREATED_AT_DESC, ID_DESC], condition: $condition) {
        nodes { id channel status attempts lastError durationMs dueAt sentAt createdAt notification: notificationByNotificationId { id kind title } } } }`,
      variables: { condition: status ? { status } : {} },
    }),
    raw: { key: ({ status }) => (status ? 'deliveriesByStatus' : 'deliveries'), values: ({ status }) => [status] },
    reduce: (server, d) =>
      pglNodes(server, d, 'data').map((x: any) => ({ ...pick(x, ['id', 'channel', 'status', 'attempts', 'lastError', 'durationMs'], ['dueAt', 'sentAt', 'createdAt']), notification: pick(x.notification, ['id', 'kind', 'title']) })),
  },
  {
    label: 'notifications (the bell)',
    // admin/src/notifications/data.ts: the newest 10 with both counts, each learner their own.
    variants: (ids) => ids.learnerUserIds.map((userId) => ({ userId })),
    viewer: ({ userId }) => userId as string,
    waypoint: () => ({
      query: `query notifications($first: Int!) { data: notifications(first: $first) { nodes { ...Notification } totalCount unreadCount } }
        fragment Notification on Notification { id kind title body link read readAt createdAt }`,
      variables: { first: 10 },
    }),
    pgl: ({ userId }) => ({
      query: `query($r: UUID!) { data: allBellNotifications(first: 10, orderBy: [CREATED_AT_DESC, ID_DESC], condition: { recipientId: $r }) {
        totalCount nodes { id kind title body link read readAt createdAt } } unread: allBellNotifications(condition: { recipientId: $r, read: false }) { totalCount } }`,
      variables: { r: userId },
    }),
    raw: { key: () => 'bell', values: ({ userId }) => [userId] },
    reduce: (server, d) => ({
      totalCount: d.data.totalCount,
      unreadCount: server === 'Waypoint' ? d.data.unreadCount : d.unread.totalCount,
      // Waypoint's link is absolute (the request's host before the path): compared by its path.
      nodes: d.data.nodes.map((n: any) => ({ ...pick(n, ['id', 'kind', 'title', 'body', 'read'], ['readAt', 'createdAt']), link: n.link?.replace(/^https?:\/\/[^/]+/, '') ?? null })),
    }),
  },
  {
    label: 'webhook endpoints',
    variants: () => [{}],
    waypoint: () => ({ query: `query webhookEndpoints { data: webhookEndpoints { id url description eventTypes enabled disabledReason createdAt } }`, variables: {} }),
    pgl: () => ({ query: `query { data: allWebhookEndpoints(orderBy: [CREATED_AT_DESC, ID_DESC]) { nodes { id url description eventTypes enabled disabledReason createdAt } } }`, variables: {} }),
    raw: { key: () => 'endpoints', values: () => [] },
    reduce: (server, d) => pglNodes(server, d, 'data').map((e: any) => pick(e, ['id', 'url', 'description', 'eventTypes', 'enabled', 'disabledReason'], ['createdAt'])),
  },
  {
    label: 'webhook deliveries',
    // WebhookDeliveries: one endpoint's newest 50, all and the failed ones.
    variants: (ids) => ids.endpointIds.flatMap((endpointId) => [null, 'FAILED'].map((status) => ({ endpointId, status }))),
    waypoint: ({ endpointId, status }) => ({
      query: `query webhookDeliveries($endpointId: ID, $status: DeliveryStatus, $first: Int!) { data: webhookDeliveries(endpointId: $endpointId, status: $status, first: $first) {
        id endpointId eventId eventType status attempts responseStatus durationMs lastError replayOf payload dueAt sentAt createdAt } }`,
      variables: { endpointId, status, first: 50 },
    }),
    pgl: ({ endpointId, status }) => ({
      query: `query($condition: WebhookDeliveryCondition) { data: allWebhookDeliveries(first: 50, orderBy: [CREATED_AT_DESC, ID_DESC], condition: $condition) {
        nodes { id endpointId eventId eventType status attempts responseStatus durationMs lastError replayOf payload dueAt sentAt createdAt } } }`,
      variables: { condition: { endpointId, ...(status ? { status } : {}) } },
    }),
    raw: { key: ({ status }) => (status ? 'webhooksByStatus' : 'webhooks'), values: ({ endpointId, status }) => [endpointId, status] },
    reduce: (server, d) =>
      pglNodes(server, d, 'data').map((x: any) => ({
        ...pick(x, ['id', 'endpointId', 'eventId', 'eventType', 'status', 'attempts', 'responseStatus', 'durationMs', 'lastError', 'replayOf'], ['dueAt', 'sentAt', 'createdAt']),
        payload: json(x.payload),
      })),
  },
  {
    label: 'failed jobs',
    variants: () => [{}],
    waypoint: () => ({ query: `query failedJobs($first: Int!) { data: failedJobs(first: $first) { id task attempts maxAttempts lastError failedAt nextAttemptAt createdAt } }`, variables: { first: 50 } }),
    pgl: () => ({ query: `query { data: allFailedJobs(first: 50, orderBy: [FAILED_AT_DESC, ID_DESC]) { nodes { id task attempts maxAttempts lastError failedAt nextAttemptAt createdAt } } }`, variables: {} }),
    raw: { key: () => 'failedJobs', values: () => [] },
    reduce: (server, d) => pglNodes(server, d, 'data').map((j: any) => ({ ...pick(j, ['task', 'attempts', 'maxAttempts', 'lastError'], ['failedAt', 'nextAttemptAt', 'createdAt']), id: String(j.id) })),
  },
  {
    label: 'coach alerts, open',
    variants: () => [{}],
    waypoint: () => ({ query: `query coachAlerts { data: coachAlerts(openOnly: true) { id message createdAt learner { id name } } }`, variables: {} }),
    pgl: () => ({ query: `query { data: allOpenCoachAlerts(orderBy: [CREATED_AT_DESC, ID_DESC]) { nodes { id message createdAt learner: learnerByLearnerId { id name } } } }`, variables: {} }),
    raw: { key: () => 'alerts', values: () => [] },
    reduce: (server, d) => pglNodes(server, d, 'data').map((a: any) => ({ ...pick(a, ['id', 'message'], ['createdAt']), learner: pick(a.learner, ['id', 'name']) })),
  },
];

/** A list's requests on a server, as autocannon sends them (Waypoint's with the staff token). */
/** `tokenFor(userId)`: Waypoint's bearer token for that user, or the staff viewer's when none is named. */
export function listAsks(list: ConsoleList, server: ListServer, ids: ListIds, tokenFor: (userId?: string) => string): { path: string; body: string; headers: Record<string, string> }[] {
  const headersOf = (v: Vars): Record<string, string> => ({ 'content-type': 'application/json', ...(server === 'Waypoint' ? { authorization: `Bearer ${tokenFor(list.viewer?.(v))}` } : {}) });
  if (server === 'raw SQL') return list.variants(ids).map((v) => ({ path: `/lists/${list.raw.key(v)}`, headers: headersOf(v), body: JSON.stringify({ values: list.raw.values(v, ids) }) }));
  return list.variants(ids).map((v) => ({ path: '/graphql', headers: headersOf(v), body: JSON.stringify(server === 'Waypoint' ? list.waypoint(v) : list.pgl(v, ids)) }));
}

/** A server's answer to a list's request in the shape all share (the raw server answers with Waypoint's keys). */
export function reduceAnswer(list: ConsoleList, server: ListServer, data: unknown): unknown {
  return list.reduce(server === 'raw SQL' ? 'Waypoint' : server, data);
}
