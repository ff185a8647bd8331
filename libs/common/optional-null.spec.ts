import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { getMetadataStorage, validate } from 'class-validator';

/**
 * Every request class, every optional field: `null` is refused unless the field's API
 * documentation says it may be null. class-validator's own `IsOptional` let `null` through to
 * code typed `string | undefined`, where a themed cycle's `title: null` became a 500; this walks
 * the whole class of such fields, not the one example.
 */
const LIBS = fileURLToPath(new URL('..', import.meta.url));

function sourceFilesWithRequestClasses(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFilesWithRequestClasses(path);
    if (!entry.name.endsWith('.ts') || entry.name.endsWith('.spec.ts')) return [];
    return /\bIsOptional\(/.test(readFileSync(path, 'utf8')) ? [path] : [];
  });
}

type Constructor = new () => object;

async function requestClasses(): Promise<Constructor[]> {
  const classes = new Set<Constructor>();
  for (const file of sourceFilesWithRequestClasses(LIBS)) {
    if (file.endsWith('validation.decorators.ts')) continue;
    const exported = (await import(file)) as Record<string, unknown>;
    for (const value of Object.values(exported)) {
      if (typeof value === 'function') classes.add(value as Constructor);
    }
  }
  // Page controllers keep their query classes to themselves: find those through the metadata.
  const storage = getMetadataStorage() as unknown as { validationMetadatas: Map<Constructor, unknown> };
  for (const target of storage.validationMetadatas.keys()) classes.add(target);
  return [...classes].filter((target) => optionalFields(target).length > 0);
}

function optionalFields(target: Constructor): string[] {
  const metadata = getMetadataStorage().getTargetValidationMetadatas(target, '', true, false);
  return [...new Set(metadata.filter((m) => m.type === 'conditionalValidation').map((m) => m.propertyName))];
}

function documentedNullable(target: Constructor, field: string): boolean {
  const properties = Reflect.getMetadata?.('swagger/apiModelProperties', target.prototype, field) as
    { nullable?: boolean } | undefined;
  return properties?.nullable === true;
}

describe('null in an optional field', () => {
  it('is refused, naming the field, unless the field is documented as nullable', async () => {
    const classes = await requestClasses();
    expect(classes.length).toBeGreaterThan(10);
    const wrong: string[] = [];
    for (const target of classes) {
      for (const field of optionalFields(target)) {
        const instance = Object.assign(new target(), { [field]: null });
        const refused = (await validate(instance)).some((error) => error.property === field);
        if (refused === documentedNullable(target, field)) {
          const where = `${target.name}.${field}`;
          wrong.push(refused ? `${where} is documented nullable but refuses null` : `${where} takes null`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it('finds the request classes of every feature', async () => {
    const files = sourceFilesWithRequestClasses(LIBS).map((file) => relative(LIBS, file));
    expect(files).toEqual(expect.arrayContaining(['cycles/cycles.dto.ts', 'audits/audits.dto.ts']));
    expect(await requestClasses()).toEqual(expect.arrayContaining([expect.any(Function)]));
  });
});
