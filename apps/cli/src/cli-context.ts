import type { Type } from '@nestjs/common';

/** Fetches a provider from the command's application context. */
export type Get = <S>(type: Type<S>) => S;

/**
 * Opens the app context, runs pending migrations, does the work, always closes.
 *
 * Nest, TypeORM and the features are imported here, when a command that needs the database
 * runs, not when the CLI starts: `--help` and a mistyped option then cost only commander.
 */
export async function withApp<T>(work: (get: Get) => Promise<T>): Promise<T> {
  await import('reflect-metadata');
  const [{ NestFactory }, { CliModule }, { CliLogger }, { Db }] = await Promise.all([
    import('@nestjs/core'),
    import('./cli.module.js'),
    import('./cli-logger.js'),
    import('../../../libs/persistence/index.js'),
  ]);
  const app = await NestFactory.createApplicationContext(CliModule, {
    logger: new CliLogger({ logLevels: ['error', 'warn'] }),
  });
  try {
    await app.get(Db).dataSource.runMigrations({ transaction: 'each' });
    return await work((type) => app.get(type));
  } finally {
    await app.close();
  }
}
