import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, Max, Min } from 'class-validator';
import { IsId, IsOptional, PageQueryDto } from '../common/index.js';
import { ACTION_STATES, STATUS_GROUPS, type StatusGroup } from './action-status.js';
import { ACTION_SORTS, type ActionFilter, type ActionSort } from './action-tracker.js';

// Query strings are text, and a filter form sends its empty choices ("All teams") as ''.
const blankIsAbsent = ({ value }: { value: unknown }) => (value === '' ? undefined : value);
const wholeNumberOrText = ({ value }: { value: unknown }) =>
  value === '' ? undefined : typeof value === 'string' && /^\d{1,9}$/.test(value) ? Number(value) : value;
const yesNo = ({ value }: { value: unknown }) =>
  value === '' ? undefined : value === 'true' ? true : value === 'false' ? false : value;

/** The longest "due within" a reader may ask for: a year, as far ahead as a due date may be. */
export const MAX_DUE_WITHIN = 366;

/**
 * `GET actions`: the tracker's filters, sort and page, as query parameters. The CSV export takes
 * the same and ignores the page: it has every row the filter shows.
 */
export class ActionListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'The owner’s user id' })
  @IsOptional()
  @Transform(wholeNumberOrText)
  @IsId({ message: 'owner must be a user id' })
  owner?: number;

  @ApiPropertyOptional({ description: 'Team id' })
  @IsOptional()
  @Transform(wholeNumberOrText)
  @IsId({ message: 'team must be a team id' })
  team?: number;

  @ApiPropertyOptional({ description: 'Locality id' })
  @IsOptional()
  @Transform(wholeNumberOrText)
  @IsId({ message: 'locality must be a locality id' })
  locality?: number;

  @ApiPropertyOptional({ description: 'The audit that raised the action' })
  @IsOptional()
  @Transform(wholeNumberOrText)
  @IsId({ message: 'audit must be an audit id' })
  audit?: number;

  @ApiPropertyOptional({ description: 'The cycle of the audit that raised the action' })
  @IsOptional()
  @Transform(wholeNumberOrText)
  @IsId({ message: 'cycle must be a cycle id' })
  cycle?: number;

  @ApiPropertyOptional({
    enum: [...STATUS_GROUPS, 'all'],
    description: 'open: not yet closed or cancelled; overdue: work owed past its due date',
  })
  @IsOptional()
  @Transform(blankIsAbsent)
  @IsIn([...STATUS_GROUPS, 'all'], {
    message: `status must be one of ${[...STATUS_GROUPS, 'all'].join(', ')}`,
  })
  status?: StatusGroup | 'all';

  @ApiPropertyOptional({ enum: ACTION_STATES, description: 'One state exactly (open is “Not started”)' })
  @IsOptional()
  @Transform(blankIsAbsent)
  @IsIn(ACTION_STATES, { message: `state must be one of ${ACTION_STATES.join(', ')}` })
  state?: string;

  @ApiPropertyOptional({ enum: ['true', 'false'] })
  @IsOptional()
  @Transform(yesNo)
  @IsIn([true, false], { message: 'overdue must be true or false' })
  overdue?: boolean;

  @ApiPropertyOptional({
    minimum: 0,
    maximum: MAX_DUE_WITHIN,
    description: 'Work owed, due from today to today + N days',
  })
  @IsOptional()
  @Transform(wholeNumberOrText)
  @IsInt({ message: 'dueWithin must be a whole number of days' })
  @Min(0, { message: 'dueWithin must be 0 or more' })
  @Max(MAX_DUE_WITHIN, { message: `dueWithin must be at most ${MAX_DUE_WITHIN}` })
  dueWithin?: number;

  @ApiPropertyOptional({ description: 'Plan item id' })
  @IsOptional()
  @Transform(wholeNumberOrText)
  @IsId({ message: 'planItem must be a plan item id' })
  planItem?: number;

  @ApiPropertyOptional({ enum: ACTION_SORTS, default: 'overdue' })
  @IsOptional()
  @Transform(blankIsAbsent)
  @IsIn(ACTION_SORTS, { message: `sort must be one of ${ACTION_SORTS.join(', ')}` })
  sort?: ActionSort;
}

/** The filter a query's parameters ask for; `status=all` (or none) is no status filter. */
export function filterOf(query: ActionListQueryDto): ActionFilter {
  const { owner, team, locality, audit, cycle, state, overdue, dueWithin, planItem } = query;
  const status = query.status === 'all' ? undefined : query.status;
  const filter: ActionFilter = {
    owner,
    team,
    locality,
    audit,
    cycle,
    status,
    state,
    overdue,
    dueWithin,
    planItem,
  };
  return Object.fromEntries(Object.entries(filter).filter(([, v]) => v !== undefined)) as ActionFilter;
}
