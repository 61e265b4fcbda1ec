import { TestApp, expectError } from './harness';
import { Role } from '../src/modules/users/user.entity';

/** Input graphql-js refuses before any resolver runs still names the argument at fault, in variables and inline. */
describe('argument errors', () => {
  let t: TestApp;
  let staff: string;
  beforeAll(async () => {
    t = await TestApp.start();
    staff = t.tokenFor(await t.createUser(Role.STAFF));
  });
  afterAll(() => t.stop());

  it.each([
    ['an unknown enum value in a variable', `query($f: SubmissionFilter) { allSubmissions(filter: $f) { id } }`, { f: { kind: 'NOPE' } }, 'BAD_USER_INPUT', 'filter.kind'],
    ['a string for an Int variable', `query($p: Int) { allSubmissions(perPage: $p) { id } }`, { p: 'x' }, 'BAD_USER_INPUT', 'perPage'],
    ['a malformed date in a variable', `mutation($d: DateTimeISO!) { evaluateCompliance(asOf: $d, changeLimit: 5) { learnerWeeksEvaluated } }`, { d: 'yesterday' }, 'BAD_USER_INPUT', 'asOf'],
    ['a variable inside an object written inline', `query($k: SubmissionKind) { allSubmissions(filter: { kind: $k }) { id } }`, { k: 'NOPE' }, 'BAD_USER_INPUT', 'filter.kind'],
    ['an unknown enum value inline', `{ allSubmissions(filter: { kind: NOPE }) { id } }`, {}, 'GRAPHQL_VALIDATION_FAILED', 'filter.kind'],
    ['a string for an Int inline', `{ allSubmissions(perPage: "x") { id } }`, {}, 'GRAPHQL_VALIDATION_FAILED', 'perPage'],
    ['a malformed date inline', `mutation { evaluateCompliance(asOf: "yesterday", changeLimit: 5) { learnerWeeksEvaluated } }`, {}, 'GRAPHQL_VALIDATION_FAILED', 'asOf'],
  ])('names the argument for %s', async (_what, query, variables, code, field) => {
    const res = await t.gql(query, variables as Record<string, unknown>, staff);
    expect(res.status).toBe(400);
    expectError(res, code, field);
  });

  it('takes an explicit null filter as no filter, on every list and its count', async () => {
    // Generated clients send `filter: null` for "no filter"; the lists once read a property of it (a 500).
    // Compiled reads and the resolvers (a document that does not compile goes through them).
    try {
      for (const compiled of [true, false]) {
        t.config.compiledReads = compiled;
        for (const list of ['allLearners', 'allSubmissions', 'allMeetings', 'allUsers', 'reviewQueue']) {
          const query = `query($f: ${list === 'reviewQueue' ? 'Submission' : list.slice(3, -1)}Filter) { a: ${list}(filter: $f) { id } b: _${list}Meta(filter: $f) { count } }`;
          const [withNull, without] = [await t.gql(query, { f: null }, staff), await t.gql(query, {}, staff)];
          expect({ compiled, list, errors: withNull.errors, data: withNull.data }).toEqual({ compiled, list, errors: undefined, data: without.data });
        }
      }
    } finally {
      t.config.compiledReads = true;
    }
  });

  it('leaves errors that are not about an argument without one', async () => {
    const res = await t.gql(`{ allSubmissions { id nope } }`, {}, staff);
    expectError(res, 'GRAPHQL_VALIDATION_FAILED');
    expect(res.errors![0].extensions!.field).toBeUndefined();
  });
});
