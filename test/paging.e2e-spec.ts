import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { entityPage, rawPage } from '../libs/common/paging.js';
import { Locality } from '../libs/org/locality.entity.js';
import { databaseOptions } from '../libs/persistence/database-options.js';
import { testEngines } from './support/engines.js';

const engines = await testEngines('paging');

/** The shared paging helpers against a real database: counted and cut in SQL, never in JavaScript. */
describe.each(engines)('paging helpers (%s)', (_engine, databaseUrl) => {
  let dataSource: DataSource;
  const names = Array.from({ length: 23 }, (_, i) => `Locality ${String(i + 1).padStart(2, '0')}`);

  beforeAll(async () => {
    dataSource = await new DataSource(databaseOptions(databaseUrl())).initialize();
    await dataSource.runMigrations({ transaction: 'each' });
    await dataSource.manager.insert(
      Locality,
      names.map((name) => ({ name })),
    );
  });

  afterAll(async () => {
    await dataSource?.destroy();
  });

  const query = () =>
    dataSource.manager
      .createQueryBuilder()
      .select(['l.id AS "id"', 'l.name AS "name"'])
      .from('localities', 'l')
      .where('l.name LIKE :prefix', { prefix: 'Locality%' });

  it('gives every row once across pages, with the total of the whole query', async () => {
    const seen: string[] = [];
    for (let page = 1; page <= 3; page++) {
      const result = await rawPage<{ name: string }>(
        dataSource.manager,
        query().orderBy('l.name', 'DESC').addOrderBy('l.id'),
        { page, pageSize: 10 },
      );
      expect(result).toMatchObject({ page, pageSize: 10, total: 23 });
      seen.push(...result.items.map((r) => r.name));
    }
    expect(seen).toEqual([...names].reverse());
  });

  it('answers an empty page past the end, still with the total', async () => {
    const result = await rawPage(dataSource.manager, query().orderBy('l.id'), { page: 9, pageSize: 10 });
    expect(result).toEqual({ items: [], page: 9, pageSize: 10, total: 23 });
  });

  it('refuses a query without an order: pages of it could repeat or lose rows', async () => {
    await expect(rawPage(dataSource.manager, query(), { page: 1, pageSize: 10 })).rejects.toThrow(
      /stable ORDER BY/,
    );
  });

  it('pages entities by find options with the count of the same where', async () => {
    const result = await entityPage(
      dataSource.manager,
      Locality,
      { select: { id: true, name: true }, order: { name: 'ASC', id: 'ASC' } },
      { page: 3, pageSize: 10 },
    );
    expect(result.total).toBe(23);
    expect(result.items.map((l) => l.name)).toEqual(names.slice(20));
  });
});
