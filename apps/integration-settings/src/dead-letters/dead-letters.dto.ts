import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsISO8601, IsOptional, IsString, Max, Min } from 'class-validator';

export class ListDeadLettersQueryDto {
  @ApiPropertyOptional({ description: 'Only this queue (the one the message failed in, e.g. conversation-sync.events)' })
  @IsOptional()
  @IsString()
  queue?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;

  @ApiPropertyOptional({ description: 'ISO time: dead letters recorded before it (next page)' })
  @IsOptional()
  @IsISO8601()
  before?: string;
}
