/**
 * A delivery worker as its own process, for the test that kills one mid-send (notification.test.ts): it runs
 * deliverDue once against DELIVER_DB_URL and DELIVER_SMTP_URL at the instant DELIVER_NOW.
 */
import 'reflect-metadata';
import { MikroORM } from '@mikro-orm/postgresql';
import { ormConfig } from '../src/db/orm.config';
import { createLogger } from '../src/common/logger';
import { deliverDue } from '../src/modules/notifications/deliver';
import { smtpMailer } from '../src/modules/notifications/mailer';

async function main() {
  const orm = await MikroORM.init(ormConfig(process.env.DELIVER_DB_URL!));
  const now = new Date(process.env.DELIVER_NOW!);
  await deliverDue({
    em: orm.em.fork(),
    now: () => now,
    mailer: smtpMailer(process.env.DELIVER_SMTP_URL!, 'Waypoint <coaching@example.org>'),
    log: createLogger('silent'),
    baseUrl: 'https://waypoint.example.org',
    learnerUrl: 'https://learn.example.org/progress',
    secret: process.env.DELIVER_SECRET!,
  });
  await orm.close();
}

void main();
