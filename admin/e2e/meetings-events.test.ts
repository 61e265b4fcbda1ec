import { expect, test } from '@playwright/test';
import { apiToken, BASE_URL, COACH, graphql, openBrowser, signIn, stamp, STAFF, type Browser } from './browser';
import { addDays, coaches, escapeRegExp, freeMorning, HOUR, localInput, mondayOf, parts, timeText, type Person } from './calendar-time';

/**
 * 1:1 meetings, the coach's week and coaching events, in a real browser against a real server.
 * Staff create an event for a coach (and the facilitator's clash is named when they try to
 * double-book her); a learner asks that coach for a 1:1 in windows around the event; the coach
 * opens the request, sees each window in her zone and the learner's, first picks the event's time
 * (the clash is explained), then a free start, and finds the meeting on her week. The facilitator
 * of an event that has just started records attendance. Everything is placed relative to now, on
 * a day the coach's calendar is free, so it runs the same on any day of the week.
 */
let browser: Browser;

test.beforeAll(async ({ browser: chromium }) => {
  browser = await openBrowser(chromium);
});

test.afterAll(async () => {
  await browser?.close();
});

/** Signs out whoever the browser holds, then signs in as someone else. */
async function signInAs(email: string) {
  await browser.page.goto(`${BASE_URL}/admin/`);
  await browser.page.evaluate(() => localStorage.clear());
  await signIn(browser.page, email);
}

// Shared by the first two tests: the day, the coach and the event that blocks her morning.
const scene: { coach?: Person; day?: Date; eventTitle?: string; eventStart?: string } = {};

test('staff create a coaching event; it is listed with its seats, and a double booking names the clash', async () => {
  const { page } = browser;
  const staffToken = await apiToken(STAFF);
  const coach = (await coaches(staffToken)).find((c) => c.email === COACH)!;
  const { me: staff } = await graphql<{ me: { timeZone: string } }>(staffToken, '{ me { timeZone } }');
  const day = await freeMorning(staffToken, coach.id);
  const eventStart = new Date(day.getTime() + 8 * HOUR).toISOString(); // 08:00–09:00 UTC
  const title = `Salary negotiation drills ${stamp()}`;
  Object.assign(scene, { coach, day, eventTitle: title, eventStart });

  await signInAs(STAFF);
  await page.getByRole('menuitem', { name: 'Events', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Coaching events', level: 1 })).toBeVisible();
  await expect(page.getByTestId('event-row').first()).toBeVisible();

  // New event: the start is typed in staff's own zone (Europe/London) and sent as an instant.
  await page.getByRole('button', { name: 'New event' }).click();
  const dialog = page.getByRole('dialog', { name: 'New coaching event' });
  await dialog.getByLabel('Type').selectOption({ label: 'Workshop' });
  await dialog.getByLabel(/^Title/).fill(title);
  await dialog.getByLabel('Description').fill('Practise the counter-offer conversation in pairs, with a coach listening in.');
  await dialog.getByLabel(/^Facilitator/).selectOption({ label: `${coach.name} (${coach.timeZone})` });
  await dialog.getByLabel(/^Start \(/).fill(localInput(eventStart, staff.timeZone));
  // The facilitator's own time is shown under the start.
  await expect(dialog.getByText(new RegExp(`^${escapeRegExp(coach.name.split(' ')[0])}: .*GMT\\+1`))).toBeVisible();
  await dialog.getByLabel(/^Minutes/).fill('60');
  await dialog.getByLabel(/^Capacity/).fill('12');
  await dialog.getByLabel('Link').fill('https://meet.example.org/negotiation-drills');
  await browser.screenshot('events-01-new-event-dialog');
  await dialog.getByRole('button', { name: 'Create event' }).click();
  await expect(dialog).toBeHidden();

  // It is listed, with no seat taken of its 12 and nobody waiting.
  const row = page.getByTestId('event-row').filter({ hasText: title });
  await expect(row).toBeVisible();
  expect(await row.getByTestId('event-seats').innerText()).toMatch(/^0 \/ 12/);
  expect((await row.getByTestId('event-waitlist').innerText()).trim()).toBe('–');
  expect(await row.innerText()).toContain(coach.name);
  expect(await row.locator('[data-event-state]').getAttribute('data-event-state')).toBe('open');
  await browser.screenshot('events-02-listed');

  // The API agrees: the event starts at the instant typed in London time.
  const eventId = await row.getAttribute('data-event-id');
  const { CoachingEvent: saved } = await graphql<{ CoachingEvent: { startsAt: string; capacity: number; facilitator: { id: string } } }>(
    staffToken,
    'query($id: ID!) { CoachingEvent(id: $id) { startsAt capacity facilitator { id } } }',
    { id: eventId },
  );
  expect(saved).toEqual({ startsAt: eventStart, capacity: 12, facilitator: { id: coach.id } });

  // A second event for the same coach at the same time: the dialog names what she is busy with.
  await page.getByRole('button', { name: 'New event' }).click();
  await dialog.getByLabel(/^Title/).fill(`Overlap check ${stamp()}`);
  await dialog.getByLabel(/^Facilitator/).selectOption({ label: `${coach.name} (${coach.timeZone})` });
  await dialog.getByLabel(/^Start \(/).fill(localInput(new Date(Date.parse(eventStart) + 30 * 60_000).toISOString(), staff.timeZone));
  await dialog.getByRole('button', { name: 'Create event' }).click();
  const clash = dialog.getByTestId('event-clash');
  await expect(clash).toBeVisible();
  expect(await clash.innerText()).toContain(`${coach.name} is busy then`);
  expect(await clash.innerText()).toContain(title);
  await browser.screenshot('events-03-facilitator-clash');
  await dialog.getByRole('button', { name: 'Back' }).click();
  await expect(dialog).toBeHidden();

  // An event with a waitlist: seated learners, then the waitlist in order.
  const { upcomingEvents } = await graphql<{ upcomingEvents: { id: string; title: string; seats: { seated: number; waitlisted: number } }[] }>(
    staffToken,
    '{ upcomingEvents { id title seats { seated waitlisted } } }',
  );
  const full = upcomingEvents.find((e) => e.seats.waitlisted > 0)!;
  expect(full).toBeDefined();
  await page.getByTestId('event-row').filter({ hasText: full.title }).getByRole('link', { name: full.title, exact: true }).click();
  await expect(page.getByRole('heading', { name: full.title, level: 1 })).toBeVisible();
  await expect(page.getByTestId('rsvp-seated').first()).toBeVisible();
  expect(await page.getByTestId('rsvp-seated').count()).toBe(full.seats.seated);
  const waitlisted = page.getByTestId('rsvp-waitlisted');
  expect(await waitlisted.count()).toBe(full.seats.waitlisted);
  const places = await waitlisted.evaluateAll((rows) => rows.map((r) => r.querySelector('td')?.textContent));
  expect(places).toEqual(Array.from({ length: full.seats.waitlisted }, (_, i) => String(i + 1)));
  await expect(page.getByText(/Attendance can be recorded once it starts/)).toBeVisible();
  await browser.screenshot('events-04-rsvps-and-waitlist');
});

test('a coach schedules a learner’s request inside a window, around a clash, and finds it on her week', async () => {
  const { page } = browser;
  const staffToken = await apiToken(STAFF);
  const coach = scene.coach ?? (await coaches(staffToken)).find((c) => c.email === COACH)!;
  const coachToken = await apiToken(COACH);
  const day = scene.day ?? (await freeMorning(coachToken, coach.id));

  // One of her learners asks for a 1:1 in two windows: 07:00–11:00 UTC that day, and 07:00–09:00 the next.
  const { allLearners } = await graphql<{ allLearners: Person[] }>(
    coachToken,
    'query($coachId: ID!) { allLearners(filter: { coachId: $coachId, status: ENROLLED }, perPage: 50) { id name email timeZone } }',
    { coachId: coach.id },
  );
  // One who lives in another zone, so the two columns differ.
  const learner = allLearners.find((l) => l.timeZone !== coach.timeZone) ?? allLearners[0];
  const learnerToken = await apiToken(learner.email);
  const windows = [
    { startsAt: new Date(day.getTime() + 7 * HOUR).toISOString(), endsAt: new Date(day.getTime() + 11 * HOUR).toISOString() },
    { startsAt: new Date(day.getTime() + 31 * HOUR).toISOString(), endsAt: new Date(day.getTime() + 33 * HOUR).toISOString() },
  ];
  const note = `Final round on Thursday: can we rehearse the system-design part? (${stamp()})`;
  const { requestMeeting } = await graphql<{ requestMeeting: { id: string } }>(
    learnerToken,
    'mutation($input: RequestMeetingInput!) { requestMeeting(input: $input) { id } }',
    { input: { learnerId: learner.id, topic: 'INTERVIEW_PREP', note, windows } },
  );
  const meetingId = requestMeeting.id;
  // Without the first test's event, block her 08:00–09:00 UTC with one here.
  let eventTitle = scene.eventTitle;
  let eventStart = scene.eventStart;
  if (!eventTitle || !eventStart) {
    eventTitle = `Blocking workshop ${stamp()}`;
    eventStart = new Date(day.getTime() + 8 * HOUR).toISOString();
    await graphql(staffToken, 'mutation($input: CoachingEventInput!) { createCoachingEvent(input: $input) { id } }', {
      input: { type: 'WORKSHOP', title: eventTitle, facilitatorId: coach.id, startsAt: eventStart, durationMinutes: 60, capacity: 10 },
    });
  }

  // The queue: urgent offers first, then the oldest request; her learner's request is in it.
  await signInAs(COACH);
  await page.getByRole('menuitem', { name: '1:1 meetings' }).click();
  await expect(page.getByRole('heading', { name: '1:1 meetings', level: 1 })).toBeVisible();
  expect(await page.getByRole('tab', { name: /Requested/ }).getAttribute('aria-selected')).toBe('true');
  const row = page.locator(`[data-testid="meeting-row"][data-meeting-id="${meetingId}"]`);
  await expect(row).toBeVisible();
  const urgent = await page.getByTestId('meeting-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-urgent') === 'true'));
  expect(urgent).toEqual([...urgent].sort((a, b) => Number(b) - Number(a))); // every urgent row before the others
  const { allMeetings: firstRequested } = await graphql<{ allMeetings: { id: string; urgent: boolean }[] }>(
    coachToken,
    '{ allMeetings(filter: { statuses: [REQUESTED] }, perPage: 1) { id urgent } }',
  );
  expect(firstRequested[0].urgent).toBe(true); // the demo's offer still waits
  const first = page.getByTestId('meeting-row').first();
  expect(await first.getAttribute('data-meeting-id')).toBe(firstRequested[0].id);
  await expect(first.getByTestId('urgent-chip')).toBeVisible();
  expect(await row.innerText()).toContain(learner.name);
  expect(await row.innerText()).toContain('Interview prep');
  await browser.screenshot('meetings-01-queue');

  // Her request: the note, and each window in the coach's zone and the learner's.
  await row.getByRole('link', { name: `Answer ${learner.name}'s meeting` }).click();
  await page.waitForURL(new RegExp(`/admin/meetings/${meetingId}/show`));
  await expect(page.getByRole('heading', { name: `${learner.name}: Interview prep`, level: 1 })).toBeVisible();
  await expect(page.getByText(note)).toBeVisible();
  await expect(page.getByTestId('meeting-history').getByText(/^Requested$/)).toBeVisible();

  await page.getByRole('button', { name: 'Schedule', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: `Schedule the 1:1 with ${learner.name}` });
  await expect(dialog).toBeVisible();
  const windowRows = dialog.getByTestId('schedule-window');
  expect(await windowRows.count()).toBe(2);
  const header = await dialog.getByTestId('schedule-windows').locator('thead').innerText();
  expect(header).toContain(coach.timeZone.replaceAll('_', ' '));
  expect(header).toContain(learner.timeZone.replaceAll('_', ' '));
  expect(await windowRows.first().getByTestId('window-coach-time').innerText()).toMatch(timeText(windows[0].startsAt, coach.timeZone));
  expect(await windowRows.first().getByTestId('window-learner-time').innerText()).toMatch(timeText(windows[0].startsAt, learner.timeZone));
  // What she already has in the window is listed before she picks.
  await expect(dialog.getByTestId('schedule-booked').getByText(eventTitle)).toBeVisible();

  // The event's hour first: the API refuses, and the dialog says what she is busy with and when.
  const start = dialog.getByTestId('schedule-start');
  await start.fill(localInput(eventStart, coach.timeZone));
  await dialog.getByLabel('Length').selectOption({ label: '30 min' });
  await dialog.getByLabel(/^Video link/).fill('https://meet.example.org/amara-1on1');
  await dialog.getByRole('button', { name: 'Schedule', exact: true }).click();
  const clash = dialog.getByTestId('schedule-clash');
  await expect(clash).toBeVisible();
  expect(await clash.innerText()).toContain('You are busy then');
  expect(await clash.innerText()).toContain(eventTitle);
  expect(await clash.innerText()).toMatch(timeText(eventStart, coach.timeZone));
  await browser.screenshot('meetings-02-schedule-clash');

  // Then 10:00 UTC (11:00 in Lagos), inside the first window and after the event.
  const meetingStart = new Date(day.getTime() + 10 * HOUR).toISOString();
  await start.fill(localInput(meetingStart, coach.timeZone));
  if (learner.timeZone !== coach.timeZone) {
    // Under the start: the same slot in the learner's time.
    expect(await dialog.getByText(new RegExp(`^${escapeRegExp(learner.name.split(' ')[0])}: `)).innerText()).toMatch(
      timeText(meetingStart, learner.timeZone),
    );
  }
  await browser.screenshot('meetings-03-schedule-dialog');
  await dialog.getByRole('button', { name: 'Schedule', exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(page.locator('h1 ~ div [data-meeting-status="SCHEDULED"]')).toBeVisible();
  const when = page.getByTestId('meeting-when');
  expect(await when.innerText()).toMatch(timeText(meetingStart, coach.timeZone));
  expect(await when.innerText()).toMatch(timeText(meetingStart, learner.timeZone));
  await expect(page.getByTestId('meeting-history').getByText(/^Requested → Scheduled$/)).toBeVisible();
  await browser.screenshot('meetings-04-scheduled');

  const { Meeting: scheduled } = await graphql<{ Meeting: { status: string; startsAt: string; endsAt: string; videoLink: string } }>(
    learnerToken,
    'query($id: ID!) { Meeting(id: $id) { status startsAt endsAt videoLink } }',
    { id: meetingId },
  );
  expect(scheduled).toEqual({
    status: 'SCHEDULED',
    startsAt: meetingStart,
    endsAt: new Date(Date.parse(meetingStart) + 30 * 60_000).toISOString(),
    videoLink: 'https://meet.example.org/amara-1on1',
  });

  // Her week (in her zone), moved on to the week that holds the meeting: the 1:1 and the event, each with time and title.
  await page.getByRole('menuitem', { name: 'Calendar', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'My week', level: 1 })).toBeVisible();
  const meetingDate = parts(meetingStart, coach.timeZone).date;
  const days = page.getByTestId('calendar-day');
  await expect(days.first()).toBeVisible();
  for (let i = 0; i < 8; i++) {
    const monday = (await days.first().getAttribute('data-date'))!;
    if (monday <= meetingDate && meetingDate <= addDays(monday, 6)) break;
    await page.getByRole('button', { name: 'Next week' }).click();
    await expect(page.locator(`[data-testid="calendar-day"][data-date="${addDays(monday, 7)}"]`)).toBeVisible();
  }
  expect(await days.first().getAttribute('data-date')).toBe(mondayOf(meetingDate));
  const dayCell = page.locator(`[data-testid="calendar-day"][data-date="${meetingDate}"]`);
  const entry = dayCell.locator(`[data-testid="calendar-entry"][data-entry-id="${meetingId}"]`);
  await expect(entry).toBeVisible();
  expect(await entry.getAttribute('data-kind')).toBe('MEETING');
  expect(await entry.innerText()).toMatch(timeText(meetingStart, coach.timeZone));
  expect(await entry.innerText()).toContain(learner.name);
  const eventEntry = dayCell.locator('[data-testid="calendar-entry"][data-kind="EVENT"]').filter({ hasText: eventTitle });
  expect(await eventEntry.innerText()).toMatch(timeText(eventStart, coach.timeZone));
  expect(await page.getByTestId('calendar-day').count()).toBe(7);
  await browser.screenshot('calendar-01-week');

  // The calendar feed: a secret link, shown once, with the warning that the old one stops working.
  await page.getByRole('button', { name: 'Get my calendar link' }).click();
  const feed = page.getByRole('dialog', { name: 'Calendar feed' });
  await expect(feed.getByText(/Making a new link stops the old one working/)).toBeVisible();
  await feed.getByRole('button', { name: 'Make my link' }).click();
  const url = await feed.getByTestId('calendar-feed-url').inputValue();
  expect(url).toMatch(/\/calendar\/[^/]+\.ics$/);
  await expect(feed.getByTestId('calendar-feed-warning').getByText(/Any link you made before has stopped working/)).toBeVisible();
  await expect(feed.getByRole('button', { name: 'Copy' })).toBeVisible();
  await browser.screenshot('calendar-02-feed-link');
  const ics = await (await fetch(`${BASE_URL}${new URL(url).pathname}`)).text();
  expect(ics).toContain('BEGIN:VCALENDAR');
  expect(ics).toContain(meetingId);
  await feed.getByRole('button', { name: 'Done' }).click();

  // A click on the meeting opens it.
  await entry.click();
  await page.waitForURL(new RegExp(`/admin/meetings/${meetingId}/show`));
  await expect(page.getByRole('heading', { name: `${learner.name}: Interview prep`, level: 1 })).toBeVisible();
});

test('the facilitator records attendance once the event has started', async () => {
  const { page } = browser;
  const staffToken = await apiToken(STAFF);
  // A coach with nothing in the next 20 minutes facilitates an event starting in a few seconds.
  let facilitator: Person | undefined;
  for (const c of await coaches(staffToken)) {
    const { coachCalendar } = await graphql<{ coachCalendar: unknown[] }>(
      staffToken,
      'query($coachId: ID!, $from: DateTimeISO!, $to: DateTimeISO!) { coachCalendar(coachId: $coachId, from: $from, to: $to) { id } }',
      { coachId: c.id, from: new Date().toISOString(), to: new Date(Date.now() + 20 * 60_000).toISOString() },
    );
    if (coachCalendar.length === 0) {
      facilitator = c;
      break;
    }
  }
  expect(facilitator).toBeDefined();
  const title = `Networking warm-up ${stamp()}`;
  const startsAt = new Date(Date.now() + 10_000).toISOString();
  const { createCoachingEvent: event } = await graphql<{ createCoachingEvent: { id: string } }>(
    staffToken,
    'mutation($input: CoachingEventInput!) { createCoachingEvent(input: $input) { id } }',
    { input: { type: 'NETWORKING', title, facilitatorId: facilitator!.id, startsAt, durationMinutes: 15, capacity: 2 } },
  );
  // Three learners ask for a seat before it starts: two are seated, the third waits.
  const { allLearners } = await graphql<{ allLearners: Person[] }>(
    staffToken,
    '{ allLearners(filter: { status: ENROLLED }, perPage: 3) { id name email timeZone } }',
  );
  for (const learner of allLearners) {
    await graphql(await apiToken(learner.email), 'mutation($eventId: ID!, $learnerId: ID!) { rsvpEvent(eventId: $eventId, learnerId: $learnerId) { id } }', {
      eventId: event.id,
      learnerId: learner.id,
    });
  }
  const [first, second, third] = allLearners;

  await signInAs(facilitator!.email);
  await page.getByRole('menuitem', { name: 'Events', exact: true }).click();
  const row = page.getByTestId('event-row').filter({ hasText: title });
  await expect(row).toBeVisible();
  expect(await row.getByTestId('event-seats').innerText()).toMatch(/^2 \/ 2/);
  expect((await row.getByTestId('event-waitlist').innerText()).trim()).toBe('1');
  const wait = Date.parse(startsAt) + 500 - Date.now();
  if (wait > 0) await page.waitForTimeout(wait);
  await row.getByRole('link', { name: title, exact: true }).click();
  await expect(page.getByRole('heading', { name: title, level: 1 })).toBeVisible();

  const seated = page.getByTestId('event-seated');
  await expect(seated.getByRole('button', { name: 'Mark attended' })).toBeVisible();
  expect(await page.getByTestId('rsvp-waitlisted').innerText()).toContain(third.name);
  await seated.getByLabel(`Select ${first.name}`).check();
  await seated.getByRole('button', { name: 'Mark attended' }).click();
  await expect(seated.locator(`[data-learner-id="${first.id}"] [data-attendance="ATTENDED"]`)).toBeVisible();
  await seated.getByLabel(`Select ${second.name}`).check();
  await seated.getByRole('button', { name: 'Mark absent' }).click();
  await expect(seated.locator(`[data-learner-id="${second.id}"] [data-attendance="ABSENT"]`)).toBeVisible();
  await expect(seated.getByText('1 attended · 1 absent · 0 not recorded')).toBeVisible();
  await browser.screenshot('events-05-attendance');

  const { CoachingEvent: saved } = await graphql<{ CoachingEvent: { rsvps: { attendance: string | null; learner: { id: string } }[] } }>(
    staffToken,
    'query($id: ID!) { CoachingEvent(id: $id) { rsvps { attendance learner { id } } } }',
    { id: event.id },
  );
  const attendance = Object.fromEntries(saved.rsvps.map((r) => [r.learner.id, r.attendance]));
  expect(attendance).toEqual({ [first.id]: 'ATTENDED', [second.id]: 'ABSENT', [third.id]: null });
});
