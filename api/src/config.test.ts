import { ConfigError, loadConfig } from './config';

describe('configuration', () => {
  const base = { NODE_ENV: 'test' } as NodeJS.ProcessEnv;

  it('reads the program time zone, the morning cut-off and the worker switch', () => {
    expect(loadConfig(base)).toMatchObject({ programTimeZone: 'UTC', morningCutoffMinutes: 15, worker: false });
    expect(loadConfig({ ...base, PROGRAM_TIME_ZONE: 'america/new_york', MORNING_CUTOFF_MINUTES: '30', WORKER: 'on' })).toMatchObject({
      programTimeZone: 'America/New_York',
      morningCutoffMinutes: 30,
      worker: true,
    });
    expect(loadConfig({ NODE_ENV: 'development', WAYPOINT_DATA_DIR: '/tmp/waypoint-config-test' }).worker).toBe(true);
  });

  it.each([
    ['PROGRAM_TIME_ZONE', 'GMT+3 please', /PROGRAM_TIME_ZONE must be an IANA time zone/],
    ['PROGRAM_TIME_ZONE', 'Mars/Olympus_Mons', /PROGRAM_TIME_ZONE/],
    ['MORNING_CUTOFF_MINUTES', '-5', /MORNING_CUTOFF_MINUTES must be a whole number from 0 to 1440/],
    ['WORKER', 'yes', /WORKER must be one of on, off/],
  ])('refuses %s=%s with a message naming it', (name, value, message) => {
    expect(() => loadConfig({ ...base, [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ ...base, [name]: value })).toThrow(message);
  });
});
