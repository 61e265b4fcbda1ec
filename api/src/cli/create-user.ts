import '../supported-node';
import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { validate } from 'class-validator';
import { plainToInstance } from './plain';
import { loadConfig } from '../config';
import { createLogger } from '../common/logger';
import { openDatabase } from '../db/database';
import { CreateUserArgs } from '../modules/users/user.inputs';
import { UserService } from '../modules/users/user.service';
import { Role } from '../modules/users/user.entity';

const USAGE = `Usage: npm run create-user -- --role STAFF|COACH --email someone@example.org --name "Full Name" [--time-zone Europe/Berlin]
The password is read from the WAYPOINT_PASSWORD environment variable, or from standard input (first line).`;

async function readPassword(): Promise<string> {
  if (process.env.WAYPOINT_PASSWORD) return process.env.WAYPOINT_PASSWORD;
  if (process.stdin.isTTY) process.stdout.write('Password (10+ characters): ');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) {
    chunks.push(chunk as Buffer);
    if (Buffer.concat(chunks).includes(10)) break;
  }
  return Buffer.concat(chunks).toString('utf8').split('\n')[0].trim();
}

/** Creates a staff member or coach: how the first staff user of a production database is made. */
async function main() {
  const { values } = parseArgs({
    options: { role: { type: 'string' }, email: { type: 'string' }, name: { type: 'string' }, 'time-zone': { type: 'string' } },
  });
  if (!values.role || !values.email) {
    console.error(USAGE);
    process.exit(2);
  }
  const args = plainToInstance(CreateUserArgs, {
    role: values.role.toUpperCase() as Role,
    email: values.email,
    name: values.name ?? values.email.split('@')[0],
    timeZone: values['time-zone'],
    password: await readPassword(),
  });
  const errors = await validate(args);
  if (!Object.values(Role).includes(args.role)) errors.unshift({ property: 'role', constraints: { role: 'role must be STAFF or COACH' } } as never);
  if (errors.length) {
    for (const e of errors) console.error(`${e.property}: ${Object.values(e.constraints ?? {}).join('; ')}`);
    process.exit(2);
  }
  const config = loadConfig();
  const db = await openDatabase(config, createLogger('warn'), { shareRunning: true });
  try {
    const user = await new UserService(db.orm.em.fork()).create(args);
    console.log(`Created ${user.role} ${user.email} (id ${user.id}).`);
  } catch (e) {
    console.error(e instanceof Error ? e.message : e);
    process.exitCode = 1;
  } finally {
    await db.close();
  }
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
