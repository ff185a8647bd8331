import { TypeOrmModule } from '@nestjs/typeorm';
import type { DynamicModule } from '@nestjs/common';

type EntityClass = NonNullable<Parameters<typeof TypeOrmModule.forFeature>[0]>[number];

const registered = new Set<EntityClass>();

/**
 * A feature registers its own entities: `imports: [featureEntities([A, B])]` in its module.
 * Nest's data source picks them up (autoLoadEntities); the list kept here serves data sources
 * built outside Nest (the TypeORM CLI, the migration specs), which import the app module first
 * so that every feature module has registered. Persistence never names a feature's entity.
 */
export function featureEntities(entities: EntityClass[]): DynamicModule {
  for (const entity of entities) registered.add(entity);
  return TypeOrmModule.forFeature(entities);
}

/** Every entity a feature module imported so far has registered. */
export function registeredEntities(): EntityClass[] {
  return [...registered];
}
