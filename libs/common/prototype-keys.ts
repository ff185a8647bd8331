/**
 * Names that plain objects inherit (`constructor`, `toString`, `__proto__`…). A key with one of
 * these names is silently dropped by class-transformer and confuses `obj[key]` lookups, so a
 * request that uses one as a key is refused instead (see body-shape.ts).
 */
const INHERITED = new Set([...Object.getOwnPropertyNames(Object.prototype), '__proto__']);

export function isPrototypeMemberName(key: string): boolean {
  return INHERITED.has(key);
}
