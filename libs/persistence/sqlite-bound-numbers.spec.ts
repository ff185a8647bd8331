import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { AbstractSqliteDriver } from 'typeorm/driver/sqlite-abstract/AbstractSqliteDriver.js';
import { bindSqliteNumbers } from './sqlite-bound-numbers.js';

type Escape = (
  sql: string,
  parameters: Record<string, unknown>,
  native: Record<string, unknown>,
) => [string, unknown[]];

describe('binding numbers on SQLite', () => {
  beforeAll(() => bindSqliteNumbers());

  const escape = (sql: string, parameters: Record<string, unknown>) =>
    (
      AbstractSqliteDriver.prototype as unknown as { escapeQueryWithParameters: Escape }
    ).escapeQueryWithParameters.call({ createParameter: () => '?' }, sql, parameters, {});

  it.each([
    ['a number', 'id = :id', { id: 1234 }, 'id = ?', [1234]],
    ['a boolean as 0/1', 'active = :active', { active: true }, 'active = ?', [1]],
    ['a list', 'id IN (:...ids)', { ids: [1, 2] }, 'id IN (?, ?)', [1, 2]],
    [
      'a date as UTC text',
      'at < :at',
      { at: new Date(Date.UTC(2026, 0, 2, 3, 4, 5)) },
      'at < ?',
      ['2026-01-02 03:04:05.000'],
    ],
    ['an unknown name, untouched', 'x = :other', { id: 1 }, 'x = :other', []],
  ])('binds %s', (_label, sql, parameters, text, bound) => {
    expect(escape(sql, parameters)).toEqual([text, bound]);
  });

  it('gives one SQL text for every id, and the right rows back', async () => {
    const db = await new DataSource({ type: 'better-sqlite3', database: ':memory:' }).initialize();
    await db.query('CREATE TABLE t (id integer PRIMARY KEY, name text)');
    await db.query(`INSERT INTO t VALUES (1, 'one'), (2, 'two')`);
    const texts = new Set<string>();
    for (const id of [1, 2]) {
      const query = db
        .createQueryBuilder()
        .select('t.name', 'name')
        .from('t', 't')
        .where('t.id = :id', { id });
      const [text, bound] = query.getQueryAndParameters();
      expect(bound).toEqual([id]);
      texts.add(text);
      await expect(query.getRawMany()).resolves.toEqual([{ name: id === 1 ? 'one' : 'two' }]);
    }
    expect(texts.size).toBe(1);
    await db.destroy();
  });
});
