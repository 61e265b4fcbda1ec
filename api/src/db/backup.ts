import { createInterface } from 'node:readline';
import { once } from 'node:events';
import { pipeline } from 'node:stream/promises';
import type { Readable, Writable } from 'node:stream';
import { createGunzip, createGzip } from 'node:zlib';
import pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { MikroORM } from '@mikro-orm/postgresql';
import { ormConfig } from './orm.config';
import { migrateWorker } from '../jobs/worker';
import { createLogger } from '../common/logger';

/**
 * Backups that need nothing installed: the embedded PostgreSQL ships no pg_dump, so Waypoint copies its own
 * tables. Every table of the public schema is copied with COPY inside one REPEATABLE READ, READ ONLY
 * transaction (one snapshot: a backup taken while Waypoint runs is consistent), in foreign-key order; the schema
 * is not copied but rebuilt from the migrations the backup names. The file is gzip'd text, close to pg_dump's
 * plain format: a header line with what the backup holds, then per table `COPY … FROM stdin;`, its rows in COPY's
 * text format, and `\.`.
 *
 * Not copied: graphile-worker's schema (its queue is rebuilt by the worker; scheduled tasks run again on time) and
 * the rate-limit counters.
 */

const FORMAT = 1;
const HEADER = '-- Waypoint backup ';

interface TableMeta {
  name: string;
  columns: string[];
}

export interface BackupMeta {
  format: number;
  createdAt: string;
  /** The migrations applied in the backed-up database, in order: a restore migrates to the last, loads, then goes on. */
  migrations: string[];
  /** In foreign-key order: a table comes after every table it references. */
  tables: TableMeta[];
  sequences: { name: string; value: string; isCalled: boolean }[];
}

export interface BackupReport {
  file?: string;
  tables: number;
  rows: Record<string, number>;
}

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Tables in an order where every table comes after those it references (self-references aside), by constraint or trigger. */
async function tablesInOrder(client: pg.ClientBase): Promise<TableMeta[]> {
  const tables = (
    await client.query<{ name: string; columns: string[] }>(
      `select c.relname::text as name, array_agg(a.attname::text order by a.attnum) as columns
         from pg_class c join pg_namespace n on n.oid = c.relnamespace
         join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped and a.attgenerated = ''
        where n.nspname = 'public' and c.relkind = 'r' and c.relname <> 'mikro_orm_migrations'
        group by c.relname order by c.relname`,
    )
  ).rows;
  const edges = (
    await client.query<{ child: string; parent: string }>(
      `select c.conrelid::regclass::text as child, c.confrelid::regclass::text as parent
         from pg_constraint c join pg_namespace n on n.oid = c.connamespace
        where c.contype = 'f' and n.nspname = 'public' and c.conrelid <> c.confrelid
       union
       -- Keys checked once per statement by a trigger instead of a constraint (migration 20261207150000): its
       -- arguments are the key column and the parent table.
       select t.tgrelid::regclass::text, split_part(encode(t.tgargs, 'escape'), '\\000', 2)
         from pg_trigger t join pg_proc p on p.oid = t.tgfoid
        where p.proname = 'fk_check_inserted'`,
    )
  ).rows;
  const ordered: TableMeta[] = [];
  const placed = new Set<string>();
  const unquote = (name: string) => name.replace(/^"|"$/g, '');
  while (ordered.length < tables.length) {
    const next = tables.filter((t) => !placed.has(t.name) && edges.every((e) => unquote(e.child) !== t.name || placed.has(unquote(e.parent))));
    if (!next.length) throw new Error('the foreign keys between tables form a cycle; a backup cannot order them');
    for (const t of next) {
      ordered.push({ name: t.name, columns: t.columns });
      placed.add(t.name);
    }
  }
  return ordered;
}

/** Writes a backup of the database at `url` to `out` (gzip'd); resolves once it is all written. */
export async function backupDatabase(
  url: string,
  out: Writable,
  opts: { now?: Date; onTable?: (table: string, rows: number) => void | Promise<void> } = {},
): Promise<BackupReport> {
  const now = opts.now ?? new Date();
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const rows: Record<string, number> = {};
  try {
    await client.query('begin isolation level repeatable read read only');
    const migrations = (await client.query<{ name: string }>('select name from mikro_orm_migrations order by id')).rows.map((r) => r.name);
    const tables = await tablesInOrder(client);
    const sequences: BackupMeta['sequences'] = [];
    const seqNames = (await client.query<{ name: string }>(`select sequence_name as name from information_schema.sequences where sequence_schema = 'public' and sequence_name <> 'mikro_orm_migrations_id_seq' order by 1`)).rows;
    for (const { name } of seqNames) {
      const [row] = (await client.query<{ last_value: string; is_called: boolean }>(`select last_value::text, is_called from ${ident(name)}`)).rows;
      sequences.push({ name, value: row.last_value, isCalled: row.is_called });
    }
    const meta: BackupMeta = { format: FORMAT, createdAt: now.toISOString(), migrations, tables, sequences };

    const gzip = createGzip();
    const written = pipeline(gzip, out);
    const write = async (text: string) => {
      if (!gzip.write(text)) await once(gzip, 'drain');
    };
    await write(`${HEADER}${JSON.stringify(meta)}\n`);
    for (const table of tables) {
      const columns = table.columns.map(ident).join(', ');
      await write(`COPY ${ident(table.name)} (${columns}) FROM stdin;\n`);
      const copy = client.query(copyTo(`COPY ${ident(table.name)} (${columns}) TO STDOUT`));
      for await (const chunk of copy as AsyncIterable<Buffer>) if (!gzip.write(chunk)) await once(gzip, 'drain');
      rows[table.name] = Number(copy.rowCount ?? 0);
      await write('\\.\n');
      await opts.onTable?.(table.name, rows[table.name]);
    }
    await write(`-- rows ${JSON.stringify(rows)}\n`);
    gzip.end();
    await written;
    await client.query('commit');
    return { tables: tables.length, rows };
  } finally {
    await client.end();
  }
}

export class RestoreError extends Error {}

/**
 * Whether the database holds anything of a program's: a user (everything else hangs off users). A database just
 * migrated holds the migrations' defaults (review targets, the road map template) and counts as empty.
 */
async function holdsData(client: pg.ClientBase): Promise<boolean> {
  const [{ found }] = (await client.query<{ found: boolean }>(`select to_regclass('public.users') is not null as found`)).rows;
  return found && Boolean((await client.query('select 1 from users limit 1')).rowCount);
}

/**
 * Restores a backup into the database at `url`: it must hold no program (no user) unless `force`, which drops
 * everything there first. The schema is rebuilt by migrating to the backup's last migration, the rows are
 * loaded in one transaction (all or nothing), the sequences set, and then any newer migrations applied.
 */
export async function restoreDatabase(url: string, input: Readable, opts: { force?: boolean } = {}): Promise<BackupReport> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  let orm: MikroORM | undefined;
  try {
    if (await holdsData(client)) {
      if (!opts.force) throw new RestoreError('The database already holds data; restoring would overwrite it. Run again with --force to replace everything in it.');
      await client.query('drop schema if exists public cascade; drop schema if exists graphile_worker cascade; drop schema if exists rate_limits cascade; create schema public');
    }
    const lines = createInterface({ input: input.pipe(createGunzip()), crlfDelay: Infinity })[Symbol.asyncIterator]();
    const first = await lines.next();
    if (first.done || !first.value.startsWith(HEADER)) throw new RestoreError('This is not a Waypoint backup (its first line is not the backup header).');
    const meta = JSON.parse(first.value.slice(HEADER.length)) as BackupMeta;
    if (meta.format !== FORMAT) throw new RestoreError(`This backup is in format ${meta.format}; this Waypoint reads format ${FORMAT}.`);

    orm = await MikroORM.init(ormConfig(url, { debug: false }));
    let applied = (await orm.migrator.getExecuted()).map((m) => m.name);
    if (applied.some((m, i) => meta.migrations[i] !== m)) {
      // An empty database already migrated past the backup (or elsewhere): nothing to lose, so start it afresh.
      await client.query('drop schema if exists public cascade; drop schema if exists graphile_worker cascade; drop schema if exists rate_limits cascade; create schema public');
      applied = [];
    }
    const known = (await orm.migrator.getPending()).map((m) => m.name);
    const missing = meta.migrations.filter((m) => !known.includes(m) && !applied.includes(m));
    if (missing.length) throw new RestoreError(`This backup comes from a newer Waypoint (migrations ${missing.join(', ')} are unknown here): restore it with that version.`);
    const last = meta.migrations[meta.migrations.length - 1];
    if (last) await orm.migrator.up({ to: last });

    const rows: Record<string, number> = {};
    await client.query('begin');
    // The migrations write rows of their own (default review targets, the road map template): the backup's replace them.
    if (meta.tables.length) await client.query(`truncate ${meta.tables.map((t) => ident(t.name)).join(', ')}`);
    let trailer: Record<string, number> | undefined;
    for (let line = await lines.next(); !line.done; line = await lines.next()) {
      if (line.value.startsWith('-- rows ')) trailer = JSON.parse(line.value.slice('-- rows '.length)) as Record<string, number>;
      const header = /^COPY "((?:[^"]|"")+)" \((.*)\) FROM stdin;$/.exec(line.value);
      if (!header) continue;
      const table = header[1].replace(/""/g, '"');
      const copy = client.query(copyFrom(`COPY ${ident(table)} (${header[2]}) FROM STDIN`));
      // PostgreSQL may refuse a row at any time; the error is kept and thrown at the end of the table.
      let refused: Error | undefined;
      copy.on('error', (e: Error) => (refused ??= e));
      let count = 0;
      for (line = await lines.next(); !line.done && line.value !== '\\.' && !refused; line = await lines.next()) {
        count++;
        if (!copy.write(`${line.value}\n`)) await once(copy, 'drain').catch(() => undefined);
      }
      if (line.done) {
        // Abandon the COPY (the server is told it failed), so the rollback below is not queued behind it.
        if (!refused) {
          const closed = once(copy, 'close').catch(() => undefined);
          copy.destroy(new Error('the backup file is cut short'));
          await closed;
        }
        throw new RestoreError(`The backup ends inside table ${table}: the file is cut short.`);
      }
      if (!refused) {
        copy.end();
        await once(copy, 'finish').catch(() => undefined);
      }
      if (refused) throw new RestoreError(`Table ${table} could not be loaded: ${refused.message}. The file is damaged or comes from another schema.`);
      rows[table] = count;
    }
    for (const s of meta.sequences) await client.query(`select setval($1::regclass, $2::bigint, $3)`, [ident(s.name), s.value, s.isCalled]);
    const expected = meta.tables.map((t) => t.name).filter((t) => rows[t] === undefined);
    if (expected.length || !trailer) throw new RestoreError(`The backup ends early${expected.length ? ` (tables ${expected.join(', ')} missing)` : ''}: the file is cut short.`);
    const differ = Object.keys(trailer).filter((t) => trailer![t] !== rows[t]);
    if (differ.length) throw new RestoreError(`Rows read differ from the rows the backup recorded in ${differ.join(', ')}: the file is damaged.`);
    await client.query('commit');

    await orm.migrator.up();
    await migrateWorker(url, createLogger('silent'));
    return { tables: Object.keys(rows).length, rows };
  } catch (e) {
    await client.query('rollback').catch(() => undefined);
    throw e;
  } finally {
    await orm?.close(true);
    await client.end();
  }
}
