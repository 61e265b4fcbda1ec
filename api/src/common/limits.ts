import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { Config } from '../config';

/**
 * What one GraphQL request may ask for, in one place. The console's largest document (the review
 * panel: a submission, three versions back, their feedback and authors) stays well inside these.
 * Page sizes are capped in argument validation (perPage ≤ 200), not here: the cost rule cannot see
 * variables.
 */
export const REQUEST_LIMITS = {
  /** Nesting of selections. */
  maxDepth: 12,
  /** Aliases per document (each alias is another execution of a field). */
  maxAliases: 20,
  /** graphql-armor's cost: objects 2, scalars 1, multiplied by 1.5 per level of depth. */
  maxCost: 20_000,
  /** Lexical tokens of the document. */
  maxTokens: 4000,
  /** Directives per document. */
  maxDirectives: 20,
  /** Field values the answer can hold, lists counted at the page sizes asked for (common/work.ts). */
  maxWork: 200_000,
  /** A document over this much work is expensive: a caller may have this many of them running at once. */
  expensiveWork: 100_000,
  maxExpensiveInFlight: 2,
} as const;

/** graphql-armor's validation rules and plugins for Apollo, plus batching off and no stack traces. */
export function requestProtection(config: Pick<Config, 'env'>) {
  return new ApolloArmor({
    maxDepth: { n: REQUEST_LIMITS.maxDepth, ignoreIntrospection: true },
    maxAliases: { n: REQUEST_LIMITS.maxAliases },
    costLimit: { maxCost: REQUEST_LIMITS.maxCost, ignoreIntrospection: true },
    // graphql-armor's token plugin throws from a hook Apollo answers with HTTP 500: the parser's own limit
    // (parseOptions.maxTokens in graphql.ts) stops at the same count and answers 400.
    maxTokens: { enabled: false },
    maxDirectives: { n: REQUEST_LIMITS.maxDirectives },
    // Field suggestions ("did you mean …") describe the schema: off where introspection is off.
    blockFieldSuggestion: { enabled: config.env === 'production' },
  }).protect();
}
