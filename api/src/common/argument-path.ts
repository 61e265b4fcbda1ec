import { Kind, parse, visit, type ArgumentNode, type GraphQLError, type ValueNode } from 'graphql';

/**
 * The argument an input error is about, as a path ("filter.kind", "input.goals.1.area"), for errors graphql-js
 * raises before any resolver runs: a variable whose value does not fit its type ("Variable "$f" got invalid value
 * … at "f.kind""), and a value written in the document that does not (an unknown enum value, a string for an Int,
 * a malformed date). Found by reading the document: the argument the variable is passed to, or the argument whose
 * value holds the error's position. Null when it is not about an argument.
 */
export function argumentPathOf(error: GraphQLError): string | null {
  const body = error.source?.body;
  if (!body) return null;
  let document;
  try {
    document = parse(body, { noLocation: false });
  } catch {
    return null;
  }
  const arguments_: ArgumentNode[] = [];
  visit(document, { Argument: (node) => void arguments_.push(node) });

  const variable = /^Variable "\$(\w+)" got invalid value .*?(?: at "([^"]+)")?;/s.exec(error.message);
  if (variable) {
    const [, name, at] = variable;
    const rest = at ? at.split('.').slice(1) : []; // graphql-js starts the path with the variable's own name
    for (const arg of arguments_) {
      const path = pathToVariable(arg.value, name);
      if (path) return [arg.name.value, ...path, ...rest].join('.');
    }
    return null;
  }
  const position = error.positions?.[0];
  if (position === undefined) return null;
  for (const arg of arguments_) {
    if (arg.loc && arg.loc.start <= position && position < arg.loc.end) return [arg.name.value, ...pathToPosition(arg.value, position)].join('.');
  }
  return null;
}

/** Where inside a value a variable is used: [] for the value itself, the field names and list indexes down to it. */
function pathToVariable(value: ValueNode, name: string): string[] | null {
  if (value.kind === Kind.VARIABLE) return value.name.value === name ? [] : null;
  if (value.kind === Kind.OBJECT) {
    for (const field of value.fields) {
      const inner = pathToVariable(field.value, name);
      if (inner) return [field.name.value, ...inner];
    }
  }
  if (value.kind === Kind.LIST) {
    for (const [i, item] of value.values.entries()) {
      const inner = pathToVariable(item, name);
      if (inner) return [String(i), ...inner];
    }
  }
  return null;
}

/** The field names and list indexes from a value down to the innermost part holding `position`. */
function pathToPosition(value: ValueNode, position: number): string[] {
  const inside = (v: { loc?: { start: number; end: number } }) => v.loc !== undefined && v.loc.start <= position && position < v.loc.end;
  if (value.kind === Kind.OBJECT) {
    const field = value.fields.find(inside);
    if (field) return [field.name.value, ...pathToPosition(field.value, position)];
  }
  if (value.kind === Kind.LIST) {
    const i = value.values.findIndex(inside);
    if (i >= 0) return [String(i), ...pathToPosition(value.values[i], position)];
  }
  return [];
}
