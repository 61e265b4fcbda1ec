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

  it('leaves errors that are not about an argument without one', async () => {
    const res = await t.gql(`{ allSubmissions { id nope } }`, {}, staff);
    expectError(res, 'GRAPHQL_VALIDATION_FAILED');
    expect(res.errors![0].extensions!.field).toBeUndefined();
  });
});
