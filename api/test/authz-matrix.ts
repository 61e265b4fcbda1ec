/**
 * Who may call what: every Query, every Mutation and every REST route of Waypoint, against every kind of caller.
 * authz-matrix.test.ts runs each cell over HTTP against a seeded database, and fails when the schema or the
 * Express app has an operation this table does not list, or this table lists one that no longer exists.
 *
 * Every cell aims at the data of one learner, "L1", whose coach is "coach A":
 *   learnerSelf   L1 itself                        learnerOther  another learner (L2, coach B) naming L1's objects
 *   coachAssigned coach A: L1's coach, the coach of  coachOther    coach B: not L1's coach, not the meeting's coach,
 *                 L1's meetings, the facilitator of               not the facilitator, not the claimant or author
 *                 the event, the claimant/author of a submission
 *   staff         a staff member                   key*          API keys with one scope each, not limited to a coach
 *
 * A  allow:  the call gets past every guard and succeeds (and, for a read that names L1's data, returns it).
 * R  refuse: UNAUTHENTICATED for anonymous callers; FORBIDDEN or NOT_FOUND for the others (REST: 401/403/404);
 *            nothing is written.
 * H  hidden: the call succeeds but L1's data is not in the answer (lists and counts filtered to the caller's own).
 * CONFLICT:  past the guard, refused by a business rule that protects the object, nothing written.
 *
 * Rules the table encodes (DOMAIN.md: coaches read all learners and act for them):
 *  - coaches read every learner and act on any learner's behalf (road map, sign-ups, RSVPs, job activity, status);
 *  - what belongs to one coach stays theirs: a claim, feedback they wrote, a scheduled meeting, an event they
 *    facilitate, their working hours, the alerts of their own learners, a submission still in their own queue;
 *  - a meeting request is open to every coach (any coach may schedule or decline it);
 *  - API keys only read, and only what their scope names.
 */

export const COLUMNS = [
  'anonymous',
  'learnerSelf',
  'learnerOther',
  'coachAssigned',
  'coachOther',
  'staff',
  'keyProgress',
  'keyLearners',
  'keyEvents',
] as const;
export type Column = (typeof COLUMNS)[number];

export const COLUMN_TITLES: Record<Column, string> = {
  anonymous: 'anonymous',
  learnerSelf: 'learner (self)',
  learnerOther: 'learner (other)',
  coachAssigned: 'coach (assigned)',
  coachOther: 'coach (other)',
  staff: 'staff',
  keyProgress: 'API key progress:read',
  keyLearners: 'API key learners:read',
  keyEvents: 'API key events:read',
};

export type Expectation = 'allow' | 'refuse' | 'hidden' | 'CONFLICT';

const A = 'allow';
const R = 'refuse';
const H = 'hidden';
const C = 'CONFLICT';

/** One row, cells in COLUMNS order. */
function row(...cells: Expectation[]): Record<Column, Expectation> {
  if (cells.length !== COLUMNS.length) throw new Error(`a row needs ${COLUMNS.length} cells, got ${cells.length}`);
  return Object.fromEntries(COLUMNS.map((c, i) => [c, cells[i]])) as Record<Column, Expectation>;
}

const STAFF_ONLY = row(R, R, R, R, R, A, R, R, R);
const COACHES_AND_STAFF = row(R, R, R, A, A, A, R, R, R);
const SIGNED_IN = row(R, A, A, A, A, A, R, R, R);
/** Data of one learner: the learner, the coaches (any), staff. */
const LEARNERS_OWN = row(R, A, R, A, A, A, R, R, R);
/** Lists filtered to the caller's own: another learner asking for L1's gets an empty answer. */
const OWN_IN_LISTS = row(R, A, H, A, A, A, R, R, R);
/** Belongs to one coach: that coach (and staff). */
const THAT_COACHS = row(R, R, R, A, R, A, R, R, R);

export const MATRIX: Record<string, Record<Column, Expectation>> = {
  //                                       anon learner     coach      staff API key
  //                                             self other asgn other       prog lrn evt
  'Query.CoachingEvent':               row(R,    A,   A,    A,   A,    A,    R,   R,  A),
  'Query.Learner':                     row(R,    A,   R,    A,   A,    A,    R,   A,  R),
  'Query.Meeting':                     LEARNERS_OWN,
  'Query.Submission':                  LEARNERS_OWN,
  'Query.User':                        COACHES_AND_STAFF, // learners read themselves through `me`
  'Query._allLearnersMeta':            row(R,    A,   H,    A,   A,    A,    R,   A,  R),
  'Query._allMeetingsMeta':            OWN_IN_LISTS,
  'Query._allSubmissionsMeta':         OWN_IN_LISTS,
  'Query._allUsersMeta':               COACHES_AND_STAFF,
  'Query._reviewQueueMeta':            COACHES_AND_STAFF,
  'Query.allLearners':                 row(R,    A,   H,    A,   A,    A,    R,   A,  R),
  'Query.allMeetings':                 OWN_IN_LISTS,
  'Query.allSubmissions':              OWN_IN_LISTS,
  'Query.allUsers':                    COACHES_AND_STAFF,
  'Query.coachingEvents':              row(R,    A,   A,    A,   A,    A,    R,   R,  A), // as upcomingEvents
  'Query.meetings':                    OWN_IN_LISTS, // as allMeetings
  'Query.submissions':                 OWN_IN_LISTS, // as allSubmissions
  'Query.apiClients':                  STAFF_ONLY,
  'Query.auditLog':                    STAFF_ONLY,
  'Query.coachAlerts':                 row(R,    R,   R,    A,   H,    A,    R,   R,  R), // a coach sees their own learners' alerts
  'Query.coachCalendar':               COACHES_AND_STAFF, // coaches plan around each other's calendars
  'Query.compliancePreview':           STAFF_ONLY,
  'Query.funnel':                      COACHES_AND_STAFF,
  'Query.learnerProgress':             row(R,    A,   R,    A,   A,    A,    A,   R,  R),
  'Query.learners':                    row(R,    A,   H,    A,   A,    A,    R,   A,  R), // as allLearners
  'Query.jobActivities':               row(R,    A,   H,    A,   A,    A,    R,   R,  R), // learners their own; coaches read all learners' activity
  'Query.me':                          row(A,    A,   A,    A,   A,    A,    R,   R,  R), // null when anonymous
  'Query.morningSession':              OWN_IN_LISTS, // a learner sees only their own sign-up and group
  'Query.progress':                    row(R,    A,   H,    A,   A,    A,    A,   R,  R),
  'Query.requiredActivities':          SIGNED_IN,
  'Query.reviewQueue':                 COACHES_AND_STAFF,
  'Query.reviewQueueSummary':          COACHES_AND_STAFF,
  'Query.reviewTargets':               SIGNED_IN,
  'Query.roadmap':                     LEARNERS_OWN,
  'Query.scheduleTemplate':            SIGNED_IN,
  'Query.supportUrl':                  row(R,    A,   A,    A,   A,    A,    A,   A,  A),
  'Query.unmatchedHuntrMembers':       STAFF_ONLY,
  'Query.huntrIntegration':            STAFF_ONLY,
  'Query.upcomingEvents':              row(R,    A,   A,    A,   A,    A,    R,   R,  A),
  'Query.workingHours':                COACHES_AND_STAFF,
  'Query.jobSchedule':                 STAFF_ONLY,
  'Query.failedJobs':                  STAFF_ONLY,

  //                                       anon learner     coach      staff API key
  //                                             self other asgn other       prog lrn evt
  'Mutation.cancelCoachingEvent':      STAFF_ONLY,
  'Mutation.cancelMeeting':            row(R,    A,   R,    A,   R,    A,    R,   R,  R), // a scheduled meeting: its learner, its coach, staff
  'Mutation.cancelMorningSessionSignUp': LEARNERS_OWN,
  'Mutation.cancelRsvp':               LEARNERS_OWN,
  'Mutation.claimNextSubmission':      COACHES_AND_STAFF,
  'Mutation.claimSubmission':          THAT_COACHS, // before openToAllAt only the assigned coach (or staff)
  'Mutation.completeActivity':         LEARNERS_OWN,
  'Mutation.completeMeeting':          THAT_COACHS,
  'Mutation.correctFeedback':          THAT_COACHS, // its author or staff
  'Mutation.createApiClient':          STAFF_ONLY,
  'Mutation.createCoachingEvent':      STAFF_ONLY,
  'Mutation.createLearner':            COACHES_AND_STAFF,
  'Mutation.createRequiredActivity':   STAFF_ONLY,
  'Mutation.createScheduleActivity':   STAFF_ONLY,
  'Mutation.createScheduleBlock':      STAFF_ONLY,
  'Mutation.createUser':               STAFF_ONLY,
  'Mutation.deactivateUser':           STAFF_ONLY,
  'Mutation.declineMeeting':           COACHES_AND_STAFF, // a request is open to every coach
  'Mutation.deleteJobActivity':        LEARNERS_OWN,
  'Mutation.updateJobActivity':        LEARNERS_OWN,
  'Mutation.deleteScheduleActivity':   STAFF_ONLY,
  'Mutation.deleteScheduleBlock':      STAFF_ONLY,
  'Mutation.evaluateCompliance':       STAFF_ONLY,
  'Mutation.excuseWeek':               COACHES_AND_STAFF, // coaches act for any learner
  'Mutation.addCoachNote':             COACHES_AND_STAFF, // notes are private to coaches and staff
  'Mutation.updateCoachNote':          row(R,    R,   R,    A,   R,    R,    R,   R,  R), // its author's words: nobody else edits them
  'Mutation.deleteCoachNote':          THAT_COACHS, // its author, or staff
  'Query.myFeedbackSnippets':          COACHES_AND_STAFF, // each their own
  'Query.programReport':               STAFF_ONLY,
  'Mutation.saveFeedbackSnippet':      COACHES_AND_STAFF,
  'Mutation.deleteFeedbackSnippet':    row(R,    R,   R,    A,   R,    R,    R,   R,  R), // coach A's own
  'Mutation.giveFeedback':             THAT_COACHS, // its claimant or staff
  'Mutation.changePassword':           row(R,    A,   A,    A,   A,    A,    R,   R,  R), // each their own
  'Mutation.login':                    row(A,    A,   A,    A,   A,    A,    R,   R,  R),
  'Mutation.moveScheduleActivity':     STAFF_ONLY,
  'Mutation.moveScheduleBlock':        STAFF_ONLY,
  'Mutation.pairMorningSession':       STAFF_ONLY,
  'Mutation.reactivateUser':           STAFF_ONLY,
  'Mutation.reassignSubmission':       STAFF_ONLY,
  'Mutation.recordAttendance':         THAT_COACHS, // the facilitator or staff
  'Mutation.recordJobActivity':        LEARNERS_OWN,
  'Mutation.regenerateCalendarFeed':   SIGNED_IN, // everyone their own feed
  'Mutation.releaseSubmission':        row(R,    R,   R,    A,   C,    A,    R,   R,  R), // another coach's claim: CONFLICT naming the holder
  'Mutation.requestMeeting':           LEARNERS_OWN,
  'Mutation.rescheduleMeeting':        THAT_COACHS,
  'Mutation.resolveCoachAlert':        THAT_COACHS,
  'Mutation.resolveHuntrMember':       STAFF_ONLY,
  'Mutation.retireRequiredActivity':   STAFF_ONLY,
  'Mutation.revokeApiClient':          STAFF_ONLY,
  'Mutation.revokeApiClientKey':       STAFF_ONLY,
  'Mutation.rotateApiClientKey':       STAFF_ONLY,
  'Mutation.rsvpEvent':                LEARNERS_OWN,
  'Mutation.scheduleMeeting':          COACHES_AND_STAFF, // any coach may take a request
  'Mutation.setEnrollmentStatus':      COACHES_AND_STAFF,
  'Mutation.setEnrollmentStatuses':    COACHES_AND_STAFF,
  'Mutation.setMorningSessionGroupsOfThree': STAFF_ONLY,
  'Mutation.setReviewTarget':          STAFF_ONLY,
  'Mutation.setWorkingHours':          THAT_COACHS,
  'Mutation.signUpForMorningSession':  LEARNERS_OWN,
  'Mutation.skipActivity':             LEARNERS_OWN,
  'Mutation.submitAssignment':         LEARNERS_OWN,
  'Mutation.undoActivity':             LEARNERS_OWN,
  'Mutation.updateCoachingEvent':      STAFF_ONLY,
  'Mutation.updateLearner':            COACHES_AND_STAFF,
  'Mutation.updateRequiredActivity':   STAFF_ONLY,
  'Mutation.updateScheduleActivity':   STAFF_ONLY,
  'Mutation.updateScheduleBlock':      STAFF_ONLY,
  'Mutation.signOutEverywhere':        row(R,    A,   A,    A,   A,    A,    R,   R,  R), // each their own
  'Mutation.signOut':                  row(R,    A,   A,    A,   A,    A,    R,   R,  R), // each their own session
  'Mutation.signInWithCookie':         row(A,    A,   A,    A,   A,    A,    R,   R,  R),
  'Mutation.updateUser':               STAFF_ONLY,
  'Query.notifications':              row(R,    A,   H,    H,   H,    H,    R,   R,  R), // each their own
  'Subscription.notificationAdded':   row(R,    A,   H,    H,   H,    H,    R,   R,  R), // each their own bell
  'Subscription.reviewQueueChanged':  row(R,    R,   R,    A,   A,    A,    R,   R,  R),
  'Query.notificationPreferences':    SIGNED_IN, // each their own
  'Mutation.markNotificationsRead':   SIGNED_IN, // marks only the caller's own (notification.test.ts)
  'Mutation.setNotificationPreference': SIGNED_IN,
  'Mutation.setQuietHours':           SIGNED_IN,
  'Mutation.setDailyDigest':          COACHES_AND_STAFF, // each their own
  'Query.caughtMails':                STAFF_ONLY,
  'Query.webhookEndpoints':           STAFF_ONLY,
  'Query.webhookDeliveries':          STAFF_ONLY,
  'Mutation.createWebhookEndpoint':   STAFF_ONLY,
  'Mutation.updateWebhookEndpoint':   STAFF_ONLY,
  'Mutation.deleteWebhookEndpoint':   STAFF_ONLY,
  'Mutation.replayWebhookDelivery':   STAFF_ONLY,
  'Query.notificationDeliveries':     STAFF_ONLY,
  'Mutation.updateMyProfile':          row(R,    A,   A,    A,   A,    A,    R,   R,  R), // each their own
  'Mutation.retryJob':                 STAFF_ONLY,

  // REST routes, as Express names them. The webhook's credential is Huntr's HMAC signature, never a bearer
  // token (a signed delivery is accepted: tested beside the table). A calendar feed's credential is the secret
  // token in its path: the caller's own current feed works; L1's feed after L1 remade it, or a made-up
  // token, is 404. The console's files are public; its data comes through GraphQL.
  //                                       anon learner     coach      staff API key
  //                                             self other asgn other       prog lrn evt
  'POST /webhooks/huntr':              row(R,    R,   R,    R,   R,    R,    R,   R,  R),
  'POST /imports/huntr':               STAFF_ONLY,
  'GET /exports/:file':                STAFF_ONLY,
  // The signed link in an email is the credential (L1's own link for learnerSelf; a forged one for the others).
  'GET /notifications/unsubscribe':   row(R,    A,   R,    R,   R,    R,    R,   R,  R),
  'POST /notifications/unsubscribe':  row(R,    A,   R,    R,   R,    R,    R,   R,  R),
  'GET /calendar/:file':               row(R,    A,   R,    A,   R,    A,    R,   R,  R),
  'GET /health':                       row(A,    A,   A,    A,   A,    A,    A,   A,  A),
  'GET /health/live':                  row(A,    A,   A,    A,   A,    A,    A,   A,  A),
  'GET /health/ready':                 row(A,    A,   A,    A,   A,    A,    A,   A,  A),
  'GET /metrics':                      row(A,    A,   A,    A,   A,    A,    A,   A,  A), // by the connection's address (METRICS_ALLOW: loopback here), not by caller
  'STATIC /admin':                     row(A,    A,   A,    A,   A,    A,    A,   A,  A),
  'STATIC /docs':                      row(A,    A,   A,    A,   A,    A,    A,   A,  A), // the API reference: static files, no data
  // GraphiQL: staff only outside development (tests run the production rule). Its page and scripts hold no data; the
  // schema is introspection, which /graphql refuses in production (api/test/graphiql.test.ts has the cookie cases).
  'GET /^\\/graphiql\\/?$/':          STAFF_ONLY,
  'STATIC /graphiql/assets':           STAFF_ONLY,
  'GET /graphiql/schema.json':         STAFF_ONLY,
  'STATIC /examples/progress':         row(A,    A,   A,    A,   A,    A,    A,   A,  A), // the reference client's files, not served in production; its data comes through GraphQL
  'GET /^\\/admin(\\/.*)?$/':          row(A,    A,   A,    A,   A,    A,    A,   A,  A),
  'GET /':                             row(A,    A,   A,    A,   A,    A,    A,   A,  A),
};
