import 'reflect-metadata';
import path from 'node:path';
import { buildSchema } from 'type-graphql';
import type { GraphQLSchema } from 'graphql';
import { authChecker } from './auth/auth-checker';
import { AuthResolver } from './auth/auth.resolver';
import { UserResolver } from './modules/users/user.resolver';
import { LearnerResolver, StatusChangeResolver } from './modules/learners/learner.resolver';
import { repoRoot } from './config';

export const resolvers = [AuthResolver, UserResolver, LearnerResolver, StatusChangeResolver] as const;

export const schemaFile = path.join(repoRoot, 'schema.graphql');

/** Builds the executable schema from the decorated classes; emitSchema writes schema.graphql (the checked-in contract). */
export function createSchema(opts: { emitSchema?: string | false } = {}): Promise<GraphQLSchema> {
  return buildSchema({
    resolvers,
    authChecker,
    authMode: 'error',
    validate: { forbidUnknownValues: false, stopAtFirstError: false },
    emitSchemaFile: opts.emitSchema ? { path: opts.emitSchema, sortedSchema: true } : false,
  });
}
