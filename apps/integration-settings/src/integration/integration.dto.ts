import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';

export class ConnectFrontDto {
  @ApiProperty({ description: 'A Front API token (Settings → Developers → API tokens)' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(4096)
  apiToken!: string;
}

export class RestrictedTopicDto {
  @IsString()
  @IsNotEmpty()
  @MaxLength(80)
  @Matches(/^[a-z0-9][a-z0-9_-]*$/i, { message: 'name must be letters, digits, - or _' })
  name!: string;

  @IsString()
  @MaxLength(500)
  description!: string;

  @IsArray()
  @ArrayMaxSize(30)
  @IsString({ each: true })
  @MaxLength(300, { each: true })
  examples!: string[];
}

export class LanguagesDto {
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @Matches(/^[a-z]{2}$/, { each: true, message: 'allowed must hold ISO 639-1 codes such as en, es' })
  allowed?: string[] | null;

  @IsOptional()
  @Matches(/^[a-z]{2}$/, { message: 'teamLanguage must be an ISO 639-1 code such as en' })
  teamLanguage?: string;

  @IsOptional()
  @IsIn(['handoff', 'team_language'])
  fallback?: 'handoff' | 'team_language';
}

const REPLY_MODES = ['autopilot', 'copilot'] as const;

export class UpdateFrontIntegrationDto {
  @ApiPropertyOptional({ description: 'The Front teammate the AI replies as (tea_…)' })
  @IsOptional()
  @IsString()
  @Matches(/^tea_[A-Za-z0-9]+$/, { message: 'aiTeammateId must be a Front teammate id (tea_…)' })
  aiTeammateId?: string;

  @ApiPropertyOptional({ description: 'Answer unassigned conversations too (default off)' })
  @IsOptional()
  @IsBoolean()
  handleUnassigned?: boolean;

  @ApiPropertyOptional({ description: 'Master switch: off ignores every webhook event' })
  @IsOptional()
  @IsBoolean()
  enabled?: boolean;

  @ApiPropertyOptional({ description: "The Front app's signing secret (application webhooks); write-only" })
  @IsOptional()
  @IsString()
  @MaxLength(512)
  webhookSecret?: string;

  @ApiPropertyOptional({ description: 'The company API secret (rule webhooks); write-only' })
  @IsOptional()
  @IsString()
  @MaxLength(512)
  ruleWebhookSecret?: string;

  @ApiPropertyOptional({ enum: REPLY_MODES })
  @IsOptional()
  @IsIn(REPLY_MODES)
  replyMode?: (typeof REPLY_MODES)[number];

  @ApiPropertyOptional({ description: 'Reply mode per channel, e.g. {"email": "copilot"}' })
  @IsOptional()
  @IsObject()
  replyModeByChannel?: Record<string, (typeof REPLY_MODES)[number]>;

  @ApiPropertyOptional({ type: [String], description: 'At most 50 entries of at most 1,000 characters' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(1000, { each: true })
  guidance?: string[];

  @ApiPropertyOptional({ type: [RestrictedTopicDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => RestrictedTopicDto)
  restrictedTopics?: RestrictedTopicDto[];

  @ApiPropertyOptional({ type: LanguagesDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => LanguagesDto)
  languages?: LanguagesDto;

  @ApiPropertyOptional({ type: [String], description: 'Knowledge bases to train on; null for all' })
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  knowledgeBaseIds?: string[] | null;

  @ApiPropertyOptional({ type: [String], description: 'Domains replies may link to besides the cited articles, e.g. ["example.com"]' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @Matches(/^([a-zA-Z0-9-]+\.)+[a-zA-Z]{2,}$/, { each: true, message: 'allowedLinkDomains must hold domain names such as example.com' })
  allowedLinkDomains?: string[];
}
