import { Kind, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';

/**
 * The field names a request selects under the current field, following `path` (e.g. ['nodes']) through
 * nested selections, fragments and inline fragments. Used to compute only what the client asked for.
 * @include/@skip are not evaluated: a field they mention counts as selected, which is only ever more work.
 */
export function selectedFields(info: GraphQLResolveInfo, path: string[] = []): Set<string> {
  let sets: SelectionSetNode[] = info.fieldNodes.flatMap((n) => (n.selectionSet ? [n.selectionSet] : []));
  for (const step of path) sets = sets.flatMap((s) => fieldsIn(info, s).filter((f) => f.name === step).flatMap((f) => (f.set ? [f.set] : [])));
  return new Set(sets.flatMap((s) => fieldsIn(info, s).map((f) => f.name)));
}

function fieldsIn(info: GraphQLResolveInfo, set: SelectionSetNode, seen = new Set<string>()): { name: string; set?: SelectionSetNode }[] {
  return set.selections.flatMap((s) => {
    if (s.kind === Kind.FIELD) return [{ name: s.name.value, set: s.selectionSet }];
    if (s.kind === Kind.INLINE_FRAGMENT) return fieldsIn(info, s.selectionSet, seen);
    const name = s.name.value;
    const fragment = info.fragments[name];
    if (!fragment || seen.has(name)) return [];
    seen.add(name);
    return fieldsIn(info, fragment.selectionSet, seen);
  });
}
