import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, Equals, IsArray, IsBoolean } from 'class-validator';
import { IsId, IsOptional, PageQueryDto } from '../common/index.js';

const flag = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

/** `?unread=true` lists only the unread; paged like every list. */
export class MyNotificationsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'true: only the unread ones' })
  @IsOptional()
  @Transform(flag)
  @IsBoolean({ message: 'unread must be true or false' })
  unread?: boolean;
}

/** `{ "ids": [3, 4] }` marks those read; `{ "all": true }` every one (with `upTo`, up to that id). */
export class MarkReadDto {
  @ApiPropertyOptional({ type: [Number], maxItems: 500 })
  @IsOptional()
  @IsArray({ message: 'ids must be a list of notification ids' })
  @ArrayMinSize(1, { message: 'ids must name at least one notification' })
  @ArrayMaxSize(500, { message: 'ids may name at most 500 notifications' })
  @IsId({ each: true, message: 'ids must be notification ids' })
  ids?: number[];

  @ApiPropertyOptional({ enum: [true] })
  @IsOptional()
  @Equals(true, { message: 'all must be true' })
  all?: true;

  @ApiPropertyOptional({ description: 'With all: only notifications up to this id (those shown)' })
  @IsOptional()
  @IsId()
  upTo?: number;
}
