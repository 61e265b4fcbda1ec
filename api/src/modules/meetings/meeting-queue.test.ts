import { TestApp } from '../../../test/harness';
import { Role, type User } from '../users/user.entity';
import { meetingSort } from './meeting.service';

// The console's meeting queue (admin/src/meetings/data.ts: MeetingQueueDocument and its MeetingRow fragment; the tabs'
// filters from admin/src/meetings/labels.ts, required as another package's file).
/* eslint-disable @typescript-eslint/no-require-imports */
const { MEETING_VIEWS } = require('../../../../admin/src/meetings/labels') as { MEETING_VIEWS: { id: string; filter: Record<string, unknown> }[] };
/* eslint-enable @typescript-eslint/no-require-imports */
const QUEUE = `query meetingQueue($filter: MeetingFilter, $page: Int, $perPage: Int, ${MEETING_VIEWS.map((v) => `$${v.id}: MeetingFilter`).join(', ')}) {
  items: allMeetings(filter: $filter, page: $page, perPage: $perPage) { ...MeetingRow }
  ${MEETING_VIEWS.map((v) => `${v.id}: _allMeetingsMeta(filter: $${v.id}) { count }`).join('\n')} }
fragment MeetingRow on Meeting {
  id topic note status urgent startsAt endsAt requestedAt updatedAt
  windows { startsAt endsAt } learner { id name timeZone } coach { id name timeZone } }`;

/**
 * The console's meeting queue is one statement (its rows with learner, coach, windows and urgent, and every tab's
 * count), and answers what the resolvers answer: asked with compiled reads off and on, for every tab, as staff and as
 * a coach. Its rows' learner and coach were entities loaded by resolvers (about a quarter of PostGraphile 5's
 * requests a second in `npm run bench -- lists`).
 */
describe("the console's meeting queue", () => {
  let t: TestApp;
  let staff: User;
  let coach: User;

  beforeAll(async () => {
    t = await TestApp.start({ now: '2026-11-16T12:00:00Z' });
    staff = await t.createUser(Role.STAFF);
    coach = await t.createUser(Role.COACH, { name: 'Diego Ramírez', timeZone: 'America/Bogota' });
    const other = await t.createUser(Role.COACH, { name: 'Lena Fischer', timeZone: 'Europe/Berlin' });
    const learners = [await t.createLearner(coach, { timeZone: 'Africa/Lagos', name: 'Chidi Nwosu' }), await t.createLearner(other, { name: 'Ana Lima' })];
    const ok = async (query: string, variables: Record<string, unknown>, user: { id: string }) => {
      const res = await t.gql(query, variables, t.tokenFor(user));
      if (res.errors) throw new Error(JSON.stringify(res.errors));
      return res.data!;
    };
    const request = `mutation($input: RequestMeetingInput!) { requestMeeting(input: $input) { id } }`;
    const ids: string[] = [];
    for (const [i, topic] of ['GENERAL', 'OFFER', 'INTERVIEW_PREP', 'OFFER'].entries()) {
      t.clock.set(`2026-11-16T12:0${i}:00Z`);
      const l = learners[i % 2];
      // One window, or two with an offset the console would not send: the answer is the instant either way.
      const windows = [{ startsAt: '2026-11-20T14:00:00+01:00', endsAt: '2026-11-20T16:00:00+01:00' }, ...(i % 2 ? [{ startsAt: '2026-11-23T09:30:00Z', endsAt: '2026-11-23T11:00:00Z' }] : [])];
      ids.push((await ok(request, { input: { learnerId: l.learner.id, topic, note: `About my CV ${i}`, windows } }, l.user)).requestMeeting.id);
    }
    await ok(
      `mutation($id: ID!) { scheduleMeeting(id: $id, startsAt: "2026-11-20T13:30:00Z", durationMinutes: 45, videoLink: "https://meet.example.org/a") { id } }`,
      { id: ids[2] },
      coach,
    );
  });
  afterAll(() => t.stop());

  it('is one statement for every tab, as staff and as a coach, with the answer the resolvers give', async () => {
    const pages = MEETING_VIEWS.flatMap((view) => [0, 1].map((page) => ({ view, page })));
    for (const user of [staff, coach]) {
      for (const { view, page } of pages) {
        const variables = { filter: view.filter, page, perPage: 3, ...Object.fromEntries(MEETING_VIEWS.map((v) => [v.id, v.filter])) };
        t.config.compiledReads = false;
        const resolved = await t.gql(QUEUE, variables, t.tokenFor(user));
        t.config.compiledReads = true;
        t.resetQueryCount();
        const compiled = await t.gql(QUEUE, variables, t.tokenFor(user));
        expect(resolved.errors).toBeUndefined();
        expect({ view: view.id, page, data: compiled.data, statements: t.queryCount }).toEqual({ view: view.id, page, data: resolved.data, statements: 1 });
      }
    }
  });

  it('answers urgent OFFER requests first, with their windows as instants', async () => {
    const res = await t.gql(QUEUE, { filter: {}, page: 0, perPage: 50, ...Object.fromEntries(MEETING_VIEWS.map((v) => [v.id, v.filter])) }, t.tokenFor(staff));
    const items = res.data!.items as { topic: string; urgent: boolean; status: string; windows: { startsAt: string }[]; learner: { name: string } }[];
    expect(items.map((m) => [m.topic, m.urgent, m.status])).toEqual([
      ['OFFER', true, 'REQUESTED'],
      ['OFFER', true, 'REQUESTED'],
      ['GENERAL', false, 'REQUESTED'],
      ['INTERVIEW_PREP', false, 'SCHEDULED'],
    ]);
    expect(items[0].windows).toEqual([
      { startsAt: '2026-11-20T13:00:00.000Z', endsAt: '2026-11-20T15:00:00.000Z' },
      { startsAt: '2026-11-23T09:30:00.000Z', endsAt: '2026-11-23T11:00:00.000Z' },
    ]);
    expect(res.data!.all).toEqual({ count: 4 });
  });

  it("reads a page of the All tab off the queue order's index, not by sorting every meeting", async () => {
    const conn = t.em().getConnection();
    await conn.execute(
      `insert into meetings (id, learner_id, coach_id, topic, note, windows, status, requested_at, updated_at)
       select md5('meeting-' || g)::uuid, m.learner_id, m.coach_id, (case when g % 8 = 0 then 'OFFER' else 'GENERAL' end)::meeting_topic, '', m.windows,
              (case when g % 10 = 0 then 'REQUESTED' else 'COMPLETED' end)::meeting_status,
              timestamptz '2026-11-16T12:00:00Z' - g * interval '1 hour', timestamptz '2026-11-16T12:00:00Z'
       from generate_series(1, 5000) g, (select learner_id, coach_id, windows from meetings limit 1) m`,
    );
    await conn.execute('analyze meetings');
    const nodes = await t.planNodes(`select m.id from meetings m where true order by ${meetingSort(undefined, 'asc')} limit 50 offset 100`);
    expect(nodes).toContain('Index Scan on meetings (meetings_queue_order_index)');
    expect(nodes.filter((n) => n.startsWith('Sort') || n.startsWith('Seq Scan'))).toEqual([]);
  });
});
