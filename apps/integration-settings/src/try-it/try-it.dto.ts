import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { CHANNELS } from '@front-agent/contracts';

const TRY_CHANNELS = [...CHANNELS, 'chat'] as const;

export class TryQuestionDto {
  @ApiProperty({ description: 'A customer question, as a customer would write it', maxLength: 2000 })
  @IsString()
  @IsNotEmpty({ message: 'question must not be empty' })
  @MaxLength(2000)
  question!: string;

  @ApiPropertyOptional({ enum: TRY_CHANNELS, description: 'The channel to answer for (default email; chat = web)' })
  @IsOptional()
  @IsIn(TRY_CHANNELS, { message: `channel must be one of ${TRY_CHANNELS.join(', ')}` })
  channel?: (typeof TRY_CHANNELS)[number];
}
