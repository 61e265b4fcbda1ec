import { TestApp, expectError } from '../../../test/harness';
import { Role, type User } from '../users/user.entity';

const TEMPLATE = `{ scheduleTemplate { timeZone today days { weekday name blocks { id title kind startTime endTime position
  activities { id title required position minutes link } } } } }`;
const ROADMAP = `query($learnerId: ID!, $date: LocalDate!) { roadmap(learnerId: $learnerId, date: $date) {
  learnerId date weekday moduleWeek isToday programTimeZone doneCount skippedCount pendingCount
  blocks { blockId title kind startTime endTime startsAt endsAt activities { activityId title required state stateChangedAt } }
  requiredActivities { kind met moduleWeek } } }`;
const record = (verb: 'completeActivity' | 'skipActivity' | 'undoActivity') =>
  `mutation($learnerId: ID!, $activityId: ID!, $date: LocalDate!) { ${verb}(learnerId: $learnerId, activityId: $activityId, date: $date) { activityId state stateChangedAt } }`;

describe('schedule template and road map', () => {
  let t: TestApp;
  let staff: User;
  let coach: User;
  let learner: Awaited<ReturnType<TestApp['createLearner']>>;
  let other: Awaited<ReturnType<TestApp['createLearner']>>;
  const ids: Record<string, string> = {};

  // Wednesday 18 Nov 2026, 12:00 UTC; the learner is in Bogota (UTC-5) and started Monday 2 Nov: week 3.
  beforeAll(async () => {
    t = await TestApp.start({ now: '2026-11-18T12:00:00Z' });
    staff = await t.createUser(Role.STAFF);
    coach = await t.createUser(Role.COACH);
    learner = await t.createLearner(coach, { timeZone: 'America/Bogota', moduleStartDate: '2026-11-02' });
    other = await t.createLearner(coach, { timeZone: 'UTC', moduleStartDate: '2026-11-02' });
  });
  afterAll(() => t.stop());

  const asStaff = () => t.tokenFor(staff);
  const gqlOk = async (query: string, variables: Record<string, unknown>, token: string) => {
    const res = await t.gql(query, variables, token);
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data!;
  };

  describe('staff keep the template', () => {
    it('adds blocks and activities in order, with positions', async () => {
      const block = (title: string, kind: string, startTime: string, endTime: string, position?: number) =>
        gqlOk(`mutation($input: ScheduleBlockInput!) { createScheduleBlock(input: $input) { id position } }`,
          { input: { weekday: 3, title, kind, startTime, endTime, position } }, asStaff());
      ids.apps = (await block('Applications', 'WORK_BLOCK', '10:00', '12:00')).createScheduleBlock.id;
      ids.morning = (await block('Morning session', 'MORNING_SESSION', '09:00', '10:00', 0)).createScheduleBlock.id;
      ids.network = (await block('Networking', 'WORK_BLOCK', '13:00', '14:00')).createScheduleBlock.id;
      const activity = (blockId: string, title: string, required: boolean) =>
        gqlOk(`mutation($b: ID!, $input: ScheduleActivityInput!) { createScheduleActivity(blockId: $b, input: $input) { id } }`,
          { b: blockId, input: { title, required, minutes: 30, link: 'https://huntr.co' } }, asStaff());
      ids.apply = (await activity(ids.apps, 'Apply to 3 jobs', false)).createScheduleActivity.id;
      ids.log = (await activity(ids.apps, 'Log applications in Huntr', true)).createScheduleActivity.id;
      ids.tailor = (await activity(ids.apps, 'Tailor your CV', false)).createScheduleActivity.id;
      ids.practise = (await activity(ids.morning, 'Practise with your peer', false)).createScheduleActivity.id;
      ids.connect = (await activity(ids.network, 'Send 2 connection requests', false)).createScheduleActivity.id;

      const template = (await gqlOk(TEMPLATE, {}, learner.token)).scheduleTemplate;
      expect(template.timeZone).toBe('UTC');
      expect(template.today).toBe('2026-11-18');
      expect(template.days).toHaveLength(7);
      const wednesday = template.days[2];
      expect(wednesday.name).toBe('Wednesday');
      expect(wednesday.blocks.map((b: { title: string; position: number }) => [b.position, b.title])).toEqual([
        [0, 'Morning session'], [1, 'Applications'], [2, 'Networking'],
      ]);
      expect(wednesday.blocks[1].activities.map((a: { title: string }) => a.title)).toEqual(['Apply to 3 jobs', 'Log applications in Huntr', 'Tailor your CV']);
    });

    it('reorders blocks and activities, and moves an activity to another block', async () => {
      const moved = await gqlOk(`mutation { moveScheduleBlock(id: "${ids.network}", position: 0) { title position } }`, {}, asStaff());
      expect(moved.moveScheduleBlock.map((b: { title: string }) => b.title)).toEqual(['Networking', 'Morning session', 'Applications']);
      await gqlOk(`mutation { moveScheduleBlock(id: "${ids.network}", position: 99) { id } }`, {}, asStaff());
      await gqlOk(`mutation { moveScheduleActivity(id: "${ids.tailor}", position: 0) { position } }`, {}, asStaff());
      await gqlOk(`mutation { moveScheduleActivity(id: "${ids.connect}", position: 1, blockId: "${ids.apps}") { position blockId } }`, {}, asStaff());
      await gqlOk(`mutation { moveScheduleActivity(id: "${ids.connect}", position: 0, blockId: "${ids.network}") { position } }`, {}, asStaff());
      const day = (await gqlOk(TEMPLATE, {}, asStaff())).scheduleTemplate.days[2];
      expect(day.blocks.map((b: { title: string }) => b.title)).toEqual(['Morning session', 'Applications', 'Networking']);
      expect(day.blocks[1].activities.map((a: { title: string; position: number }) => [a.position, a.title])).toEqual([
        [0, 'Tailor your CV'], [1, 'Apply to 3 jobs'], [2, 'Log applications in Huntr'],
      ]);
      expect(day.blocks[2].activities.map((a: { title: string }) => a.title)).toEqual(['Send 2 connection requests']);
    });

    it('edits a block and an activity', async () => {
      const block = await gqlOk(`mutation { updateScheduleBlock(id: "${ids.network}", patch: { title: "Networking hour", endTime: "14:30" }) { title startTime endTime } }`, {}, asStaff());
      expect(block.updateScheduleBlock).toEqual({ title: 'Networking hour', startTime: '13:00', endTime: '14:30' });
      const activity = await gqlOk(`mutation { updateScheduleActivity(id: "${ids.connect}", patch: { minutes: 20, link: "" }) { minutes link title } }`, {}, asStaff());
      expect(activity.updateScheduleActivity).toEqual({ minutes: 20, link: null, title: 'Send 2 connection requests' });
      const cleared = await gqlOk(`mutation { updateScheduleActivity(id: "${ids.connect}", patch: { minutes: null }) { minutes } }`, {}, asStaff());
      expect(cleared.updateScheduleActivity.minutes).toBeNull();
      await gqlOk(`mutation { updateScheduleActivity(id: "${ids.connect}", patch: { minutes: 20 }) { minutes } }`, {}, asStaff());
    });

    it('refuses bad edits with the field at fault, and non-staff', async () => {
      const before = await t.snapshot();
      const create = (input: Record<string, unknown>) =>
        t.gql(`mutation($input: ScheduleBlockInput!) { createScheduleBlock(input: $input) { id } }`, { input: { weekday: 1, title: 'x', kind: 'WORK_BLOCK', startTime: '10:00', endTime: '11:00', ...input } }, asStaff());
      expectError(await create({ weekday: 8 }), 'BAD_USER_INPUT', 'input.weekday');
      expectError(await create({ startTime: '25:00' }), 'BAD_USER_INPUT', 'input.startTime');
      expectError(await create({ startTime: '11:00', endTime: '10:00' }), 'BAD_USER_INPUT', 'endTime');
      expectError(await create({ title: ' ' }), 'BAD_USER_INPUT', 'input.title');
      expectError(await create({ kind: 'PARTY' }), 'BAD_USER_INPUT');
      expectError(await create({ weekday: 3, kind: 'MORNING_SESSION' }), 'CONFLICT', 'kind');
      expectError(await t.gql(`mutation { updateScheduleActivity(id: "${ids.connect}", patch: { link: "javascript:alert(1)" }) { id } }`, {}, asStaff()), 'BAD_USER_INPUT', 'patch.link');
      expectError(await t.gql(`mutation { updateScheduleBlock(id: "00000000-0000-4000-8000-000000000000", patch: { title: "x" }) { id } }`, {}, asStaff()), 'NOT_FOUND', 'id');
      expectError(await t.gql(`mutation { moveScheduleBlock(id: "nope", position: 0) { id } }`, {}, asStaff()), 'BAD_USER_INPUT', 'id');
      expectError(await t.gql(`mutation { moveScheduleBlock(id: "${ids.apps}", position: -1) { id } }`, {}, asStaff()), 'BAD_USER_INPUT', 'position');
      expectError(await t.gql(`mutation { deleteScheduleBlock(id: "${ids.apps}") { id } }`, {}, t.tokenFor(coach)), 'FORBIDDEN');
      expectError(await t.gql(`mutation { deleteScheduleActivity(id: "${ids.apply}") { id } }`, {}, learner.token), 'FORBIDDEN');
      expect(await t.snapshot()).toBe(before);
    });
  });

  describe("a learner's road map", () => {
    it('shows the weekday\'s blocks with every activity PENDING and the week\'s required activities, in at most 3 statements', async () => {
      t.resetQueryCount();
      const roadmap = (await gqlOk(ROADMAP, { learnerId: learner.learner.id, date: '2026-11-18' }, learner.token)).roadmap;
      expect(t.queryCount).toBeLessThanOrEqual(3);
      expect(roadmap).toMatchObject({ weekday: 3, moduleWeek: 3, isToday: true, programTimeZone: 'UTC', doneCount: 0, skippedCount: 0, pendingCount: 5 });
      expect(roadmap.blocks.map((b: { title: string }) => b.title)).toEqual(['Morning session', 'Applications', 'Networking hour']);
      expect(roadmap.blocks[0]).toMatchObject({ startTime: '09:00', startsAt: '2026-11-18T09:00:00.000Z', endsAt: '2026-11-18T10:00:00.000Z' });
      expect(roadmap.requiredActivities).toEqual([{ kind: 'WEEKLY_RETROSPECTIVE', met: false, moduleWeek: 3 }]);
      const empty = (await gqlOk(ROADMAP, { learnerId: learner.learner.id, date: '2026-11-21' }, learner.token)).roadmap;
      expect(empty).toMatchObject({ weekday: 6, blocks: [], isToday: false });
    });

    it('lets a learner skip any number of skippable activities, and refuses a required one', async () => {
      const vars = (activityId: string) => ({ learnerId: learner.learner.id, activityId, date: '2026-11-18' });
      for (const id of [ids.tailor, ids.apply, ids.practise, ids.connect]) {
        expect((await gqlOk(record('skipActivity'), vars(id), learner.token)).skipActivity.state).toBe('SKIPPED');
      }
      const before = await t.snapshot();
      expectError(await t.gql(record('skipActivity'), vars(ids.log), learner.token), 'BAD_USER_INPUT', 'activityId');
      expect(await t.snapshot()).toBe(before);
      const done = (await gqlOk(record('completeActivity'), vars(ids.log), learner.token)).completeActivity;
      expect(done).toEqual({ activityId: ids.log, state: 'DONE', stateChangedAt: '2026-11-18T12:00:00.000Z' });
      const roadmap = (await gqlOk(ROADMAP, { learnerId: learner.learner.id, date: '2026-11-18' }, learner.token)).roadmap;
      expect(roadmap).toMatchObject({ doneCount: 1, skippedCount: 4, pendingCount: 0 });
    });

    it('undoes on the same day only', async () => {
      const vars = { learnerId: learner.learner.id, activityId: ids.apply, date: '2026-11-18' };
      expect((await gqlOk(record('undoActivity'), vars, learner.token)).undoActivity).toEqual({ activityId: ids.apply, state: 'PENDING', stateChangedAt: null });
      await gqlOk(record('completeActivity'), vars, learner.token);
      // 19 Nov 06:00 UTC is still 18 Nov in Bogota: same day.
      t.clock.set('2026-11-19T04:59:00Z');
      expect((await gqlOk(record('undoActivity'), vars, t.tokenFor(learner.user))).undoActivity.state).toBe('PENDING');
      await gqlOk(record('completeActivity'), vars, t.tokenFor(learner.user));
      t.clock.set('2026-11-19T05:01:00Z');
      const before = await t.snapshot();
      expectError(await t.gql(record('undoActivity'), vars, t.tokenFor(learner.user)), 'BAD_USER_INPUT', 'date');
      expect(await t.snapshot()).toBe(before);
      t.clock.set('2026-11-18T12:00:00Z');
    });

    it('lets a coach record on a learner\'s behalf, and refuses another learner', async () => {
      const vars = { learnerId: learner.learner.id, activityId: ids.apply, date: '2026-11-18' };
      expect((await gqlOk(record('skipActivity'), vars, t.tokenFor(coach))).skipActivity.state).toBe('SKIPPED');
      const before = await t.snapshot();
      expectError(await t.gql(record('completeActivity'), vars, other.token), 'FORBIDDEN');
      expectError(await t.gql(ROADMAP, { learnerId: learner.learner.id, date: '2026-11-18' }, other.token), 'FORBIDDEN');
      expectError(await t.gql(ROADMAP, { learnerId: learner.learner.id, date: '2026-11-18' }), 'UNAUTHENTICATED');
      expect(await t.snapshot()).toBe(before);
    });

    it('refuses bad input with a code and the field, writing nothing', async () => {
      const before = await t.snapshot();
      const vars = (over: Record<string, unknown>) => ({ learnerId: learner.learner.id, activityId: ids.apply, date: '2026-11-18', ...over });
      expectError(await t.gql(record('completeActivity'), vars({ activityId: '00000000-0000-4000-8000-000000000000' }), learner.token), 'NOT_FOUND', 'activityId');
      expectError(await t.gql(record('completeActivity'), vars({ activityId: 'abc' }), learner.token), 'BAD_USER_INPUT', 'activityId');
      expectError(await t.gql(record('completeActivity'), vars({ date: '2026-10-28' }), learner.token), 'BAD_USER_INPUT', 'date');
      expectError(await t.gql(record('completeActivity'), vars({ date: '2026-11-25' }), learner.token), 'BAD_USER_INPUT', 'date');
      expectError(await t.gql(record('completeActivity'), vars({ date: '2026-11-17' }), learner.token), 'BAD_USER_INPUT', 'activityId'); // a Tuesday: not on its road map
      expectError(await t.gql(record('completeActivity'), vars({ date: '18/11/2026' }), learner.token), 'BAD_USER_INPUT');
      expectError(await t.gql(record('completeActivity'), vars({ date: '2026-02-30' }), learner.token), 'BAD_USER_INPUT');
      expectError(await t.gql(ROADMAP, { learnerId: learner.learner.id, date: '2026-10-01' }, learner.token), 'BAD_USER_INPUT', 'date');
      expectError(await t.gql(ROADMAP, { learnerId: '00000000-0000-4000-8000-000000000000', date: '2026-11-18' }, t.tokenFor(coach)), 'NOT_FOUND', 'learnerId');
      expectError(await t.gql(`mutation { createLearner(name: "X", email: "x@example.org", timeZone: "Mars/Olympus", moduleStartDate: "2026-11-02", coachId: "${coach.id}") { id } }`, {}, t.tokenFor(coach)), 'BAD_USER_INPUT', 'timeZone');
      expect(await t.snapshot()).toBe(before);
    });

    it('keeps what learners did when the template changes', async () => {
      // The learner's 18 Nov states stay; the activity retired on the 19th disappears from later road maps only.
      t.clock.set('2026-11-19T15:00:00Z');
      await gqlOk(`mutation { deleteScheduleActivity(id: "${ids.tailor}") { id } }`, {}, asStaff());
      await gqlOk(`mutation { updateScheduleActivity(id: "${ids.apply}", patch: { title: "Apply to 5 jobs" }) { id } }`, {}, asStaff());
      await gqlOk(`mutation { deleteScheduleBlock(id: "${ids.network}") { id } }`, {}, asStaff());
      const past = (await gqlOk(ROADMAP, { learnerId: learner.learner.id, date: '2026-11-18' }, t.tokenFor(learner.user))).roadmap;
      const titles = past.blocks.flatMap((b: { activities: { title: string; state: string }[] }) => b.activities.map((a) => `${a.title}:${a.state}`));
      expect(titles).toEqual(expect.arrayContaining(['Tailor your CV:SKIPPED', 'Apply to 5 jobs:SKIPPED', 'Log applications in Huntr:DONE', 'Send 2 connection requests:SKIPPED']));
      const next = (await gqlOk(ROADMAP, { learnerId: learner.learner.id, date: '2026-11-25' }, t.tokenFor(learner.user))).roadmap;
      const nextTitles = next.blocks.flatMap((b: { activities: { title: string }[] }) => b.activities.map((a) => a.title));
      expect(nextTitles).not.toContain('Tailor your CV');
      expect(next.blocks.map((b: { title: string }) => b.title)).toEqual(['Morning session', 'Applications']);
      expect(next.pendingCount).toBe(3);
      // The template lists live rows only; the remaining activities closed the gap.
      const day = (await gqlOk(TEMPLATE, {}, asStaff())).scheduleTemplate.days[2];
      expect(day.blocks[1].activities.map((a: { position: number; title: string }) => [a.position, a.title])).toEqual([[0, 'Apply to 5 jobs'], [1, 'Log applications in Huntr']]);
      t.clock.set('2026-11-18T12:00:00Z');
    });
  });
});
