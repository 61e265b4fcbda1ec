import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { checkSchema, unreleasedSection } from '../src/cli/schema-breaking';
import { repoRoot } from '../src/config';

const run = promisify(execFile);
const read = (file: string) => readFileSync(path.join(repoRoot, file), 'utf8');

/** A changelog whose Unreleased section says `lines`. */
const changelog = (...lines: string[]) => `# Changelog\n\n## Unreleased\n\n${lines.join('\n')}\n\n## 2026-12-07\n\n- \`Query.progress\` removed. Migration: an old entry.\n`;

/** schema.graphql with a deliberately breaking edit: a root field gone, an argument's type changed. */
function broken(schema: string): string {
  const out = schema
    .replace(/\n  """[^"]*"""\n  supportUrl: String!\n/, '\n')
    .replace(/(\n  learnerProgress\([\s\S]*?\n    learnerId: )ID!\n/, '$1String!\n');
  expect(out).not.toBe(schema);
  return out;
}

describe('no silent breaking changes (npm run schema:breaking)', () => {
  const current = read('schema.graphql');
  const released = read('schema.released.graphql');

  it('passes on the checked-in schema against the released one', async () => {
    const result = await checkSchema(released, current, read('CHANGELOG.md'));
    expect(result.unlisted.map((c) => `${c.path} ${c.message}`)).toEqual([]);
    expect(result.vagueDeprecations).toEqual([]);
  });

  it('fails a deliberately breaking change until the changelog lists each with its migration', async () => {
    const changed = broken(current);
    const unlisted = (await checkSchema(current, changed, changelog())).unlisted.map((c) => c.path).sort();
    expect(unlisted).toEqual(['Query.learnerProgress.learnerId', 'Query.supportUrl']);
    // Named without a migration, or only in an older release's section: still refused.
    const partly = await checkSchema(current, changed, changelog('- `Query.supportUrl` removed.', '- `Query.learnerProgress.learnerId` is a String. Migration: declare the variable as String!.'));
    expect(partly.unlisted.map((c) => c.path)).toEqual(['Query.supportUrl']);
    const listed = await checkSchema(
      current,
      changed,
      changelog('- `Query.supportUrl` removed. Migration: read the support link from your own settings.', '- `Query.learnerProgress.learnerId` is a String. Migration: declare the variable as String!.'),
    );
    expect(listed.unlisted).toEqual([]);
    expect(listed.listed).toHaveLength(2);
  });

  it('refuses a deprecation that does not name its replacement', async () => {
    const vague = current.replace(/\n  supportUrl: String!\n/, '\n  supportUrl: String! @deprecated(reason: "Going away")\n');
    expect((await checkSchema(current, vague, changelog())).vagueDeprecations).toEqual(['Query.supportUrl: "Going away"']);
    const named = current.replace(/\n  supportUrl: String!\n/, '\n  supportUrl: String! @deprecated(reason: "Use Query.programLinks instead")\n');
    expect((await checkSchema(current, named, changelog())).vagueDeprecations).toEqual([]);
  });

  it('reads only the Unreleased section', () => {
    expect(unreleasedSection(changelog('- a'))).toContain('- a');
    expect(unreleasedSection(changelog('- a'))).not.toContain('an old entry');
    expect(unreleasedSection('# nothing here')).toBe('');
  });

  it('exits non-zero from the command line on a breaking change, naming it', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'schema-breaking-'));
    try {
      writeFileSync(path.join(dir, 'schema.graphql'), broken(current));
      writeFileSync(path.join(dir, 'CHANGELOG.md'), changelog());
      const cli = path.join(repoRoot, 'api/src/cli/schema-breaking.ts');
      const args = ['-r', '@swc-node/register', cli, '--released', path.join(repoRoot, 'schema.graphql'), '--current', path.join(dir, 'schema.graphql'), '--changelog', path.join(dir, 'CHANGELOG.md')];
      const failed = await run(process.execPath, args, { cwd: path.join(repoRoot, 'api') }).then(
        () => null,
        (e: { code: number; stderr: string }) => e,
      );
      expect(failed?.code).toBe(1);
      expect(failed?.stderr).toContain('BREAKING, not in the changelog: Query.supportUrl');
      const ok = await run(process.execPath, [...args.slice(0, 4), path.join(repoRoot, 'schema.graphql'), '--current', path.join(repoRoot, 'schema.graphql'), '--changelog', path.join(dir, 'CHANGELOG.md')], {
        cwd: path.join(repoRoot, 'api'),
      });
      expect(ok.stdout).toContain('No unannounced breaking change');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
