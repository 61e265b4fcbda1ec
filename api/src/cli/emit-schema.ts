import '../supported-node';
import 'reflect-metadata';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createSchema, schemaFile } from '../schema';

/** Writes ../schema.graphql from the code; with --check, fails (exit 1) when the checked-in file is stale. */
async function main() {
  if (!process.argv.includes('--check')) {
    await createSchema({ emitSchema: schemaFile });
    console.log(`Wrote ${path.relative(process.cwd(), schemaFile)}`);
    return;
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), 'schema-'));
  try {
    const fresh = path.join(dir, 'schema.graphql');
    await createSchema({ emitSchema: fresh });
    const current = (() => { try { return readFileSync(schemaFile, 'utf8'); } catch { return ''; } })();
    if (readFileSync(fresh, 'utf8') !== current) {
      console.error('schema.graphql is stale: run "npm run schema" and commit the result.');
      process.exit(1);
    }
    console.log('schema.graphql is up to date.');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
