import { TestApp } from './harness';

/** /health/live and /health/ready as a load balancer or an orchestrator asks them. */
describe('health', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start();
  });
  afterAll(() => t.stop());

  const get = async (path: string) => {
    const res = await fetch(`${t.url}${path}`);
    return { status: res.status, body: (await res.json()) as Record<string, string> };
  };

  it('is live while the process answers, and ready while the database answers with every migration applied', async () => {
    expect(await get('/health/live')).toEqual({ status: 200, body: { status: 'ok' } });
    expect(await get('/health/ready')).toEqual({ status: 200, body: { status: 'ok', database: 'reachable', migrations: 'applied' } });
    expect((await get('/health')).body).toEqual((await get('/health/ready')).body);
  });

  it('is not ready while a migration this code knows is not applied', async () => {
    const conn = t.em().getConnection();
    const [last] = await conn.execute<{ id: number; name: string; executed_at: Date }[]>('select * from mikro_orm_migrations order by id desc limit 1');
    await conn.execute('delete from mikro_orm_migrations where id = ?', [last.id]);
    try {
      const { status, body } = await get('/health/ready');
      expect(status).toBe(503);
      expect(body).toMatchObject({ status: 'unavailable', database: 'reachable', migrations: `pending: ${last.name}` });
      expect((await get('/health/live')).status).toBe(200);
    } finally {
      await conn.execute('insert into mikro_orm_migrations (id, name, executed_at) values (?, ?, ?)', [last.id, last.name, last.executed_at]);
    }
    expect((await get('/health/ready')).status).toBe(200);
  });
});

describe('health where the job worker should run', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start({ config: { worker: true } });
  });
  afterAll(() => t.stop());

  it('is not ready without a running worker', async () => {
    const res = await fetch(`${t.url}/health/ready`);
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ status: 'unavailable', worker: 'not running' });
  });
});
