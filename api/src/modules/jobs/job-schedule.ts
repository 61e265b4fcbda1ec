/**
 * Waypoint's scheduled work, once: the worker's crontab is made from it (jobs/worker.ts) and staff see it with its
 * last and next runs (jobsSchedule). Cron times are UTC, as graphile-worker evaluates them.
 */
export interface ScheduledTask {
  task: string;
  cron: string;
  description: string;
}

export const SCHEDULE: readonly ScheduledTask[] = [
  {
    task: 'evaluate_compliance',
    cron: '*/15 * * * *',
    description:
      "Judges each learner-week that has ended against the week's required activities; learner-local midnights fall on quarter hours in every zone, so each week is judged within 15 minutes of its end.",
  },
  {
    task: 'send_reminders',
    cron: '*/15 * * * *',
    description:
      "Writes the reminders that are due: the week's required activities still missing 48 hours before each learner's week ends and on its last day, 1:1s 24 hours and 1 hour before, coaching events 24 hours before, submissions near their review target to their coach. Each is written once.",
  },
  {
    task: 'deliver_notifications',
    cron: '* * * * *',
    description: 'Sends the emails and webhook deliveries that are due: queued when a notification is written, and every minute for those that waited out quiet hours or a failed attempt.',
  },
  { task: 'pair_morning_sessions', cron: '* * * * *', description: 'Pairs the morning sessions whose sign-up cut-off has passed.' },
  { task: 'release_lapsed_claims', cron: '*/5 * * * *', description: 'Puts review claims untouched for 24 hours back in the queue.' },
  {
    task: 'huntr_sync',
    cron: '*/10 * * * *',
    description: "Tries the Huntr actions kept aside again and, with HUNTR_API_TOKEN, pulls what the webhook missed from Huntr's Organization API.",
  },
];

/** The schedule as graphile-worker's crontab: each task at most once at a time. */
export const CRONTAB = SCHEDULE.map((s) => `${s.cron} ${s.task} ?max=1`).join('\n');
