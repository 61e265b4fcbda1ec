import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { apiToken, BASE_URL, COACH, expectAccessible, graphql, openBrowser, signIn, stamp, STAFF, withFailureScreenshot, type Browser } from './browser';

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

beforeAll(async () => {
  browser = await openBrowser();
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

afterAll(async () => {
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

async function eventually<T>(read: () => Promise<T | undefined | null | false>, ms = 30_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (value) return value;
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function openSettingsTab(tab: string) {
  const { page } = browser;
  await page.goto(`${BASE_URL}/admin/settings?tab=${tab}`);
  await page.getByRole('tab', { name: tab === 'mail' ? 'Mail' : 'Webhooks', selected: true }).waitFor();
}

test('staff read a caught mail (subject, recipient, text and its HTML in a sandbox) and the delivery log', async () => {
  await withFailureScreenshot(browser, 'staff-mail', async () => {
    const { page } = browser;
    await learnerAsksForMeeting();
    const subject = `${learner.name} asked for a 1:1`;
    // The worker sends it to the mail catcher in a moment.
    await eventually(async () => {
      const { caughtMails } = await graphql<{ caughtMails: { subject: string; to: string }[] }>(staffToken, '{ caughtMails(first: 20) { subject to } }');
      return caughtMails.find((m) => m.subject === subject && m.to.includes(coachEmail));
    });

    await signIn(page, STAFF);
    await openSettingsTab('mail');
    const row = page.getByTestId('caught-mail').filter({ hasText: subject }).first();
    await row.waitFor();
    expect(await row.textContent()).toContain(coachEmail);
    await page.getByTestId('notification-delivery').first().waitFor();
    expect(await page.getByTestId('notification-delivery').filter({ hasText: subject }).first().textContent()).toMatch(/Sent/);
    await expectAccessible(page, 'settings mail');
    await browser.screenshot('staff-mail');

    await row.getByRole('button', { name: subject }).click();
    const dialog = page.getByRole('dialog', { name: subject });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain(coachEmail);
    expect(await dialog.getByTestId('mail-text').textContent()).toMatch(/^Hi /);
    // The HTML part renders in a frame that may run nothing: sandboxed without permissions.
    expect(await dialog.getByTestId('mail-html').getAttribute('sandbox')).toBe('');
    await page.frameLocator('[data-testid="mail-html"]').getByText('Unsubscribe from these emails').waitFor();
    // The mail's own HTML is the message as sent (the API's template), and axe cannot run inside a frame that may run no script.
    await expectAccessible(page, 'caught mail dialog', ['[data-testid="mail-html"]']);
    await browser.screenshot('staff-mail-dialog');
    await dialog.getByRole('button', { name: 'Close' }).click();
    await dialog.waitFor({ state: 'hidden' });
  });
});

test('staff register a webhook endpoint (the secret shown once), read its deliveries, replay one, and a replay to an endpoint turned off is refused on its row', async () => {
  await withFailureScreenshot(browser, 'staff-webhooks', async () => {
    const { page } = browser;
    await openSettingsTab('webhooks');
    await page.getByRole('button', { name: 'Register endpoint' }).click();
    const dialog = page.getByRole('dialog', { name: 'Register a webhook endpoint' });
    await dialog.waitFor();
    // The API's refusal is shown on the URL field.
    await dialog.getByLabel('URL').fill('not a url');
    await dialog.getByRole('button', { name: 'Register endpoint' }).click();
    await dialog.getByText(/url must be an absolute URL/).waitFor();
    expect(await dialog.getByLabel('URL').getAttribute('aria-invalid')).toBe('true');

    const description = `Progress page ${stamp()}`;
    await dialog.getByLabel('URL').fill(receiverUrl);
    await dialog.getByLabel('Description').fill(description);
    await dialog.getByRole('checkbox', { name: '1:1 requested' }).check();
    await expectAccessible(page, 'register webhook dialog');
    await dialog.getByRole('button', { name: 'Register endpoint' }).click();

    const secretDialog = page.getByRole('dialog', { name: 'Signing secret' });
    await secretDialog.waitFor();
    const secret = await secretDialog.getByTestId('webhook-secret').inputValue();
    expect(secret).toMatch(/^whsec_/);
    await secretDialog.getByRole('button', { name: 'Copy' }).waitFor();
    await expectAccessible(page, 'webhook secret dialog');
    await browser.screenshot('staff-webhook-secret');
    await secretDialog.getByRole('button', { name: 'I have stored the secret' }).click();
    await secretDialog.waitFor({ state: 'hidden' });
    // Shown once: nowhere on the page now, nor after a reload.
    expect(await page.content()).not.toContain(secret);

    const row = page.getByTestId('webhook-endpoint').filter({ hasText: description });
    await row.waitFor();
    expect(await row.textContent()).toContain('1:1 requested');
    const onOff = row.getByRole('switch', { name: `Send events to ${receiverUrl}` }).or(row.getByRole('checkbox', { name: `Send events to ${receiverUrl}` }));
    expect(await onOff.isChecked()).toBe(true);

    // An event it wants: the receiver gets it, signed.
    await learnerAsksForMeeting();
    const delivery = await eventually(async () => received.find((r) => r.headers['webhook-id']));
    expect(delivery.headers['webhook-signature']).toMatch(/^v1,/);

    await row.getByRole('button', { name: `Deliveries to ${receiverUrl}` }).click();
    const deliveries = page.getByRole('region', { name: `Deliveries to ${receiverUrl}` });
    await deliveries.waitFor();
    const sent = deliveries.getByTestId('webhook-delivery').first();
    await eventually(async () => {
      if ((await sent.getAttribute('data-status')) === 'SENT') return true;
      await deliveries.getByRole('button', { name: 'Refresh' }).click();
      return false;
    });
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
    await page.getByText('Replay queued: it is sent again with the same event id.').waitFor();
    await deliveries.getByTestId('webhook-delivery').filter({ hasText: 'replay' }).first().waitFor();
    await eventually(async () => received.length > count);
    expect(received.at(-1)!.headers['webhook-id']).toBe(delivery.headers['webhook-id']);

    // Off: a replay is refused, and the refusal is shown on that delivery's row.
    await onOff.click();
    await page.getByText(`No events go to ${receiverUrl} until it is turned back on.`).waitFor();
    await eventually(async () => !(await onOff.isChecked()));
    const last = deliveries.getByTestId('webhook-delivery').last();
    await last.getByRole('button', { name: /^Replay / }).click();
    await last.getByRole('alert').filter({ hasText: 'Its endpoint is turned off: turn it back on first' }).waitFor();
    await expectAccessible(page, 'webhook replay refused');

    await page.reload();
    await row.waitFor();
    expect(await page.content()).not.toContain(secret);
  });
});
