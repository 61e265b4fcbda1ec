import { TestApp, expectError } from '../../../test/harness';
import { Role } from '../users/user.entity';

/** The program's support desk (SUPPORT_URL) reaches the learners and client platforms that link to it. */
describe('the support link', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start({ config: { supportUrl: 'https://help.example.org/hc/requests/new' } });
  });
  afterAll(() => t.stop());

  it('is given to any signed-in user and API key, and to nobody anonymous', async () => {
    const learner = (await t.createLearner(await t.createUser(Role.COACH))).user;
    expect((await t.gql(`{ supportUrl }`, {}, t.tokenFor(learner))).data).toEqual({ supportUrl: 'https://help.example.org/hc/requests/new' });
    const staff = t.tokenFor(await t.createUser(Role.STAFF));
    const key = (await t.gql(`mutation { createApiClient(name: "Progress page", scopes: ["progress:read"]) { key } }`, {}, staff)).data!.createApiClient.key;
    expect((await t.gql(`{ supportUrl }`, {}, key)).data).toEqual({ supportUrl: 'https://help.example.org/hc/requests/new' });
    expectError(await t.gql(`{ supportUrl }`), 'UNAUTHENTICATED');
  });
});
