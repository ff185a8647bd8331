import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import { IsOptional } from './validation.decorators.js';
import type {
  EntityManager,
  EntityTarget,
  FindManyOptions,
  ObjectLiteral,
  SelectQueryBuilder,
} from 'typeorm';

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 500;
/** Deep pages cost an OFFSET scan; nobody reads page a million of anything. */
const MAX_PAGE = 1_000_000;

/** Query strings are text: only plain decimal digits become numbers, anything else fails @IsInt. */
const wholeNumber = ({ value }: { value: unknown }) =>
  typeof value === 'string' && /^\d{1,9}$/.test(value) ? Number(value) : value;

/** `?page=&pageSize=` on every list route. */
export class PageQueryDto {
  @ApiPropertyOptional({ minimum: 1, default: 1, description: '1-based' })
  @IsOptional()
  @Transform(wholeNumber)
  @IsInt({ message: 'page must be a whole number' })
  @Min(1, { message: 'page must be 1 or more' })
  @Max(MAX_PAGE, { message: `page must be at most ${MAX_PAGE}` })
  page?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE_SIZE, default: DEFAULT_PAGE_SIZE })
  @IsOptional()
  @Transform(wholeNumber)
  @IsInt({ message: 'pageSize must be a whole number' })
  @Min(1, { message: 'pageSize must be 1 or more' })
  @Max(MAX_PAGE_SIZE, { message: `pageSize must be at most ${MAX_PAGE_SIZE}` })
  pageSize?: number;
}

export interface PageRequest {
  page: number;
  pageSize: number;
}

/** What every list route answers. */
export interface Page<T> {
  items: T[];
  page: number;
  pageSize: number;
  /** Rows matching the request across all pages. */
  total: number;
}

export function pageRequest(query: PageQueryDto = {}): PageRequest {
  return { page: query.page ?? 1, pageSize: query.pageSize ?? DEFAULT_PAGE_SIZE };
}

/**
 * One page of a query, counted and cut in SQL: `COUNT(*)` over the unordered query, then the
 * rows with LIMIT/OFFSET. The query must be ordered, ending on a unique column, or rows could
 * repeat or vanish between pages; an unordered query is a programming error.
 */
export async function rawPage<Row, Item = Row>(
  m: EntityManager,
  query: SelectQueryBuilder<ObjectLiteral>,
  request: PageRequest,
  map: (row: Row) => Item = (row) => row as unknown as Item,
  /**
   * A query selecting the same rows' count as `n`, when it can be cheaper than counting the
   * page query (which may join tables that cannot change the count).
   */
  countQuery?: SelectQueryBuilder<ObjectLiteral>,
): Promise<Page<Item>> {
  if (Object.keys(query.expressionMap.allOrderBys).length === 0) {
    throw new Error('a paged query needs a stable ORDER BY');
  }
  const [sql, parameters] = countQuery
    ? countQuery.getQueryAndParameters()
    : query.clone().orderBy().getQueryAndParameters();
  const [{ n }] = await m.query(countQuery ? sql : `SELECT COUNT(*) AS n FROM (${sql}) counted`, parameters);
  const rows = await query
    .limit(request.pageSize)
    .offset((request.page - 1) * request.pageSize)
    .getRawMany<Row>();
  return { items: rows.map(map), page: request.page, pageSize: request.pageSize, total: Number(n) };
}

/**
 * One page of entities by find options: COUNT and LIMIT/OFFSET in SQL. The count is its own
 * query on the same `where`: findAndCount gave a total of 0 for the cycles list (with `select`
 * and `take`) while returning its rows.
 */
export async function entityPage<E extends ObjectLiteral>(
  m: EntityManager,
  entity: EntityTarget<E>,
  options: FindManyOptions<E> & { order: NonNullable<FindManyOptions<E>['order']> },
  request: PageRequest,
): Promise<Page<E>> {
  const total = await m.count(entity, { where: options.where });
  const items = await m.find(entity, {
    ...options,
    skip: (request.page - 1) * request.pageSize,
    take: request.pageSize,
  });
  return { items, page: request.page, pageSize: request.pageSize, total };
}
