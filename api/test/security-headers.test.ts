import { TestApp } from './harness';

/** Every answer carries the security headers; the console's page may run only its own scripts and never be framed. */
describe('security headers', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start();
  });
  afterAll(() => t.stop());

  it.each(['/admin/', '/health', '/graphql?query=%7B__typename%7D', '/calendar/nothing.ics'])('%s', async (path) => {
    const res = await fetch(`${t.url}${path}`, { headers: { 'apollo-require-preflight': 'true' } });
    const csp = res.headers.get('content-security-policy') ?? '';
    const directives = Object.fromEntries(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name, values]));
    expect(directives['script-src']).toEqual(["'self'"]);
    expect(directives['frame-ancestors']).toEqual(["'none'"]);
    expect(directives['object-src']).toEqual(["'none'"]);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('x-powered-by')).toBeNull();
  });
});
