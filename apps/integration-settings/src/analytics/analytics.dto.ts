import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional, IsString, MaxLength } from 'class-validator';

export class AnalyticsQueryDto {
  @ApiPropertyOptional({ description: 'ISO time, inclusive; default 30 days before `to`' })
  @IsOptional()
  @IsISO8601({}, { message: 'from must be an ISO 8601 time' })
  from?: string;

  @ApiPropertyOptional({ description: 'ISO time, exclusive; default now' })
  @IsOptional()
  @IsISO8601({}, { message: 'to must be an ISO 8601 time' })
  to?: string;

  @ApiPropertyOptional({ description: 'Only this channel (email, chat, sms, …)' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  channel?: string;
}
