import {
  ApolloClient,
  ApolloLink,
  HttpLink,
  InMemoryCache,
  Observable,
  gql,
  type FetchResult,
} from '@apollo/client';
import type {
  IntrospectionField,
  IntrospectionInputObjectType,
  IntrospectionInputTypeRef,
  IntrospectionInputValue,
  IntrospectionType,
  IntrospectionTypeRef,
} from 'graphql';
import buildGraphQLProvider, {
  type BuildQuery,
  type BuildQueryResult,
  type IntrospectionResult,
} from 'ra-data-graphql';
import {
  CREATE,
  GET_LIST,
  GET_MANY,
  GET_MANY_REFERENCE,
  GET_ONE,
  HttpError,
  UPDATE,
  type DataProvider,
  type Identifier,
  type RaRecord,
} from 'react-admin';
import bundledSchema from 'virtual:waypoint-schema';
import { GRAPHQL_URL } from './authProvider';
import {
  readGraphQLErrors,
  UNREACHABLE_MESSAGE,
  SERVER_FAILURE_MESSAGE,
  statusForCode,
  type GraphQLErrorLike,
  type ReadableError,
} from './errors';
import { authorizationHeader } from './session';
import { COACH_ALERT_SELECTION, PROGRESS_ROW_SELECTION, PROGRESS_SELECTION, type CoachAlert, type LearnerProgress } from './progress/types';
import {
  API_CLIENT_SELECTION,
  type ApiClient,
  type HuntrImportReport,
  type UnmatchedHuntrMember,
} from './integrations/types';
import type { EnrollmentStatus } from './enrollment/statuses';
import {
  COMPLIANCE_HISTORY_SELECTION,
  COMPLIANCE_RUN_SELECTION,
  REQUIRED_ACTIVITY_SELECTION,
  type ComplianceRun,
} from './compliance/types';
import { MORNING_SESSION_SELECTION, type MorningSession } from './morningSessions/types';
import { QUEUE_VIEWS } from './reviews/labels';
import {
  LEARNER_SUBMISSION_SELECTION,
  QUEUE_ITEM_SELECTION,
  SUBMISSION_SELECTION,
  SUMMARY_SELECTION,
  type FeedbackDecision,
  type LearnerSubmission,
  type QueuePage,
  type QueueView,
  type ReviewQueueSummary,
  type Submission,
  type SubmissionKind,
} from './reviews/types';
import {
  ACTIVITY_SELECTION,
  BLOCK_SELECTION,
  TEMPLATE_SELECTION,
  type ScheduleActivity,
  type ScheduleActivityInput,
  type ScheduleActivityPatch,
  type ScheduleBlock,
  type ScheduleBlockInput,
  type ScheduleBlockPatch,
  type ScheduleTemplate,
} from './schedule/types';
import { CALENDAR_ENTRY_SELECTION, VIEWER_SELECTION, type CalendarEntry, type Viewer } from './calendar/types';
import {
  EVENT_ROW_SELECTION,
  EVENT_SELECTION,
  RSVP_SELECTION,
  type Attendance,
  type CoachingEvent,
  type CoachingEventInput,
  type CoachingEventPatch,
  type CoachingEventRow,
  type Rsvp,
} from './events/types';
import { MEETING_VIEWS } from './meetings/labels';
import {
  MEETING_ROW_SELECTION,
  MEETING_SELECTION,
  WORKING_HOURS_SELECTION,
  type Meeting,
  type MeetingOutcome,
  type MeetingPage,
  type MeetingView,
  type RescheduleMeetingArgs,
  type ScheduleMeetingArgs,
  type WorkingHours,
} from './meetings/types';
import {
  REVIEW_TARGET_SELECTION,
  RULE_SELECTION,
  type RequiredActivity,
  type RequiredActivityInput,
  type RequiredActivityPatch,
  type ReviewTarget,
} from './settings/types';

/** The API refuses pages larger than this. */
export const MAX_PER_PAGE = 200;

/**
 * react-admin resource name → GraphQL type, and what each view selects.
 * Lists select no nested lists (status history stays on the show page), except
 * this week's required activities, which the API batches for the whole page.
 */
const RESOURCES: Record<string, { type: string; sortFields: string[]; list: string; one: string }> = {
  learners: {
    type: 'Learner',
    sortFields: ['name', 'email', 'status', 'moduleStartDate', 'statusChangedAt', 'createdAt'],
    list: `id userId name email timeZone moduleStartDate moduleWeek status statusChangedAt
      coachId coach { id name } createdAt updatedAt requiredActivities { requiredActivityId met }`,
    one: `id userId name email timeZone moduleStartDate moduleWeek status statusChangedAt
      coachId coach { id name email } createdAt updatedAt
      statusHistory { id from to reason source moduleWeek createdAt changedBy { id name } }
      requiredActivities { ${REQUIRED_ACTIVITY_SELECTION} }
      complianceHistory { ${COMPLIANCE_HISTORY_SELECTION} }`,
  },
  users: {
    type: 'User',
    sortFields: ['name', 'email', 'role', 'createdAt', 'active'],
    list: 'id email name role active timeZone createdAt',
    one: 'id email name role active timeZone createdAt',
  },
};

// ---------------------------------------------------------------- Apollo

/** Non-2xx answers that still carry GraphQL errors become ordinary GraphQL errors, so their messages survive. */
const serverErrorsLink = new ApolloLink(
  (operation, forward) =>
    new Observable<FetchResult>((observer) => {
      const subscription = forward(operation).subscribe({
        next: (result) => observer.next(result),
        complete: () => observer.complete(),
        error: (error: { statusCode?: number; result?: { errors?: GraphQLErrorLike[] } }) => {
          const errors = error?.result?.errors;
          if (!Array.isArray(errors) || errors.length === 0) return observer.error(error);
          observer.next({
            errors: errors.map((e) => ({
              message: e.message ?? '',
              extensions: { ...e.extensions, code: e.extensions?.code ?? codeForStatus(error.statusCode) },
            })),
          } as FetchResult);
          observer.complete();
        },
      });
      return () => subscription.unsubscribe();
    }),
);

const authLink = new ApolloLink((operation, forward) => {
  operation.setContext(({ headers = {} }: { headers?: Record<string, string> }) => ({
    headers: { ...headers, ...authorizationHeader() },
  }));
  return forward(operation);
});

function codeForStatus(status: number | undefined): string {
  switch (status) {
    case 400: return 'BAD_USER_INPUT';
    case 401: return 'UNAUTHENTICATED';
    case 403: return 'FORBIDDEN';
    case 404: return 'NOT_FOUND';
    case 409: return 'CONFLICT';
    default: return 'INTERNAL_SERVER_ERROR';
  }
}

export const client = new ApolloClient({
  link: ApolloLink.from([serverErrorsLink, authLink, new HttpLink({ uri: GRAPHQL_URL })]),
  cache: new InMemoryCache(),
});

// ---------------------------------------------------------------- errors

/** What the console shows for a failed call; `body.errors` feeds react-admin's server-side form validation. */
export function toReadableError(error: unknown): unknown {
  const httpError = error instanceof HttpError ? error : undefined;
  if ((httpError?.body as { code?: string } | undefined)?.code) return error;
  if ((error as Error)?.name === 'AbortError') return error;
  const apollo = (httpError?.body ?? error) as {
    graphQLErrors?: GraphQLErrorLike[];
    networkError?: { statusCode?: number } | null;
  } | undefined;
  let readable: ReadableError;
  if (apollo?.graphQLErrors?.length) {
    readable = readGraphQLErrors(apollo.graphQLErrors);
  } else if (!httpError && !apollo?.networkError) {
    return error; // our own Error, already worded for people
  } else {
    const status = (error as HttpError)?.status ?? apollo?.networkError?.statusCode;
    if (!status) {
      readable = { message: UNREACHABLE_MESSAGE, code: 'NETWORK_ERROR', status: 0 };
    } else if (status >= 500) {
      readable = { message: SERVER_FAILURE_MESSAGE, code: 'INTERNAL_SERVER_ERROR', status };
    } else {
      const code = codeForStatus(status);
      readable = { message: (error as Error).message || SERVER_FAILURE_MESSAGE, code, status: statusForCode(code) };
    }
  }
  const { message, code, field, details, status } = readable;
  return new HttpError(message, status, {
    code,
    field,
    details,
    errors: field ? { [field]: message, root: { serverError: message } } : undefined,
  });
}

// ---------------------------------------------------------------- buildQuery

function typeRefToString(ref: IntrospectionTypeRef | IntrospectionInputTypeRef): string {
  if (ref.kind === 'NON_NULL') return `${typeRefToString(ref.ofType)}!`;
  if (ref.kind === 'LIST') return `[${typeRefToString(ref.ofType)}]`;
  return ref.name;
}

function namedType(ref: IntrospectionTypeRef | IntrospectionInputTypeRef): { kind: string; name: string } {
  let current = ref;
  while (current.kind === 'NON_NULL' || current.kind === 'LIST') current = current.ofType;
  return current as { kind: string; name: string };
}

function isList(ref: IntrospectionTypeRef | IntrospectionInputTypeRef): boolean {
  const inner = ref.kind === 'NON_NULL' ? ref.ofType : ref;
  return inner.kind === 'LIST';
}

const isBlank = (value: unknown) => value === undefined || value === null || value === '';

/** Coerces a form or filter value to what an argument of this type accepts; undefined means "leave it out". */
function coerce(value: unknown, ref: IntrospectionInputTypeRef, types: Map<string, IntrospectionType>): unknown {
  if (isBlank(value)) return undefined;
  if (isList(ref)) {
    const inner = ref.kind === 'NON_NULL' ? ref.ofType : ref;
    if (inner.kind !== 'LIST') return undefined;
    const items = (Array.isArray(value) ? value : [value])
      .map((item) => coerce(item, inner.ofType, types))
      .filter((item) => item !== undefined);
    return items;
  }
  const named = namedType(ref);
  if (named.kind === 'INPUT_OBJECT') {
    const type = types.get(named.name) as IntrospectionInputObjectType | undefined;
    return type ? pickArguments(type.inputFields, value as Record<string, unknown>, types) : undefined;
  }
  switch (named.name) {
    case 'Int': {
      const n = typeof value === 'number' ? value : Number.parseInt(String(value), 10);
      return Number.isFinite(n) ? Math.trunc(n) : undefined;
    }
    case 'Float': {
      const n = Number(value);
      return Number.isFinite(n) ? n : undefined;
    }
    case 'Boolean':
      return value === true || value === 'true';
    case 'ID':
      return String(value);
    case 'LocalDate':
      if (value instanceof Date) return value.toISOString().slice(0, 10);
      return String(value).slice(0, 10);
    case 'DateTimeISO':
      return value instanceof Date ? value.toISOString() : String(value);
    default:
      return value;
  }
}

/** Keeps the entries of `data` that are arguments (or input fields), coerced to their types. */
function pickArguments(
  args: readonly IntrospectionInputValue[],
  data: Record<string, unknown> | undefined,
  types: Map<string, IntrospectionType>,
): Record<string, unknown> {
  const picked: Record<string, unknown> = {};
  if (!data) return picked;
  for (const arg of args) {
    const value = coerce(data[arg.name], arg.type, types);
    if (value !== undefined) picked[arg.name] = value;
  }
  if (import.meta.env.DEV) {
    const unknown = Object.keys(data).filter((key) => !args.some((a) => a.name === key) && !isBlank(data[key]));
    if (unknown.length) console.debug('[dataProvider] not sent (not in the schema):', unknown);
  }
  return picked;
}

/** `$a: Int, $b: String` and `a: $a, b: $b` for the variables actually sent. */
function signature(field: IntrospectionField, variables: Record<string, unknown>) {
  const used = field.args.filter((arg) => arg.name in variables);
  return {
    declarations: used.map((arg) => `$${arg.name}: ${typeRefToString(arg.type)}`).join(', '),
    arguments: used.map((arg) => `${arg.name}: $${arg.name}`).join(', '),
  };
}

/** Scalars and enums of a type, plus the id of each object field: the selection for a resource without a plan. */
function defaultSelection(typeName: string, types: Map<string, IntrospectionType>): string {
  const type = types.get(typeName);
  if (!type || type.kind !== 'OBJECT') return 'id';
  return type.fields
    .filter((f) => f.args.every((a) => a.type.kind !== 'NON_NULL'))
    .map((f) => {
      const named = namedType(f.type);
      if (named.kind === 'SCALAR' || named.kind === 'ENUM') return f.name;
      const sub = types.get(named.name);
      return sub?.kind === 'OBJECT' && sub.fields.some((s) => s.name === 'id') ? `${f.name} { id }` : '';
    })
    .filter(Boolean)
    .join(' ');
}

interface QueryPlan {
  typeName: string;
  operations: Partial<Record<string, IntrospectionField>>;
  /** fields the API sorts by; another sort (react-admin's default `id`) is left to the API's default order */
  sortFields?: string[];
  list: string;
  one: string;
}

function planFor(resource: string, introspection: IntrospectionResult, types: Map<string, IntrospectionType>): QueryPlan {
  const config = RESOURCES[resource];
  const typeName = config?.type ?? resource;
  const introspected = introspection.resources.find((r) => r.type.name === typeName);
  if (!introspected) throw new Error(`The API has no resource "${typeName}".`);
  const fallback = defaultSelection(typeName, types);
  return {
    typeName,
    operations: introspected as unknown as Partial<Record<string, IntrospectionField>>,
    sortFields: config?.sortFields,
    list: config?.list ?? fallback,
    one: config?.one ?? fallback,
  };
}

function listVariables(
  params: {
    pagination?: { page: number; perPage: number };
    sort?: { field: string; order: string };
    filter?: Record<string, unknown>;
  },
  sortFields: string[] | undefined,
) {
  const { page = 1, perPage = 25 } = params.pagination ?? {};
  const sort = params.sort && (!sortFields || sortFields.includes(params.sort.field)) ? params.sort : undefined;
  return {
    page: Math.max(page - 1, 0),
    perPage: Math.min(perPage, MAX_PER_PAGE),
    sortField: sort?.field,
    sortOrder: sort?.order,
    filter: params.filter ?? {},
  };
}

/** Our buildQuery for ra-data-graphql, after ra-data-graphql-simple's convention. */
export const buildQuery =
  (introspection: IntrospectionResult): BuildQuery =>
  (fetchType, resource, params): BuildQueryResult => {
    const types = new Map(introspection.types.map((t) => [t.name, t]));
    const plan = planFor(resource, introspection, types);
    const field = plan.operations[fetchType];
    if (!field) throw new Error(`The API cannot ${fetchType} ${plan.typeName}.`);

    switch (fetchType) {
      case GET_LIST:
      case GET_MANY:
      case GET_MANY_REFERENCE: {
        let raw: Record<string, unknown>;
        if (fetchType === GET_MANY) {
          const ids = params.ids as Identifier[];
          raw = { page: 0, perPage: Math.min(Math.max(ids.length, 1), MAX_PER_PAGE), filter: { ids } };
        } else if (fetchType === GET_MANY_REFERENCE) {
          raw = listVariables({ ...params, filter: { ...params.filter, [params.target]: params.id } }, plan.sortFields);
        } else {
          raw = listVariables(params, plan.sortFields);
        }
        const variables = pickArguments(field.args, raw, types);
        const { declarations, arguments: args } = signature(field, variables);
        const metaName = `_${field.name}Meta`;
        const meta = introspection.queries.find((q) => q.name === metaName) as IntrospectionField | undefined;
        const metaArgs = meta ? signature(meta, variables).arguments : '';
        const withTotal = fetchType !== GET_MANY && meta;
        const query = gql`
          query ${field.name}${declarations ? `(${declarations})` : ''} {
            items: ${field.name}${args ? `(${args})` : ''} { ${plan.list} }
            ${withTotal ? `total: ${metaName}${metaArgs ? `(${metaArgs})` : ''} { count }` : ''}
          }
        `;
        return {
          query,
          variables,
          parseResponse: (response) => {
            const data = structuredClone(response.data.items) as RaRecord[];
            return withTotal ? { data, total: response.data.total.count } : { data };
          },
        };
      }
      case GET_ONE: {
        const variables = pickArguments(field.args, { id: params.id }, types);
        const { declarations, arguments: args } = signature(field, variables);
        return {
          query: gql`query ${field.name}(${declarations}) { data: ${field.name}(${args}) { ${plan.one} } }`,
          variables,
          parseResponse: (response) => {
            if (!response.data.data) {
              throw new HttpError(`This ${plan.typeName.toLowerCase()} does not exist (any more).`, 404, { code: 'NOT_FOUND' });
            }
            return { data: structuredClone(response.data.data) };
          },
        };
      }
      case CREATE:
      case UPDATE: {
        let data: Record<string, unknown> = params.data;
        if (fetchType === UPDATE) {
          // Send only what changed, so an untouched field is never re-validated or overwritten.
          const previous = (params.previousData ?? {}) as Record<string, unknown>;
          data = Object.fromEntries(
            Object.entries(params.data as Record<string, unknown>).filter(
              ([key, value]) => key === 'id' || JSON.stringify(value) !== JSON.stringify(previous[key]),
            ),
          );
          data.id = params.id;
        }
        const variables = pickArguments(field.args, data, types);
        const { declarations, arguments: args } = signature(field, variables);
        return {
          query: gql`mutation ${field.name}(${declarations}) { data: ${field.name}(${args}) { ${plan.one} } }`,
          variables,
          parseResponse: (response) => ({ data: structuredClone(response.data.data) }),
        };
      }
      default:
        throw new Error(`The console does not ${fetchType} ${plan.typeName}.`);
    }
  };

// ---------------------------------------------------------------- provider

const graphQLProvider = buildGraphQLProvider({
  client,
  buildQuery,
  introspection: bundledSchema ? { schema: bundledSchema } : {},
});

export interface LearnerRecord extends RaRecord {
  name: string;
  status: EnrollmentStatus;
}

export interface WaypointDataProvider extends DataProvider {
  /** Sets one learner's enrollment status by hand; the reason goes into the status history. */
  setEnrollmentStatus(learnerId: Identifier, status: EnrollmentStatus, reason: string): Promise<{ data: LearnerRecord }>;
  /** Sets the same status, with one reason, on many learners at once. */
  setEnrollmentStatuses(learnerIds: Identifier[], status: EnrollmentStatus, reason: string): Promise<{ data: LearnerRecord[] }>;
  /** Deactivates or reactivates a user account (staff only). */
  setUserActive(userId: Identifier, active: boolean): Promise<{ data: RaRecord }>;

  /** The live schedule template: seven days of ordered blocks with their activities. */
  getScheduleTemplate(): Promise<{ data: ScheduleTemplate }>;
  createScheduleBlock(input: ScheduleBlockInput): Promise<{ data: ScheduleBlock }>;
  updateScheduleBlock(id: string, patch: ScheduleBlockPatch): Promise<{ data: ScheduleBlock }>;
  /** Moves a block within its day; answers the day's blocks in their new order. */
  moveScheduleBlock(id: string, position: number): Promise<{ data: ScheduleBlock[] }>;
  deleteScheduleBlock(id: string): Promise<{ data: { id: string } }>;
  createScheduleActivity(blockId: string, input: ScheduleActivityInput): Promise<{ data: ScheduleActivity }>;
  updateScheduleActivity(id: string, patch: ScheduleActivityPatch): Promise<{ data: ScheduleActivity }>;
  /** Moves an activity within its block, or into another block when blockId is given. */
  moveScheduleActivity(id: string, position: number, blockId?: string): Promise<{ data: ScheduleActivity }>;
  deleteScheduleActivity(id: string): Promise<{ data: { id: string } }>;

  /** What the weekly compliance evaluation would change at asOf (default now), without changing it. */
  previewCompliance(asOf?: string): Promise<{ data: ComplianceRun }>;
  /** Runs the weekly compliance evaluation at asOf (default now). */
  evaluateCompliance(asOf?: string): Promise<{ data: ComplianceRun }>;

  /** A date's morning session; null when that weekday has none. */
  getMorningSession(date: string): Promise<{ data: MorningSession | null }>;
  /** Makes the pairs of a morning session now (staff). */
  pairMorningSession(date: string, groupsOfThree?: boolean): Promise<{ data: MorningSession }>;

  /** A page of the review queue (oldest waiting first) through a saved filter, with every saved filter's count. */
  getReviewQueue(params: ReviewQueueParams): Promise<{ data: QueuePage }>;
  /** The queue at a glance: open, unclaimed, in review, breached, oldest waiting; `mine` counts only my learners'. */
  getReviewQueueSummary(mine?: boolean): Promise<{ data: ReviewQueueSummary }>;
  /** One submission with its learner, content, versions and feedback; null when there is none. */
  getSubmission(id: string): Promise<{ data: Submission | null }>;
  /** A learner's submissions, newest first. */
  getLearnerSubmissions(learnerId: string): Promise<{ data: LearnerSubmission[] }>;
  /** Claims a submission (CONFLICT names who holds it; FORBIDDEN while reserved for the assigned coach). */
  claimSubmission(id: string): Promise<{ data: Submission }>;
  /** Claims the oldest submission I may claim, optionally of one kind; null when none waits. */
  claimNextSubmission(kind?: SubmissionKind): Promise<{ data: Submission | null }>;
  /** Gives a claim back to the queue. */
  releaseSubmission(id: string): Promise<{ data: Submission }>;
  /** Reviews a claimed submission; `revision` is the submission's as loaded (CONFLICT when it moved on). */
  giveFeedback(submissionId: string, decision: FeedbackDecision, body: string, revision: number): Promise<{ data: Submission }>;
  /** Corrects the latest feedback with a new revision of it. */
  correctFeedback(submissionId: string, decision: FeedbackDecision, body: string, revision: number): Promise<{ data: Submission }>;
  /** Hands a waiting submission to a coach, claimed in their name (staff). */
  reassignSubmission(id: string, coachId: string): Promise<{ data: Submission }>;

  /** The signed-in person with their time zone. */
  getViewer(): Promise<{ data: Viewer }>;

  /** A page of meetings through a tab (urgent first, then oldest request), with every tab's count. */
  getMeetingQueue(params: MeetingQueueParams): Promise<{ data: MeetingPage }>;
  /** One meeting with its history; null when there is none. */
  getMeeting(id: string): Promise<{ data: Meeting | null }>;
  /** Schedules a request inside one of its windows (CONFLICT names the clash when the coach is busy). */
  scheduleMeeting(id: string, args: ScheduleMeetingArgs): Promise<{ data: Meeting }>;
  rescheduleMeeting(id: string, args: RescheduleMeetingArgs): Promise<{ data: Meeting }>;
  declineMeeting(id: string, reason: string): Promise<{ data: Meeting }>;
  cancelMeeting(id: string, reason: string): Promise<{ data: Meeting }>;
  completeMeeting(id: string, outcome: MeetingOutcome, notes?: string): Promise<{ data: Meeting }>;
  /** A coach's working week, in the coach's zone (empty: no limit). */
  getWorkingHours(coachId: string): Promise<{ data: WorkingHours[] }>;
  /** Replaces a coach's working week (a coach their own, staff anyone's); an empty list removes the limit. */
  setWorkingHours(coachId: string, hours: WorkingHours[]): Promise<{ data: WorkingHours[] }>;

  /** The required-activity rules, in force first; retired ones too when asked. */
  getRequiredActivities(includeRetired?: boolean): Promise<{ data: RequiredActivity[] }>;
  /** Adds a rule (staff); it applies to learner-weeks that start after now. */
  createRequiredActivity(input: RequiredActivityInput): Promise<{ data: RequiredActivity }>;
  /** Rewords a rule (staff). */
  updateRequiredActivity(id: string, patch: RequiredActivityPatch): Promise<{ data: RequiredActivity }>;
  /** Retires a rule (staff): it stops applying to learner-weeks that end after now. */
  retireRequiredActivity(id: string): Promise<{ data: RequiredActivity }>;
  /** The review target of each kind of submission. */
  getReviewTargets(): Promise<{ data: ReviewTarget[] }>;
  /** Sets a kind's review target, 1 to 720 hours (staff). */
  setReviewTarget(kind: SubmissionKind, hours: number): Promise<{ data: ReviewTarget }>;

  /** A coach's scheduled meetings and facilitated events in [from, to), at most 62 days. */
  getCoachCalendar(coachId: string, from: string, to: string): Promise<{ data: CalendarEntry[] }>;
  /** A new secret calendar URL; the previous one stops working. */
  regenerateCalendarFeed(): Promise<{ data: { url: string } }>;

  /** Events starting in [from, to), cancelled ones included, by start. */
  getUpcomingEvents(from: string, to: string): Promise<{ data: CoachingEventRow[] }>;
  /** One event with its RSVPs; null when there is none. */
  getCoachingEvent(id: string): Promise<{ data: CoachingEvent | null }>;
  createCoachingEvent(input: CoachingEventInput): Promise<{ data: CoachingEvent }>;
  updateCoachingEvent(id: string, patch: CoachingEventPatch): Promise<{ data: CoachingEvent }>;
  cancelCoachingEvent(id: string, reason: string): Promise<{ data: CoachingEvent }>;
  /** Marks seated learners ATTENDED or ABSENT, once the event has started (facilitator or staff). */
  recordAttendance(eventId: string, learnerIds: string[], attendance: Attendance): Promise<{ data: Rsvp[] }>;

  /** Job-search progress of a coach's learners (up to 400) over the last `days` days. */
  getCoachProgress(coachId: string, days?: number): Promise<{ data: LearnerProgress[]; total: number }>;
  /** One learner's job-search progress over the last `days` days. */
  getLearnerProgress(learnerId: string, days?: number): Promise<{ data: LearnerProgress }>;
  /** Open alerts (offers received): a coach's own learners', or all for staff. */
  getCoachAlerts(): Promise<{ data: CoachAlert[] }>;
  resolveCoachAlert(id: string): Promise<{ data: CoachAlert }>;
  /** API clients, revoked ones included (staff). */
  getApiClients(): Promise<{ data: ApiClient[] }>;
  /** Creates an API client; the key comes back here only. */
  createApiClient(name: string, scopes: string[], coachId?: string): Promise<{ data: { key: string; client: ApiClient } }>;
  revokeApiClient(id: string): Promise<{ data: ApiClient }>;
  /** Sends a Huntr CSV export to the import endpoint (staff); a dry run writes nothing. */
  importHuntrCsv(csv: string, dryRun: boolean): Promise<{ data: HuntrImportReport }>;
  getUnmatchedHuntrMembers(): Promise<{ data: UnmatchedHuntrMember[] }>;
  /** Ties a Huntr email to a learner; answers how many waiting actions were applied. */
  resolveHuntrMember(email: string, learnerId: string): Promise<{ data: number }>;
}

export interface MeetingQueueParams {
  view: MeetingView;
  /** only this coach's meetings (staff) */
  coachId?: string;
  /** 1-based, as react-admin counts */
  page: number;
  perPage: number;
}

export interface ReviewQueueParams {
  view: QueueView;
  kind?: SubmissionKind;
  /** only submissions of my own learners (assigned to me) */
  mine?: boolean;
  /** 1-based, as react-admin counts */
  page: number;
  perPage: number;
}

/** Runs a query and answers its `data` field (or, with `whole`, every field of the answer). */
async function read<T>(query: string, variables: Record<string, unknown> = {}, whole = false): Promise<T> {
  try {
    // Never from Apollo's cache: the console shows what the server holds now.
    const result = await client.query({ query: gql(query), variables, fetchPolicy: 'no-cache' });
    return structuredClone(whole ? result.data : result.data.data) as T;
  } catch (error) {
    throw toReadableError(error);
  }
}

async function mutate<T>(mutation: string, variables: Record<string, unknown>): Promise<T> {
  try {
    const result = await client.mutate({ mutation: gql(mutation), variables });
    return structuredClone(result.data.data) as T;
  } catch (error) {
    throw toReadableError(error);
  }
}

const learnerSelection = RESOURCES.learners.one;
const userSelection = RESOURCES.users.one;

const customMethods = {
  setEnrollmentStatus: async (learnerId: Identifier, status: EnrollmentStatus, reason: string) => ({
    data: await mutate<LearnerRecord>(
      `mutation setEnrollmentStatus($learnerId: ID!, $status: EnrollmentStatus!, $reason: String!) {
        data: setEnrollmentStatus(learnerId: $learnerId, status: $status, reason: $reason) { ${learnerSelection} }
      }`,
      { learnerId: String(learnerId), status, reason },
    ),
  }),
  setEnrollmentStatuses: async (learnerIds: Identifier[], status: EnrollmentStatus, reason: string) => ({
    data: await mutate<LearnerRecord[]>(
      `mutation setEnrollmentStatuses($learnerIds: [ID!]!, $status: EnrollmentStatus!, $reason: String!) {
        data: setEnrollmentStatuses(learnerIds: $learnerIds, status: $status, reason: $reason) { ${RESOURCES.learners.list} }
      }`,
      { learnerIds: learnerIds.map(String), status, reason },
    ),
  }),
  setUserActive: async (userId: Identifier, active: boolean) => ({
    data: await mutate<RaRecord>(
      `mutation ${active ? 'reactivateUser' : 'deactivateUser'}($id: ID!) {
        data: ${active ? 'reactivateUser' : 'deactivateUser'}(id: $id) { ${userSelection} }
      }`,
      { id: String(userId) },
    ),
  }),

  getScheduleTemplate: async () => ({
    data: await read<ScheduleTemplate>(`query scheduleTemplate { data: scheduleTemplate { ${TEMPLATE_SELECTION} } }`),
  }),
  createScheduleBlock: async (input: ScheduleBlockInput) => ({
    data: await mutate<ScheduleBlock>(
      `mutation createScheduleBlock($input: ScheduleBlockInput!) { data: createScheduleBlock(input: $input) { ${BLOCK_SELECTION} } }`,
      { input },
    ),
  }),
  updateScheduleBlock: async (id: string, patch: ScheduleBlockPatch) => ({
    data: await mutate<ScheduleBlock>(
      `mutation updateScheduleBlock($id: ID!, $patch: ScheduleBlockPatch!) {
        data: updateScheduleBlock(id: $id, patch: $patch) { ${BLOCK_SELECTION} }
      }`,
      { id, patch },
    ),
  }),
  moveScheduleBlock: async (id: string, position: number) => ({
    data: await mutate<ScheduleBlock[]>(
      `mutation moveScheduleBlock($id: ID!, $position: Int!) { data: moveScheduleBlock(id: $id, position: $position) { ${BLOCK_SELECTION} } }`,
      { id, position },
    ),
  }),
  deleteScheduleBlock: async (id: string) => ({
    data: await mutate<{ id: string }>(`mutation deleteScheduleBlock($id: ID!) { data: deleteScheduleBlock(id: $id) { id } }`, { id }),
  }),
  createScheduleActivity: async (blockId: string, input: ScheduleActivityInput) => ({
    data: await mutate<ScheduleActivity>(
      `mutation createScheduleActivity($blockId: ID!, $input: ScheduleActivityInput!) {
        data: createScheduleActivity(blockId: $blockId, input: $input) { ${ACTIVITY_SELECTION} }
      }`,
      { blockId, input },
    ),
  }),
  updateScheduleActivity: async (id: string, patch: ScheduleActivityPatch) => ({
    data: await mutate<ScheduleActivity>(
      `mutation updateScheduleActivity($id: ID!, $patch: ScheduleActivityPatch!) {
        data: updateScheduleActivity(id: $id, patch: $patch) { ${ACTIVITY_SELECTION} }
      }`,
      { id, patch },
    ),
  }),
  moveScheduleActivity: async (id: string, position: number, blockId?: string) => ({
    data: await mutate<ScheduleActivity>(
      `mutation moveScheduleActivity($id: ID!, $position: Int!, $blockId: ID) {
        data: moveScheduleActivity(id: $id, position: $position, blockId: $blockId) { ${ACTIVITY_SELECTION} }
      }`,
      { id, position, blockId },
    ),
  }),
  deleteScheduleActivity: async (id: string) => ({
    data: await mutate<{ id: string }>(`mutation deleteScheduleActivity($id: ID!) { data: deleteScheduleActivity(id: $id) { id } }`, { id }),
  }),

  previewCompliance: async (asOf?: string) => ({
    data: await read<ComplianceRun>(
      `query compliancePreview($asOf: DateTimeISO) { data: compliancePreview(asOf: $asOf) { ${COMPLIANCE_RUN_SELECTION} } }`,
      { asOf },
    ),
  }),
  evaluateCompliance: async (asOf?: string) => ({
    data: await mutate<ComplianceRun>(
      `mutation evaluateCompliance($asOf: DateTimeISO) { data: evaluateCompliance(asOf: $asOf) { ${COMPLIANCE_RUN_SELECTION} } }`,
      { asOf },
    ),
  }),

  getMorningSession: async (date: string) => ({
    data: await read<MorningSession | null>(
      `query morningSession($date: LocalDate!) { data: morningSession(date: $date) { ${MORNING_SESSION_SELECTION} } }`,
      { date },
    ),
  }),
  pairMorningSession: async (date: string, groupsOfThree?: boolean) => ({
    data: await mutate<MorningSession>(
      `mutation pairMorningSession($date: LocalDate!, $groupsOfThree: Boolean) {
        data: pairMorningSession(date: $date, groupsOfThree: $groupsOfThree) { ${MORNING_SESSION_SELECTION} }
      }`,
      { date, groupsOfThree },
    ),
  }),

  getReviewQueue: async ({ view, kind, mine, page, perPage }: ReviewQueueParams) => {
    const filterOf = (id: QueueView) => ({
      ...QUEUE_VIEWS.find((v) => v.id === id)!.filter,
      ...(kind ? { kind } : {}),
      ...(mine ? { assignedToMe: true } : {}),
    });
    // One request: the page, and the count behind every tab.
    const counts = QUEUE_VIEWS.map((v) => `${v.id}: _reviewQueueMeta(filter: $${v.id}) { count }`).join('\n');
    const declarations = QUEUE_VIEWS.map((v) => `$${v.id}: SubmissionFilter`).join(', ');
    const data = await read<Record<string, unknown>>(
      `query reviewQueue($filter: SubmissionFilter, $page: Int, $perPage: Int, ${declarations}) {
        items: reviewQueue(filter: $filter, page: $page, perPage: $perPage) { ${QUEUE_ITEM_SELECTION} }
        ${counts}
      }`,
      {
        filter: filterOf(view),
        page: Math.max(page - 1, 0),
        perPage: Math.min(perPage, MAX_PER_PAGE),
        ...Object.fromEntries(QUEUE_VIEWS.map((v) => [v.id, filterOf(v.id)])),
      },
      true,
    );
    const count = (id: QueueView) => (data[id] as { count: number }).count;
    return {
      data: {
        items: data.items as QueuePage['items'],
        total: count(view),
        counts: Object.fromEntries(QUEUE_VIEWS.map((v) => [v.id, count(v.id)])) as QueuePage['counts'],
      },
    };
  },
  getReviewQueueSummary: async (mine = false) => ({
    data: await read<ReviewQueueSummary>(
      `query reviewQueueSummary($mine: Boolean!) { data: reviewQueueSummary(mine: $mine) { ${SUMMARY_SELECTION} } }`,
      { mine },
    ),
  }),
  getSubmission: async (id: string) => ({
    data: await read<Submission | null>(`query Submission($id: ID!) { data: Submission(id: $id) { ${SUBMISSION_SELECTION} } }`, { id }),
  }),
  getLearnerSubmissions: async (learnerId: string) => ({
    data: await read<LearnerSubmission[]>(
      `query learnerSubmissions($filter: SubmissionFilter) {
        data: allSubmissions(filter: $filter, perPage: ${MAX_PER_PAGE}, sortField: "submittedAt", sortOrder: "DESC") {
          ${LEARNER_SUBMISSION_SELECTION}
        }
      }`,
      { filter: { learnerId } },
    ),
  }),
  claimSubmission: async (id: string) => ({
    data: await mutate<Submission>(`mutation claimSubmission($id: ID!) { data: claimSubmission(id: $id) { ${SUBMISSION_SELECTION} } }`, { id }),
  }),
  claimNextSubmission: async (kind?: SubmissionKind) => ({
    data: await mutate<Submission | null>(
      `mutation claimNextSubmission($kind: SubmissionKind) { data: claimNextSubmission(kind: $kind) { ${SUBMISSION_SELECTION} } }`,
      { kind },
    ),
  }),
  releaseSubmission: async (id: string) => ({
    data: await mutate<Submission>(`mutation releaseSubmission($id: ID!) { data: releaseSubmission(id: $id) { ${SUBMISSION_SELECTION} } }`, { id }),
  }),
  giveFeedback: async (submissionId: string, decision: FeedbackDecision, body: string, revision: number) => ({
    data: await mutate<Submission>(
      `mutation giveFeedback($submissionId: ID!, $decision: FeedbackDecision!, $body: String!, $revision: Int!) {
        data: giveFeedback(submissionId: $submissionId, decision: $decision, body: $body, revision: $revision) { ${SUBMISSION_SELECTION} }
      }`,
      { submissionId, decision, body, revision },
    ),
  }),
  correctFeedback: async (submissionId: string, decision: FeedbackDecision, body: string, revision: number) => ({
    data: await mutate<Submission>(
      `mutation correctFeedback($submissionId: ID!, $decision: FeedbackDecision!, $body: String!, $revision: Int!) {
        data: correctFeedback(submissionId: $submissionId, decision: $decision, body: $body, revision: $revision) { ${SUBMISSION_SELECTION} }
      }`,
      { submissionId, decision, body, revision },
    ),
  }),
  getViewer: async () => ({
    data: await read<Viewer>(`query me { data: me { ${VIEWER_SELECTION} } }`),
  }),

  getMeetingQueue: async ({ view, coachId, page, perPage }: MeetingQueueParams) => {
    const filterOf = (id: MeetingView) => ({ ...MEETING_VIEWS.find((v) => v.id === id)!.filter, ...(coachId ? { coachId } : {}) });
    // One request: the page, and the count behind every tab.
    const counts = MEETING_VIEWS.map((v) => `${v.id}: _allMeetingsMeta(filter: $${v.id}) { count }`).join('\n');
    const declarations = MEETING_VIEWS.map((v) => `$${v.id}: MeetingFilter`).join(', ');
    const data = await read<Record<string, unknown>>(
      `query meetingQueue($filter: MeetingFilter, $page: Int, $perPage: Int, ${declarations}) {
        items: allMeetings(filter: $filter, page: $page, perPage: $perPage) { ${MEETING_ROW_SELECTION} }
        ${counts}
      }`,
      {
        filter: filterOf(view),
        page: Math.max(page - 1, 0),
        perPage: Math.min(perPage, MAX_PER_PAGE),
        ...Object.fromEntries(MEETING_VIEWS.map((v) => [v.id, filterOf(v.id)])),
      },
      true,
    );
    const count = (id: MeetingView) => (data[id] as { count: number }).count;
    return {
      data: {
        items: data.items as MeetingPage['items'],
        total: count(view),
        counts: Object.fromEntries(MEETING_VIEWS.map((v) => [v.id, count(v.id)])) as MeetingPage['counts'],
      },
    };
  },
  getMeeting: async (id: string) => ({
    data: await read<Meeting | null>(`query Meeting($id: ID!) { data: Meeting(id: $id) { ${MEETING_SELECTION} } }`, { id }),
  }),
  scheduleMeeting: async (id: string, { startsAt, durationMinutes, videoLink, coachId, force }: ScheduleMeetingArgs) => ({
    data: await mutate<Meeting>(
      `mutation scheduleMeeting($id: ID!, $startsAt: DateTimeISO!, $durationMinutes: Int!, $videoLink: String!, $coachId: ID, $force: Boolean) {
        data: scheduleMeeting(id: $id, startsAt: $startsAt, durationMinutes: $durationMinutes, videoLink: $videoLink, coachId: $coachId, force: $force) {
          ${MEETING_SELECTION}
        }
      }`,
      { id, startsAt, durationMinutes, videoLink, coachId, force },
    ),
  }),
  rescheduleMeeting: async (id: string, { startsAt, durationMinutes, videoLink, force }: RescheduleMeetingArgs) => ({
    data: await mutate<Meeting>(
      `mutation rescheduleMeeting($id: ID!, $startsAt: DateTimeISO!, $durationMinutes: Int!, $videoLink: String, $force: Boolean) {
        data: rescheduleMeeting(id: $id, startsAt: $startsAt, durationMinutes: $durationMinutes, videoLink: $videoLink, force: $force) {
          ${MEETING_SELECTION}
        }
      }`,
      { id, startsAt, durationMinutes, videoLink, force },
    ),
  }),
  declineMeeting: async (id: string, reason: string) => ({
    data: await mutate<Meeting>(
      `mutation declineMeeting($id: ID!, $reason: String!) { data: declineMeeting(id: $id, reason: $reason) { ${MEETING_SELECTION} } }`,
      { id, reason },
    ),
  }),
  cancelMeeting: async (id: string, reason: string) => ({
    data: await mutate<Meeting>(
      `mutation cancelMeeting($id: ID!, $reason: String!) { data: cancelMeeting(id: $id, reason: $reason) { ${MEETING_SELECTION} } }`,
      { id, reason },
    ),
  }),
  completeMeeting: async (id: string, outcome: MeetingOutcome, notes?: string) => ({
    data: await mutate<Meeting>(
      `mutation completeMeeting($id: ID!, $outcome: MeetingOutcome!, $notes: String) {
        data: completeMeeting(id: $id, outcome: $outcome, notes: $notes) { ${MEETING_SELECTION} }
      }`,
      { id, outcome, notes },
    ),
  }),
  getWorkingHours: async (coachId: string) => ({
    data: await read<WorkingHours[]>(
      `query workingHours($coachId: ID!) { data: workingHours(coachId: $coachId) { ${WORKING_HOURS_SELECTION} } }`,
      { coachId },
    ),
  }),
  setWorkingHours: async (coachId: string, hours: WorkingHours[]) => ({
    data: await mutate<WorkingHours[]>(
      `mutation setWorkingHours($coachId: ID!, $hours: [WorkingHoursInput!]!) {
        data: setWorkingHours(coachId: $coachId, hours: $hours) { ${WORKING_HOURS_SELECTION} }
      }`,
      { coachId, hours: hours.map(({ weekday, startTime, endTime }) => ({ weekday, startTime, endTime })) },
    ),
  }),

  getRequiredActivities: async (includeRetired = false) => ({
    data: await read<RequiredActivity[]>(
      `query requiredActivities($includeRetired: Boolean!) { data: requiredActivities(includeRetired: $includeRetired) { ${RULE_SELECTION} } }`,
      { includeRetired },
    ),
  }),
  createRequiredActivity: async (input: RequiredActivityInput) => ({
    data: await mutate<RequiredActivity>(
      `mutation createRequiredActivity($input: RequiredActivityInput!) { data: createRequiredActivity(input: $input) { ${RULE_SELECTION} } }`,
      { input },
    ),
  }),
  updateRequiredActivity: async (id: string, patch: RequiredActivityPatch) => ({
    data: await mutate<RequiredActivity>(
      `mutation updateRequiredActivity($id: ID!, $patch: RequiredActivityPatch!) {
        data: updateRequiredActivity(id: $id, patch: $patch) { ${RULE_SELECTION} }
      }`,
      { id, patch },
    ),
  }),
  retireRequiredActivity: async (id: string) => ({
    data: await mutate<RequiredActivity>(
      `mutation retireRequiredActivity($id: ID!) { data: retireRequiredActivity(id: $id) { ${RULE_SELECTION} } }`,
      { id },
    ),
  }),
  getReviewTargets: async () => ({
    data: await read<ReviewTarget[]>(`query reviewTargets { data: reviewTargets { ${REVIEW_TARGET_SELECTION} } }`),
  }),
  setReviewTarget: async (kind: SubmissionKind, hours: number) => ({
    data: await mutate<ReviewTarget>(
      `mutation setReviewTarget($kind: SubmissionKind!, $hours: Int!) { data: setReviewTarget(kind: $kind, hours: $hours) { ${REVIEW_TARGET_SELECTION} } }`,
      { kind, hours },
    ),
  }),

  getCoachCalendar: async (coachId: string, from: string, to: string) => ({
    data: await read<CalendarEntry[]>(
      `query coachCalendar($coachId: ID!, $from: DateTimeISO!, $to: DateTimeISO!) {
        data: coachCalendar(coachId: $coachId, from: $from, to: $to) { ${CALENDAR_ENTRY_SELECTION} }
      }`,
      { coachId, from, to },
    ),
  }),
  regenerateCalendarFeed: async () => ({
    data: await mutate<{ url: string }>(`mutation regenerateCalendarFeed { data: regenerateCalendarFeed { url } }`, {}),
  }),

  getUpcomingEvents: async (from: string, to: string) => ({
    data: await read<CoachingEventRow[]>(
      `query upcomingEvents($from: DateTimeISO, $to: DateTimeISO) { data: upcomingEvents(from: $from, to: $to) { ${EVENT_ROW_SELECTION} } }`,
      { from, to },
    ),
  }),
  getCoachingEvent: async (id: string) => ({
    data: await read<CoachingEvent | null>(`query CoachingEvent($id: ID!) { data: CoachingEvent(id: $id) { ${EVENT_SELECTION} } }`, { id }),
  }),
  createCoachingEvent: async (input: CoachingEventInput) => ({
    data: await mutate<CoachingEvent>(
      `mutation createCoachingEvent($input: CoachingEventInput!) { data: createCoachingEvent(input: $input) { ${EVENT_SELECTION} } }`,
      { input },
    ),
  }),
  updateCoachingEvent: async (id: string, patch: CoachingEventPatch) => ({
    data: await mutate<CoachingEvent>(
      `mutation updateCoachingEvent($id: ID!, $patch: CoachingEventPatch!) {
        data: updateCoachingEvent(id: $id, patch: $patch) { ${EVENT_SELECTION} }
      }`,
      { id, patch },
    ),
  }),
  cancelCoachingEvent: async (id: string, reason: string) => ({
    data: await mutate<CoachingEvent>(
      `mutation cancelCoachingEvent($id: ID!, $reason: String!) { data: cancelCoachingEvent(id: $id, reason: $reason) { ${EVENT_SELECTION} } }`,
      { id, reason },
    ),
  }),
  recordAttendance: async (eventId: string, learnerIds: string[], attendance: Attendance) => ({
    data: await mutate<Rsvp[]>(
      `mutation recordAttendance($eventId: ID!, $learnerIds: [ID!]!, $attendance: Attendance!) {
        data: recordAttendance(eventId: $eventId, learnerIds: $learnerIds, attendance: $attendance) { ${RSVP_SELECTION} }
      }`,
      { eventId, learnerIds, attendance },
    ),
  }),

  reassignSubmission: async (id: string, coachId: string) => ({
    data: await mutate<Submission>(
      `mutation reassignSubmission($id: ID!, $coachId: ID!) { data: reassignSubmission(id: $id, coachId: $coachId) { ${SUBMISSION_SELECTION} } }`,
      { id, coachId },
    ),
  }),
};

/** Every standard method rethrows API errors as readable HttpErrors. */
const jobSearchMethods = {
  getCoachProgress: async (coachId: string, days = 7) => {
    // The API prices each row; pages of 50 stay under its cost limit, so follow the cursor.
    const nodes: LearnerProgress[] = [];
    let after: string | null = null;
    let total = 0;
    for (let page = 0; page < 8; page++) {
      const data: { totalCount: number; nodes: LearnerProgress[]; pageInfo: { endCursor: string | null; hasNextPage: boolean } } = await read(
        `query progress($coachId: ID!, $days: Int!, $after: String) {
          data: progress(first: 50, after: $after, days: $days, filter: { coachId: $coachId }) {
            totalCount pageInfo { endCursor hasNextPage } nodes { ${PROGRESS_ROW_SELECTION} } } }`,
        { coachId, days, after },
      );
      nodes.push(...data.nodes);
      total = data.totalCount;
      if (!data.pageInfo.hasNextPage || !data.pageInfo.endCursor) break;
      after = data.pageInfo.endCursor;
    }
    return { data: nodes, total };
  },
  getLearnerProgress: async (learnerId: string, days = 7) => ({
    data: await read<LearnerProgress>(
      `query learnerProgress($learnerId: ID!, $days: Int!) { data: learnerProgress(learnerId: $learnerId, days: $days) { ${PROGRESS_SELECTION} } }`,
      { learnerId, days },
    ),
  }),
  getCoachAlerts: async () => ({
    data: await read<CoachAlert[]>(`query coachAlerts { data: coachAlerts(openOnly: true) { ${COACH_ALERT_SELECTION} } }`),
  }),
  resolveCoachAlert: async (id: string) => ({
    data: await mutate<CoachAlert>(`mutation resolveCoachAlert($id: ID!) { data: resolveCoachAlert(id: $id) { ${COACH_ALERT_SELECTION} } }`, { id }),
  }),
  getApiClients: async () => ({
    data: await read<ApiClient[]>(`query apiClients { data: apiClients { ${API_CLIENT_SELECTION} } }`),
  }),
  createApiClient: async (name: string, scopes: string[], coachId?: string) => ({
    data: await mutate<{ key: string; client: ApiClient }>(
      `mutation createApiClient($name: String!, $scopes: [String!]!, $coachId: ID) {
        data: createApiClient(name: $name, scopes: $scopes, coachId: $coachId) { key client { ${API_CLIENT_SELECTION} } } }`,
      { name, scopes, coachId: coachId || null },
    ),
  }),
  revokeApiClient: async (id: string) => ({
    data: await mutate<ApiClient>(`mutation revokeApiClient($id: ID!) { data: revokeApiClient(id: $id) { ${API_CLIENT_SELECTION} } }`, { id }),
  }),
  importHuntrCsv: async (csv: string, dryRun: boolean) => {
    let response: Response;
    try {
      response = await fetch(`/imports/huntr${dryRun ? '?dryRun=true' : ''}`, {
        method: 'POST',
        headers: { 'Content-Type': 'text/csv', ...authorizationHeader() },
        body: csv,
      });
    } catch {
      throw new HttpError(UNREACHABLE_MESSAGE, 0, { code: 'NETWORK_ERROR' });
    }
    const body = (await response.json().catch(() => ({}))) as HuntrImportReport & { error?: string };
    if (!response.ok) {
      const message = response.status >= 500 ? SERVER_FAILURE_MESSAGE : body.error || 'The import was refused.';
      throw new HttpError(message, response.status, { code: codeForStatus(response.status) });
    }
    return { data: body };
  },
  getUnmatchedHuntrMembers: async () => ({
    data: await read<UnmatchedHuntrMember[]>(`query unmatchedHuntrMembers { data: unmatchedHuntrMembers { email actions lastReceivedAt } }`),
  }),
  resolveHuntrMember: async (email: string, learnerId: string) => ({
    data: await mutate<number>(
      `mutation resolveHuntrMember($email: String!, $learnerId: ID!) { data: resolveHuntrMember(email: $email, learnerId: $learnerId) }`,
      { email, learnerId },
    ),
  }),
};

const standardMethods = Object.fromEntries(
  (['getList', 'getOne', 'getMany', 'getManyReference', 'create', 'update', 'updateMany', 'delete', 'deleteMany'] as const).map(
    (name) => [
      name,
      (resource: string, params: unknown) =>
        (graphQLProvider[name] as (r: string, p: unknown) => Promise<unknown>)(resource, params).catch((error) => {
          throw toReadableError(error);
        }),
    ],
  ),
) as unknown as DataProvider;

export const dataProvider: WaypointDataProvider = { ...standardMethods, ...customMethods, ...jobSearchMethods };
