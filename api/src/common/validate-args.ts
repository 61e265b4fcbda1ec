import { validate, type ValidationError } from 'class-validator';
import type { ResolverData } from 'type-graphql';
import { getNamedType } from 'graphql';
import { badInput } from './errors';

/** First failing property of class-validator's tree, as a dotted path, with its messages. */
function firstInvalid(errors: ValidationError[], prefix: string): { field: string; message: string } | null {
  for (const e of errors) {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    if (e.constraints && Object.keys(e.constraints).length) return { field, message: Object.values(e.constraints).join('; ') };
    const nested = firstInvalid(e.children ?? [], field);
    if (nested) return nested;
  }
  return null;
}

/**
 * type-graphql's argument validation, reporting the field at fault as a path a client can map to
 * its form: "perPage" for flat arguments, "filter.moduleWeek" inside an input object.
 */
export async function validateArgs(argValue: unknown, _argType: unknown, data: ResolverData<object>): Promise<void> {
  if (argValue === null || typeof argValue !== 'object') return;
  // An input-object argument is named after its GraphQL type (our input types are named after their
  // classes); an @ArgsType class stands for all the arguments at once and takes no prefix.
  const sample = (Array.isArray(argValue) ? argValue[0] : argValue) as object | undefined;
  const typeName = sample?.constructor?.name;
  const definition = data.info.parentType.getFields()[data.info.fieldName]?.args.find((a) => getNamedType(a.type).name === typeName);
  const argName = definition?.name ?? '';
  const items = Array.isArray(argValue) ? argValue : [argValue];
  for (const [i, item] of items.entries()) {
    if (item === null || typeof item !== 'object') continue;
    const errors = await validate(item as object, { forbidUnknownValues: false, skipMissingProperties: true });
    const first = firstInvalid(errors, Array.isArray(argValue) ? `${argName}.${i}` : argName);
    if (first) throw badInput(first.field, first.message);
  }
}
