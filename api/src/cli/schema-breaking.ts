import '../supported-node';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildSchema, type GraphQLSchema } from 'graphql';
import { CriticalityLevel, diff, type Change } from '@graphql-inspector/core';
import { repoRoot } from '../config';

/**
 * No silent breaking changes (npm run schema:breaking, run by CI): compares schema.graphql with the last released
 * contract (schema.released.graphql) with GraphQL Inspector. Every breaking change must be listed in CHANGELOG.md's
 * "Unreleased" section on a line that names its path in backticks and says "Migration:" and what clients do instead;
 * every @deprecated reason must name the replacement ("use …", "instead", "replaced by …").
 *
 * Usage: npm run schema:breaking [-- --released <file> --current <file> --changelog <file>]
 */
export interface SchemaCheck {
  /** Breaking changes with their line in the changelog. */
  listed: Change[];
  /** Breaking changes the changelog does not list with a migration: each fails the check. */
  unlisted: Change[];
  /** Changes that may break some clients (an enum value added, an optional argument's default changed): reported. */
  dangerous: Change[];
  /** Fields, arguments or enum values deprecated without naming their replacement: each fails the check. */
  vagueDeprecations: string[];
}

/** The "## Unreleased" section of a changelog (up to the next "## " heading). */
export function unreleasedSection(changelog: string): string {
  const start = changelog.search(/^## Unreleased\b/im);
  if (start < 0) return '';
  const rest = changelog.slice(start).split('\n').slice(1);
  const end = rest.findIndex((line) => /^## /.test(line));
  return (end < 0 ? rest : rest.slice(0, end)).join('\n');
}

/** Whether the section lists a change: a line naming its path in backticks with a migration after "Migration:". */
function listedIn(section: string, change: Change): boolean {
  const pathOf = change.path ?? '';
  if (!pathOf) return false;
  return section.split('\n').some((line) => line.includes(`\`${pathOf}\``) && /Migration:\s*\S/i.test(line));
}

const NAMES_REPLACEMENT = /\buse\b|\binstead\b|\breplaced by\b/i;

/** Every deprecation in the schema whose reason does not say what to use instead. */
function vagueDeprecations(schema: GraphQLSchema): string[] {
  const found: string[] = [];
  const check = (where: string, reason: string | null | undefined) => {
    if (reason !== undefined && reason !== null && !NAMES_REPLACEMENT.test(reason)) found.push(`${where}: "${reason}"`);
  };
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__')) continue;
    if ('getFields' in type) {
      for (const field of Object.values(type.getFields())) {
        check(`${type.name}.${field.name}`, field.deprecationReason);
        for (const arg of 'args' in field ? field.args : []) check(`${type.name}.${field.name}.${arg.name}`, arg.deprecationReason);
      }
    }
    if ('getValues' in type) for (const value of type.getValues()) check(`${type.name}.${value.name}`, value.deprecationReason);
  }
  return found;
}

/** Compares two schema texts; the changelog decides which breaking changes are announced. */
export async function checkSchema(released: string, current: string, changelog: string): Promise<SchemaCheck> {
  const before = buildSchema(released);
  const after = buildSchema(current);
  const changes = await diff(before, after);
  const section = unreleasedSection(changelog);
  const breaking = changes.filter((c) => c.criticality.level === CriticalityLevel.Breaking);
  return {
    listed: breaking.filter((c) => listedIn(section, c)),
    unlisted: breaking.filter((c) => !listedIn(section, c)),
    dangerous: changes.filter((c) => c.criticality.level === CriticalityLevel.Dangerous),
    vagueDeprecations: vagueDeprecations(after),
  };
}

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] ? path.resolve(process.argv[i + 1]) : fallback;
}

async function main(): Promise<void> {
  const files = {
    released: option('released', path.join(repoRoot, 'schema.released.graphql')),
    current: option('current', path.join(repoRoot, 'schema.graphql')),
    changelog: option('changelog', path.join(repoRoot, 'CHANGELOG.md')),
  };
  const read = (file: string) => readFileSync(file, 'utf8');
  const result = await checkSchema(read(files.released), read(files.current), read(files.changelog));
  const rel = (file: string) => path.relative(process.cwd(), file);
  for (const c of result.dangerous) console.log(`dangerous: ${c.path ?? ''} ${c.message}${c.criticality.reason ? ` (${c.criticality.reason})` : ''}`);
  for (const c of result.listed) console.log(`breaking, listed in ${rel(files.changelog)}: ${c.path} ${c.message}`);
  for (const c of result.unlisted) console.error(`BREAKING, not in the changelog: ${c.path ?? '(no path)'} ${c.message}`);
  for (const d of result.vagueDeprecations) console.error(`DEPRECATED without naming the replacement: ${d}`);
  if (result.unlisted.length || result.vagueDeprecations.length) {
    console.error(
      `\n${rel(files.current)} breaks clients of ${rel(files.released)}. Avoid the change (deprecate the old field with ` +
        '@deprecated(reason: "Use … instead") and keep it for a release), or list each change under "## Unreleased" in ' +
        `${rel(files.changelog)} as: - \`Type.field\` what changed. Migration: what clients do instead.`,
    );
    process.exit(1);
  }
  console.log(`No unannounced breaking change against ${rel(files.released)} (${result.listed.length} announced, ${result.dangerous.length} dangerous).`);
}

if (require.main === module) {
  main().catch((e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
}
