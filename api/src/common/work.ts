import {
  getNamedType,
  getNullableType,
  isListType,
  isObjectType,
  isInterfaceType,
  Kind,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { getArgumentValues } from 'graphql/execution/values';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './pagination';

/** How many rows a list field can hold when no argument bounds it (a learner's submissions, a meeting's history). */
export const UNBOUNDED_LIST_ROWS = 20;

/** Arguments that bound a list's length. */
const SIZE_ARGUMENTS = ['perPage', 'first', 'limit'];

/**
 * The work a document asks for, counted as the field values the answer can hold: every selected field counts
 * once per row its parents can have, and a list multiplies what is under it by the rows it can hold (its page size
 * as asked, variables included; else the default page size when it pages; else UNBOUNDED_LIST_ROWS). Unlike the
 * depth and cost rules, it grows with the page sizes asked for and what nested lists hold.
 */
export function estimatedWork(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: Record<string, FragmentDefinitionNode>,
  variables: Record<string, unknown>,
): number {
  const root = operation.operation === 'mutation' ? schema.getMutationType() : schema.getQueryType();
  if (!root) return 0;
  const visit = (set: SelectionSetNode, typeName: string, rows: number, seen: Set<string>): number => {
    const type = schema.getType(typeName);
    const fields = isObjectType(type) || isInterfaceType(type) ? type.getFields() : {};
    let total = 0;
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        total += rows;
        const def = fields[selection.name.value];
        if (!def || !selection.selectionSet) continue;
        const childRows = rows * rowsOf(def, selection, variables);
        total += visit(selection.selectionSet, getNamedType(def.type).name, childRows, seen);
      } else {
        const fragment = selection.kind === Kind.INLINE_FRAGMENT ? selection : fragments[selection.name.value];
        // A fragment spread into itself is invalid and refused by validation; count each one once per path.
        if (!fragment || (selection.kind === Kind.FRAGMENT_SPREAD && seen.has(selection.name.value))) continue;
        const next = selection.kind === Kind.FRAGMENT_SPREAD ? new Set(seen).add(selection.name.value) : seen;
        total += visit(fragment.selectionSet, fragment.typeCondition?.name.value ?? typeName, rows, next);
      }
    }
    return total;
  };
  return visit(operation.selectionSet, root.name, 1, new Set());
}

/** The rows a field's value can hold: 1 for an object, its bound for a list. */
function rowsOf(def: GraphQLField<unknown, unknown>, node: Parameters<typeof getArgumentValues>[1], variables: Record<string, unknown>): number {
  if (!isListType(getNullableType(def.type))) return 1;
  let args: Record<string, unknown> = {};
  try {
    args = getArgumentValues(def, node, variables);
  } catch {
    // Invalid arguments are the resolver's to refuse; count the list at its largest.
  }
  for (const name of SIZE_ARGUMENTS) {
    const value = args[name];
    // Past the largest page, argument validation refuses it, naming the argument.
    if (typeof value === 'number' && Number.isFinite(value) && value > 0) return Math.min(value, MAX_PAGE_SIZE);
  }
  return def.args.some((a) => SIZE_ARGUMENTS.includes(a.name)) ? DEFAULT_PAGE_SIZE : UNBOUNDED_LIST_ROWS;
}
