import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import { IsCalendarDate, IsId, IsNotBlank } from '../common/index.js';

/** Every command on an action names the version it read: a stale one is a 409. */
export class ActionVersionDto {
  @ApiProperty({ description: 'The action version you read; a stale one gets 409' })
  @IsId()
  version: number;
}

export class ActionProgressDto extends ActionVersionDto {
  @ApiProperty({ description: 'How the work is going (not blank)' })
  @IsString()
  @Length(1, 5000)
  @IsNotBlank()
  note: string;
}

export class ActionDoneDto extends ActionVersionDto {
  @ApiProperty({ description: 'What was done (not blank)' })
  @IsString()
  @Length(1, 5000)
  @IsNotBlank()
  whatWasDone: string;

  @ApiProperty({ description: 'Where the verifier will see it was done (not blank)' })
  @IsString()
  @Length(1, 5000)
  @IsNotBlank()
  evidence: string;
}

export class ActionReasonDto extends ActionVersionDto {
  @ApiProperty({ description: 'Why (not blank): kept in the history' })
  @IsString()
  @Length(1, 2000)
  @IsNotBlank()
  reason: string;
}

export class ActionReassignDto extends ActionVersionDto {
  @ApiProperty({ description: 'The new owner: an active user in the case’s locality' })
  @IsId()
  ownerId: number;
}

export class ActionDueDateDto extends ActionReasonDto {
  @ApiProperty({ example: '2027-01-31', description: 'From today to a year ahead (Europe/London days)' })
  @IsCalendarDate()
  dueOn: string;
}
