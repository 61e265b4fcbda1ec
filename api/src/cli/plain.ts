/** Copies plain values onto a new instance of an argument class, so class-validator sees its decorators. */
export function plainToInstance<T extends object>(cls: new () => T, values: Partial<T>): T {
  return Object.assign(new cls(), values);
}
