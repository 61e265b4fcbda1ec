import { readFileSync } from 'node:fs';
import { isObjectType, isInputObjectType, isEnumType, type GraphQLSchema } from 'graphql';
import { MikroORM } from '@mikro-orm/postgresql';
import { createSchema, printSchemaFile, schemaFile } from '../src/schema';
import { TestApp } from './harness';

describe('the schema is the manual', () => {
  let schema: GraphQLSchema;
  beforeAll(async () => {
    schema = await createSchema();
  });

  it('describes every type, field, argument and enum value clients see', () => {
    const missing: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (type.name.startsWith('__')) continue;
      if (!type.description) missing.push(type.name);
      if (isObjectType(type) || isInputObjectType(type)) {
        for (const field of Object.values(type.getFields())) {
          if (!field.description) missing.push(`${type.name}.${field.name}`);
          for (const arg of 'args' in field ? field.args : []) if (!arg.description) missing.push(`${type.name}.${field.name}(${arg.name})`);
        }
      }
      if (isEnumType(type)) for (const v of type.getValues()) if (!v.description) missing.push(`${type.name}.${v.name}`);
    }
    expect(missing).toEqual([]);
  });

  it('matches the checked-in schema.graphql (run "npm run schema" after changing the API)', () => {
    expect(readFileSync(schemaFile, 'utf8')).toBe(printSchemaFile(schema));
  });
});

describe('the migrations', () => {
  it('build exactly the schema the entities describe (no change left without a migration)', async () => {
    const t = await TestApp.start();
    try {
      const orm: MikroORM = t.orm;
      const diff = await orm.schema.getUpdateSchemaSQL({ wrap: false });
      expect(diff.trim()).toBe('');
    } finally {
      await t.stop();
    }
  });
});
