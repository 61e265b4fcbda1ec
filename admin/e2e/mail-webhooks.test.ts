import { expect, test } from '@playwright/test';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { apiToken, BASE_URL, COACH, expectAccessible, graphql, openBrowser, signIn, stamp, STAFF, type Browser } from './browser';

/**
 * Staff's views of what Waypoint sends (issue 19): the mails the development mail catcher caught (the test server runs
 * without SMTP_URL, as `npm start` does, with its worker on) and the email delivery log; and webhook endpoints, registered
 * against a receiver this test runs, with the secret shown once, the delivery log, a replay and the refusal of a replay
 * to an endpoint turned off.
 */
let browser: Browser;
let staffToken: string;
let learner: { id: string; name: string; email: string };
let learnerToken: string;
let coachEmail: string;
let receiver: http.Server;
let receiverUrl: string;
const received: { headers: http.IncomingHttpHeaders; body: string }[] = [];

const HOUR = 3_600_000;

test.beforeAll(async ({ browser: chromium }) => {
  browser = await openBrowser(chromium);
  staffToken = await apiToken(STAFF);
  const coachToken = await apiToken(COACH);
  const { me } = await graphql<{ me: { id: string; email: string } }>(coachToken, '{ me { id email } }');
  coachEmail = me.email;
  // Email for the coach at any hour: no quiet hours, so the reminder is not held for the morning.
  await graphql(coachToken, 'mutation { setQuietHours(from: null, until: null) { quietHoursFrom } }');
  const { allLearners } = await graphql<{ allLearners: { id: string; name: string; email: string }[] }>(
    coachToken,
    'query($coachId: ID!) { allLearners(filter: { coachId: $coachId, status: ENROLLED }, perPage: 1) { id name email } }',
    { coachId: me.id },
  );
  learner = allLearners[0];
  learnerToken = await apiToken(learner.email);
  receiver = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"ok":true}');
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/waypoint-events`;
});

test.afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => receiver?.close(resolve));
});

/** The learner asks their coach for a 1:1: a notification (in the app, by email, to webhooks) for the coach. */
async function learnerAsksForMeeting() {
  const day = Date.now() + 4 * 24 * HOUR;
  await graphql(learnerToken, 'mutation($input: RequestMeetingInput!) { requestMeeting(input: $input) { id } }', {
    input: { learnerId: learner.id, topic: 'GENERAL', note: `Numbers check (${stamp()})`, windows: [{ startsAt: new Date(day).toISOString(), endsAt: new Date(day + 2 * HOUR).toISOString() }] },
  });
}

/** The worker and the receiver work in the background: what they do shows within this. */
const SOON = { timeout: 30_000, intervals: [250] };

async function openSettingsTab(tab: string) {
  const { page } = browser;
  await page.goto(`${BASE_URL}/admin/settings?tab=${tab}`);
  await expect(page.getByRole('tab', { name: tab === 'mail' ? 'Mail' : 'Webhooks', selected: true })).toBeVisible();
}

test('staff read a caught mail (subject, recipient, text and its HTML in a sandbox) and the delivery log', async () => {
  const { page } = browser;
  await learnerAsksForMeeting();
  const subject = `${learner.name} asked for a 1:1`;
  // The worker sends it to the mail catcher in a moment.
  await expect
    .poll(async () => {
      const { caughtMails } = await graphql<{ caughtMails: { subject: string; to: string }[] }>(staffToken, '{ caughtMails(first: 20) { subject to } }');
      return caughtMails.some((m) => m.subject === subject && m.to.includes(coachEmail));
    }, SOON)
    .toBe(true);

  await signIn(page, STAFF);
  await openSettingsTab('mail');
  const row = page.getByTestId('caught-mail').filter({ hasText: subject }).first();
  await expect(row).toBeVisible();
  expect(await row.textContent()).toContain(coachEmail);
  await expect(page.getByTestId('notification-delivery').first()).toBeVisible();
  expect(await page.getByTestId('notification-delivery').filter({ hasText: subject }).first().textContent()).toMatch(/Sent/);
  await expectAccessible(page, 'settings mail');
  await browser.screenshot('staff-mail');

  await row.getByRole('button', { name: subject }).click();
  const dialog = page.getByRole('dialog', { name: subject });
  await expect(dialog).toBeVisible();
  expect(await dialog.textContent()).toContain(coachEmail);
  expect(await dialog.getByTestId('mail-text').textContent()).toMatch(/^Hi /);
  // The HTML part renders in a frame that may run nothing: sandboxed without permissions.
  expect(await dialog.getByTestId('mail-html').getAttribute('sandbox')).toBe('');
  await expect(page.frameLocator('[data-testid="mail-html"]').getByText('Unsubscribe from these emails')).toBeVisible();
  // The mail's own HTML is the message as sent (the API's template), and axe cannot run inside a frame that may run no script.
  await expectAccessible(page, 'caught mail dialog', ['[data-testid="mail-html"]']);
  await browser.screenshot('staff-mail-dialog');
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();
});

test('staff register a webhook endpoint (the secret shown once), read its deliveries, replay one, and a replay to an endpoint turned off is refused on its row', async () => {
  const { page } = browser;
  await openSettingsTab('webhooks');
  await page.getByRole('button', { name: 'Register endpoint' }).click();
  const dialog = page.getByRole('dialog', { name: 'Register a webhook endpoint' });
  await expect(dialog).toBeVisible();
  // The API's refusal is shown on the URL field.
  await dialog.getByLabel('URL').fill('not a url');
  await dialog.getByRole('button', { name: 'Register endpoint' }).click();
  await expect(dialog.getByText(/url must be an absolute URL/)).toBeVisible();
  expect(await dialog.getByLabel('URL').getAttribute('aria-invalid')).toBe('true');

  const description = `Progress page ${stamp()}`;
  await dialog.getByLabel('URL').fill(receiverUrl);
  await dialog.getByLabel('Description').fill(description);
  await dialog.getByRole('checkbox', { name: '1:1 requested' }).check();
  await expectAccessible(page, 'register webhook dialog');
  await dialog.getByRole('button', { name: 'Register endpoint' }).click();

  const secretDialog = page.getByRole('dialog', { name: 'Signing secret' });
  await expect(secretDialog).toBeVisible();
  const secret = await secretDialog.getByTestId('webhook-secret').inputValue();
  expect(secret).toMatch(/^whsec_/);
  await expect(secretDialog.getByRole('button', { name: 'Copy' })).toBeVisible();
  await expectAccessible(page, 'webhook secret dialog');
  await browser.screenshot('staff-webhook-secret');
  await secretDialog.getByRole('button', { name: 'I have stored the secret' }).click();
  await expect(secretDialog).toBeHidden();
  // Shown once: nowhere on the page now, nor after a reload.
  expect(await page.content()).not.toContain(secret);

  const row = page.getByTestId('webhook-endpoint').filter({ hasText: description });
  await expect(row).toBeVisible();
  expect(await row.textContent()).toContain('1:1 requested');
  const onOff = row.getByRole('switch', { name: `Send events to ${receiverUrl}` }).or(row.getByRole('checkbox', { name: `Send events to ${receiverUrl}` }));
  expect(await onOff.isChecked()).toBe(true);

  // An event it wants: the receiver gets it, signed.
  await learnerAsksForMeeting();
  await expect.poll(() => received.some((r) => r.headers['webhook-id']), SOON).toBe(true);
  const delivery = received.find((r) => r.headers['webhook-id'])!;
  expect(delivery.headers['webhook-signature']).toMatch(/^v1,/);

  await row.getByRole('button', { name: `Deliveries to ${receiverUrl}` }).click();
  const deliveries = page.getByRole('region', { name: `Deliveries to ${receiverUrl}` });
  await expect(deliveries).toBeVisible();
  const sent = deliveries.getByTestId('webhook-delivery').first();
  await expect
    .poll(async () => {
      const status = await sent.getAttribute('data-status');
      if (status !== 'SENT') await deliveries.getByRole('button', { name: 'Refresh' }).click();
      return status;
    }, SOON)
    .toBe('SENT');
  expect(await sent.textContent()).toContain('200');
  expect(await sent.textContent()).toMatch(/\d+ ms/);
  // What was posted, as it was posted.
  await sent.getByRole('button', { name: /^Body of / }).click();
  expect(await deliveries.getByRole('region', { name: /^Body of / }).first().textContent()).toContain('"type": "MEETING_REQUESTED"');
  await expectAccessible(page, 'settings webhooks');
  await browser.screenshot('staff-webhooks');

  // Replay: a new delivery with the same event id.
  const count = received.length;
  await sent.getByRole('button', { name: /^Replay / }).click();
  await expect(page.getByText('Replay queued: it is sent again with the same event id.')).toBeVisible();
  await expect(deliveries.getByTestId('webhook-delivery').filter({ hasText: 'replay' }).first()).toBeVisible();
  await expect.poll(() => received.length, SOON).toBeGreaterThan(count);
  expect(received.at(-1)!.headers['webhook-id']).toBe(delivery.headers['webhook-id']);

  // Off: a replay is refused, and the refusal is shown on that delivery's row.
  await onOff.click();
  await expect(page.getByText(`No events go to ${receiverUrl} until it is turned back on.`)).toBeVisible();
  await expect(onOff).not.toBeChecked();
  const last = deliveries.getByTestId('webhook-delivery').last();
  await last.getByRole('button', { name: /^Replay / }).click();
  await expect(last.getByRole('alert').filter({ hasText: 'Its endpoint is turned off: turn it back on first' })).toBeVisible();
  await expectAccessible(page, 'webhook replay refused');

  await page.reload();
  await expect(row).toBeVisible();
  expect(await page.content()).not.toContain(secret);
});
