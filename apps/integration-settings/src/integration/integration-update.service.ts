import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CHANNELS } from '@front-agent/contracts';
import { SecretBox } from '@front-agent/service-kit';
import type { Principal } from '../auth/api-key.service';
import { ValidationFailedError } from '../errors/app-errors';
import { SettingsConfig } from '../config';
import { FrontIntegrationEntity, IntegrationControls } from './front-integration.entity';
import { FrontIntegrationRepository } from './front-integration.repository';
import { IntegrationService } from './integration.service';
import { IntegrationNotConnectedError, TeammateInvalidError } from './integration.errors';
import { UpdateFrontIntegrationDto } from './integration.dto';
import { DEFAULT_CONTROLS, integrationView, IntegrationView } from './integration-view';
import { TeammateDirectory } from './teammate-directory.service';

const SECRET_FIELDS = ['webhookSecret', 'ruleWebhookSecret'] as const;

/** PATCH /v1/integrations/front: the AI teammate, toggles, secrets and controls. */
@Injectable()
export class IntegrationUpdateService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly integrations: FrontIntegrationRepository,
    private readonly lifecycle: IntegrationService,
    private readonly teammates: TeammateDirectory,
    private readonly secrets: SecretBox,
    private readonly config: SettingsConfig,
  ) {}

  async update(principal: Principal, dto: UpdateFrontIntegrationDto): Promise<IntegrationView> {
    dto.replyModeByChannel = withChannelAliases(dto.replyModeByChannel);
    assertReplyModesByChannel(dto.replyModeByChannel);
    if (dto.aiTeammateId !== undefined) await this.assertUsableTeammate(principal, dto.aiTeammateId);
    const saved = await this.dataSource.transaction(async (manager) => {
      const integration = await this.integrations.lockIntegrationOfOrg(principal.orgId, manager);
      if (!integration?.connected) throw new IntegrationNotConnectedError();
      const audited = this.apply(integration, dto);
      if (Object.keys(audited).length === 0) return integration;
      return this.lifecycle.commitChange(manager, integration, 'updated', principal, audited);
    });
    return integrationView(saved, this.config.PUBLIC_BASE_URL);
  }

  /** Applies the DTO; returns what changed for the audit log, secrets only as "set" or "cleared". */
  private apply(integration: FrontIntegrationEntity, dto: UpdateFrontIntegrationDto): Record<string, unknown> {
    const audited: Record<string, unknown> = {};
    for (const field of ['aiTeammateId', 'handleUnassigned', 'enabled'] as const) {
      if (dto[field] !== undefined && dto[field] !== integration[field]) {
        audited[field] = { from: integration[field], to: dto[field] };
        Object.assign(integration, { [field]: dto[field] });
      }
    }
    for (const field of SECRET_FIELDS) {
      const value = dto[field];
      if (value === undefined) continue;
      Object.assign(integration, { [field]: value === '' ? null : this.secrets.seal(value) });
      audited[field] = value === '' ? 'cleared' : 'set';
    }
    const controls: Partial<IntegrationControls> = { ...integration.controls };
    const changes: Partial<IntegrationControls> = {
      replyMode: dto.replyMode,
      replyModeByChannel: dto.replyModeByChannel,
      guidance: dto.guidance,
      restrictedTopics: dto.restrictedTopics,
      languages: dto.languages ? { ...DEFAULT_CONTROLS.languages, ...controls.languages, ...dto.languages } : undefined,
      selectedKnowledgeBaseIds: dto.knowledgeBaseIds,
      allowedLinkDomains: dto.allowedLinkDomains?.map((domain) => domain.toLowerCase()),
      guidanceVersion: dto.guidance ? (controls.guidanceVersion ?? 0) + 1 : undefined,
    };
    for (const [key, value] of Object.entries(changes) as Array<[keyof IntegrationControls, unknown]>) {
      if (value === undefined) continue;
      audited[key] = { from: controls[key] ?? DEFAULT_CONTROLS[key], to: value };
      Object.assign(controls, { [key]: value });
    }
    integration.controls = controls;
    return audited;
  }

  private async assertUsableTeammate(principal: Principal, teammateId: string): Promise<void> {
    const teammate = (await this.teammates.listTeammates(principal)).find((candidate) => candidate.id === teammateId);
    if (!teammate) throw new TeammateInvalidError(`aiTeammateId ${teammateId} is not a teammate of the connected Front company`);
    if (teammate.isBlocked) throw new TeammateInvalidError(`aiTeammateId ${teammateId} is blocked in Front; pick an active teammate`);
  }
}

/** Front's product says "chat" where our channels say "web": the API accepts both. */
function withChannelAliases<T>(byChannel: Record<string, T> | undefined): Record<string, T> | undefined {
  if (!byChannel) return byChannel;
  return Object.fromEntries(Object.entries(byChannel).map(([channel, mode]) => [channel === 'chat' ? 'web' : channel, mode]));
}

function assertReplyModesByChannel(byChannel: Record<string, string> | undefined): void {
  if (!byChannel) return;
  const problems = Object.entries(byChannel).flatMap(([channel, mode]) => [
    ...((CHANNELS as readonly string[]).includes(channel) ? [] : [`replyModeByChannel.${channel} is not a channel (${CHANNELS.join(', ')})`]),
    ...(['autopilot', 'copilot'].includes(mode) ? [] : [`replyModeByChannel.${channel} must be autopilot or copilot`]),
  ]);
  if (problems.length > 0) throw new ValidationFailedError(problems);
}
