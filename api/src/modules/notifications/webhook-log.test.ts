import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { TestApp } from '../../../test/harness';
import { createLogger } from '../../common/logger';
import { Role } from '../users/user.entity';
import { deliverWebhooks } from './webhooks';

/**
 * The delivery log answers a sent delivery's payload as the text that was posted, kept with the attempt (posted_body),
 * instead of building it again from the stored jsonb on every read; before a first attempt it is built as it will be
 * posted (compact_json). The same answer compiled and through the resolvers.
 */
describe('the webhook delivery log', () => {
  it("answers each delivery's payload as the receiver got it, from the text kept when it was posted", async () => {
    const t = await TestApp.start({ now: '2026-11-16T08:00:00Z' });
    const bodies: string[] = [];
    const server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        bodies.push(body);
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const staff = await t.createUser(Role.STAFF);
      const coach = await t.createUser(Role.COACH);
      const learner = await t.createLearner(coach);
      const ok = async (query: string, variables: Record<string, unknown>, user: { id: string }) => {
        const res = await t.gql(query, variables, t.tokenFor(user));
        if (res.errors) throw new Error(JSON.stringify(res.errors));
        return res.data!;
      };
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/events`;
      await ok(`mutation($input: WebhookEndpointInput!) { createWebhookEndpoint(input: $input) { endpoint { id } } }`, { input: { url, eventTypes: ['STATUS_CHANGED'] } }, staff);
      await ok(`mutation($id: ID!) { setEnrollmentStatus(learnerId: $id, status: PAUSED, reason: "Leave: \\"family\\", 2.50 weeks") { id } }`, { id: learner.learner.id }, coach);

      const log = `{ webhookDeliveries { status payload } }`;
      const ask = async (compiled: boolean) => {
        t.config.compiledReads = compiled;
        try {
          return (await ok(log, {}, staff)).webhookDeliveries as { status: string; payload: string }[];
        } finally {
          t.config.compiledReads = true;
        }
      };
      // Not yet posted: built as it will be posted.
      const pending = await ask(true);
      expect(pending.map((d) => d.status)).toEqual(['PENDING']);

      await deliverWebhooks({ em: t.em(), now: () => t.clock.now(), log: createLogger('silent'), timeoutMs: 2000 });
      expect(bodies).toHaveLength(1);
      const kept = await t.em().getConnection().execute<{ posted_body: string | null }[]>(`select posted_body from webhook_deliveries`);
      expect(kept).toEqual([{ posted_body: bodies[0] }]);
      expect(pending[0].payload).toBe(bodies[0]);
      for (const compiled of [true, false]) expect(await ask(compiled)).toEqual([{ status: 'SENT', payload: bodies[0] }]);
    } finally {
      await new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      });
      await t.stop();
    }
  });
});
