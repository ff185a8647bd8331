import { AbstractSqliteDriver } from 'typeorm/driver/sqlite-abstract/AbstractSqliteDriver.js';
import { DateUtils } from 'typeorm/util/DateUtils.js';

type Parameters = Record<string, unknown>;

/**
 * TypeORM's SQLite drivers write number parameters into the SQL text (`WHERE id = 1234`), so
 * every query with a different id is a new statement: better-sqlite3 prepares it afresh and
 * TypeORM's statement cache churns, evicting even BEGIN and COMMIT. Measured on the audit
 * lifecycle bench: 113,755 prepares for 3,000 audits. Binding numbers like every other value
 * keeps the SQL text stable, so statements are prepared once and reused.
 *
 * This replaces `escapeQueryWithParameters` with the same logic but numbers bound; applied once,
 * when the SQLite data source options are built. test/sqlite-bound-numbers.e2e-spec.ts checks it.
 */
export function bindSqliteNumbers(): void {
  const prototype = AbstractSqliteDriver.prototype as unknown as {
    escapeQueryWithParameters: (
      sql: string,
      parameters: Parameters,
      native: Parameters,
    ) => [string, unknown[]];
    createParameter: (key: string, index: number) => string;
    boundNumbers?: boolean;
  };
  if (prototype.boundNumbers) return;
  prototype.boundNumbers = true;
  prototype.escapeQueryWithParameters = function (this: typeof prototype, sql, parameters) {
    const bound: unknown[] = [];
    if (!parameters || !Object.keys(parameters).length) return [sql, bound];
    const bind = (key: string, value: unknown) => {
      bound.push(value);
      return this.createParameter(key, bound.length - 1);
    };
    const text = sql.replaceAll(
      /:(\.\.\.)?([A-Za-z0-9_.]+)/g,
      (full, isArray: string | undefined, key: string) => {
        if (!Object.prototype.hasOwnProperty.call(parameters, key)) return full;
        const value = parameters[key];
        if (isArray) return (value as unknown[]).map((v) => bind(key, v)).join(', ');
        if (typeof value === 'function') return (value as () => string)();
        if (typeof value === 'boolean') return bind(key, +value);
        if (value instanceof Date) return bind(key, DateUtils.mixedDateToUtcDatetimeString(value));
        return bind(key, value);
      },
    );
    return [text, bound];
  };
}
