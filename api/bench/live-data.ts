/**
 * The live bench's work (issue 21): what each server is asked, spread over pages, tabs and filters, and how each
 * answer is reduced to one shape so the four servers can be compared before any load. Builds on the compare
 * data set (compare-data.ts): the same learners, submissions, feedback and job activities.
 */

import { RAW_SQL } from './compare-data';

export type Workload = 'queue' | 'progress' | 'learner' | 'nested';
export type ServerName = 'Waypoint' | 'PostGraphile 4' | 'PostGraphile 5' | 'raw SQL';
export const SERVERS: ServerName[] = ['Waypoint', 'PostGraphile 4', 'PostGraphile 5', 'raw SQL'];

/** One request as a server takes it: a GraphQL document and variables, or a raw statement's name and values. */
export interface Ask {
  path: string;
  body: string;
}

/** A request before it is put in a server's words: the queue tab, the page, the learner. */
export type Variant =
  | { workload: 'queue'; page: number; kind: string | null; status: 'SUBMITTED' | 'IN_REVIEW' | null }
  | { workload: 'progress'; page: number }
  | { workload: 'learner'; id: string }
  | { workload: 'nested'; page: number };

const KINDS = [null, 'SMART_GOALS', 'WEEKLY_RETROSPECTIVE', 'JOB_SEARCH_ANALYSIS', 'APPLICATION_MATERIAL'];
const STATUSES = [null, 'SUBMITTED', 'IN_REVIEW'] as const;

/** The queue over its first 5 pages of 50, each kind and each waiting status (the console's tabs and filters): 75 requests. */
export function queueVariants(): Variant[] {
  const out: Variant[] = [];
  for (let page = 0; page < 5; page++) for (const kind of KINDS) for (const status of STATUSES) out.push({ workload: 'queue', page, kind, status });
  return out;
}

/** Extra views for the nested document: every submission with its latest feedback, related to its learner. */
export const LIVE_PGL_SQL = `
  create view pgl.submissions as
    select s.id, s.learner_id, s.kind, s.status, s.submitted_at,
           (select f.id from public.feedback f where f.submission_id = s.id order by f.revision desc limit 1) as latest_feedback_id
    from public.submissions s;
  comment on view pgl.submissions is
    E'@primaryKey id\\n@foreignKey (learner_id) references pgl.learners (id)\\n@foreignKey (latest_feedback_id) references pgl.feedback (id)';
`;

const QUEUE_FIELDS = 'id kind status learner { id name status moduleWeek } latestFeedback { decision body author { name } }';
const PGL_QUEUE_FIELDS = 'id kind status learner: learnerByLearnerId { id name status moduleWeek } latestFeedback: feedbackByLatestFeedbackId { decision body author: userByAuthorId { name } }';

export const WAYPOINT_DOCS: Record<Workload, string> = {
  queue: `query($page: Int!, $filter: SubmissionFilter) { reviewQueue(page: $page, perPage: 50, filter: $filter) { ${QUEUE_FIELDS} } }`,
  progress: `query($after: String) { progress(first: 200, after: $after, days: 7) { totalCount pageInfo { endCursor } nodes { learnerId applications interviews } } }`,
  learner: `query($id: ID!) { learnerProgress(learnerId: $id, days: 7) { applications interviews daily { date applications interviews } } }`,
  nested: `query($page: Int!) { allLearners(page: $page, perPage: 20, sortField: "moduleStartDate") { id name status submissions { id kind status latestFeedback { decision body author { name } } } } }`,
};

export const PGL_DOCS: Record<Workload, string> = {
  queue: `query($offset: Int!, $condition: OpenSubmissionCondition) { allOpenSubmissions(first: 50, offset: $offset, orderBy: [SUBMITTED_AT_ASC, ID_ASC], condition: $condition) { nodes { ${PGL_QUEUE_FIELDS} } } }`,
  progress: `query($after: Cursor) { allLearners(first: 200, after: $after, orderBy: ID_ASC) { totalCount pageInfo { endCursor } nodes { id progress(days: 7) { applications interviews } } } }`,
  learner: `query($id: UUID!) { learnerById(id: $id) { progress(days: 7) { applications interviews } daily(days: 7) { nodes { date applications interviews } } } }`,
  nested: `query($offset: Int!) { allLearners(first: 20, offset: $offset, orderBy: [MODULE_START_DATE_ASC, ID_ASC]) { nodes { id name status submissions: submissionsByLearnerId(orderBy: [SUBMITTED_AT_DESC, ID_ASC]) { nodes { id kind status latestFeedback: feedbackByLatestFeedbackId { decision body author: userByAuthorId { name } } } } } } }`,
};

const LATEST_FEEDBACK = `(select json_build_object('decision', f.decision, 'body', f.body, 'author', json_build_object('name', a.name))
                          from feedback f join users a on a.id = f.author_id where f.submission_id = s.id order by f.revision desc limit 1)`;
const MODULE_WEEK = `case when (now() at time zone l.time_zone)::date >= l.module_start_date then ((now() at time zone l.time_zone)::date - l.module_start_date) / 7 + 1 end`;

/** One statement per workload building the whole response: the physical limit. Values come as the request's `values`. */
export const LIVE_RAW_SQL: Record<Workload, string> = {
  // $1 statuses, $2 kind (or null), $3 offset
  queue: `
    select json_build_object('data', json_build_object('reviewQueue', coalesce(json_agg(json_build_object(
      'id', s.id, 'kind', s.kind, 'status', s.status,
      'learner', json_build_object('id', l.id, 'name', u.name, 'status', l.status, 'moduleWeek', ${MODULE_WEEK}),
      'latestFeedback', ${LATEST_FEEDBACK}) order by s.submitted_at, s.id), '[]'))) as body
    from (select * from submissions where status = any($1::submission_status[]) and ($2::submission_kind is null or kind = $2::submission_kind)
          order by submitted_at, id limit 50 offset $3::int) s
    join learners l on l.id = s.learner_id join users u on u.id = l.user_id`,
  // $1 the last learner id of the page before (or null)
  progress: `
    with page as (select id, time_zone from learners where $1::uuid is null or id > $1::uuid order by id limit 200)
    select json_build_object('data', json_build_object('progress', json_build_object(
      'totalCount', (select count(*) from learners),
      'nodes', coalesce(json_agg(json_build_object('learnerId', p.id, 'applications', c.applications, 'interviews', c.interviews) order by p.id), '[]')))) as body
    from page p cross join lateral (
      select count(*) filter (where a.kind = 'APPLICATION')::int as applications, count(*) filter (where a.kind = 'INTERVIEW')::int as interviews
      from job_activities a
      where a.learner_id = p.id and a.occurred_at <= now()
        and a.occurred_at >= (((now() at time zone p.time_zone)::date - 6)::timestamp at time zone p.time_zone)) c`,
  // $1 the learner: the compare bench's statement
  learner: RAW_SQL.learner,
  // $1 offset
  nested: `
    with page as (select l.id, u.name, l.status, l.n
                  from (select *, row_number() over (order by module_start_date, id) as n from learners order by module_start_date, id limit 20 offset $1::int) l
                  join users u on u.id = l.user_id)
    select json_build_object('data', json_build_object('allLearners', coalesce(json_agg(json_build_object(
      'id', p.id, 'name', p.name, 'status', p.status,
      'submissions', (select coalesce(json_agg(json_build_object('id', s.id, 'kind', s.kind, 'status', s.status, 'latestFeedback', ${LATEST_FEEDBACK})
                                               order by s.submitted_at desc, s.id), '[]')
                      from submissions s where s.learner_id = p.id)) order by p.n), '[]'))) as body
    from page p`,
};

/** The request for a variant on a server. `cursors` holds each server's own cursor for progress page n (walked beforehand). */
export function askFor(server: ServerName, v: Variant, token: string, cursors: Map<ServerName, (string | null)[]>): Ask & { headers: Record<string, string> } {
  const json = { 'content-type': 'application/json' };
  const gql = (query: string, variables: Record<string, unknown>, headers: Record<string, string> = {}) => ({
    path: '/graphql',
    body: JSON.stringify({ query, variables }),
    headers: { ...json, ...headers },
  });
  const after = v.workload === 'progress' ? (cursors.get(server)?.[v.page] ?? null) : null;
  if (server === 'raw SQL') {
    const values =
      v.workload === 'queue' ? [v.status ? [v.status] : ['SUBMITTED', 'IN_REVIEW'], v.kind, v.page * 50]
      : v.workload === 'progress' ? [after]
      : v.workload === 'learner' ? [v.id]
      : [v.page * 20];
    return { path: `/live/${v.workload}`, body: JSON.stringify({ values }), headers: json };
  }
  if (server === 'Waypoint') {
    const auth = { authorization: `Bearer ${token}` };
    if (v.workload === 'queue') {
      const filter = { ...(v.kind ? { kind: v.kind } : {}), ...(v.status ? { statuses: [v.status] } : {}) };
      return gql(WAYPOINT_DOCS.queue, { page: v.page, filter }, auth);
    }
    if (v.workload === 'progress') return gql(WAYPOINT_DOCS.progress, { after }, auth);
    if (v.workload === 'learner') return gql(WAYPOINT_DOCS.learner, { id: v.id }, auth);
    return gql(WAYPOINT_DOCS.nested, { page: v.page }, auth);
  }
  if (v.workload === 'queue') {
    const condition = { ...(v.kind ? { kind: v.kind } : {}), ...(v.status ? { status: v.status } : {}) };
    return gql(PGL_DOCS.queue, { offset: v.page * 50, condition });
  }
  if (v.workload === 'progress') return gql(PGL_DOCS.progress, { after });
  if (v.workload === 'learner') return gql(PGL_DOCS.learner, { id: v.id });
  return gql(PGL_DOCS.nested, { offset: v.page * 20 });
}

const counts = (applications: unknown, interviews: unknown) => ({ applications: Number(applications), interviews: Number(interviews) });
const days = (list: any[]) => list.map((d) => ({ date: String(d.date).slice(0, 10), ...counts(d.applications, d.interviews) }));
const feedback = (f: any) => (f ? { decision: f.decision, body: f.body, author: f.author.name } : null);
const queueItem = (s: any) => ({
  id: s.id, kind: s.kind, status: s.status,
  learner: { id: s.learner.id, name: s.learner.name, status: s.learner.status, moduleWeek: s.learner.moduleWeek ?? null },
  latestFeedback: feedback(s.latestFeedback),
});
const nestedLearner = (l: any, submissions: any[]) => ({
  id: l.id, name: l.name, status: l.status,
  submissions: submissions.map((s) => ({ id: s.id, kind: s.kind, status: s.status, latestFeedback: feedback(s.latestFeedback) })),
});

/** A server's answer reduced to the shape all four share; `endCursor` is the server's own cursor after a progress page. */
export function reduce(server: ServerName, workload: Workload, body: any): { value: unknown; endCursor?: string | null } {
  const d = body.data;
  const pgl = server === 'PostGraphile 4' || server === 'PostGraphile 5';
  if (workload === 'queue') return { value: (pgl ? d.allOpenSubmissions.nodes : d.reviewQueue).map(queueItem) };
  if (workload === 'progress') {
    if (pgl) {
      const c = d.allLearners;
      return { value: { total: c.totalCount, nodes: c.nodes.map((n: any) => ({ id: n.id, ...counts(n.progress.applications, n.progress.interviews) })) }, endCursor: c.pageInfo.endCursor };
    }
    const c = d.progress;
    const nodes = c.nodes.map((n: any) => ({ id: n.learnerId, ...counts(n.applications, n.interviews) }));
    return { value: { total: c.totalCount, nodes }, endCursor: server === 'raw SQL' ? (nodes.at(-1)?.id ?? null) : c.pageInfo.endCursor };
  }
  if (workload === 'learner') {
    if (pgl) return { value: { ...counts(d.learnerById.progress.applications, d.learnerById.progress.interviews), daily: days(d.learnerById.daily.nodes) } };
    return { value: { ...counts(d.learnerProgress.applications, d.learnerProgress.interviews), daily: days(d.learnerProgress.daily) } };
  }
  if (pgl) return { value: d.allLearners.nodes.map((l: any) => nestedLearner(l, l.submissions.nodes)) };
  return { value: d.allLearners.map((l: any) => nestedLearner(l, l.submissions)) };
}
