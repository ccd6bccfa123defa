import type { FrontIntegrationEntity, IntegrationControls } from './front-integration.entity';

export const DEFAULT_CONTROLS: IntegrationControls = {
  replyMode: 'autopilot',
  replyModeByChannel: {},
  guidance: [],
  restrictedTopics: [],
  languages: { allowed: null, teamLanguage: 'en', fallback: 'handoff' },
  selectedKnowledgeBaseIds: null,
  allowedLinkDomains: [],
  guidanceVersion: 0,
};

/** The integration as the API shows it: never a secret, only whether one is set. */
export function integrationView(integration: FrontIntegrationEntity, publicBaseUrl: string) {
  const controls = { ...DEFAULT_CONTROLS, ...integration.controls };
  return {
    id: integration.id,
    orgId: integration.orgId,
    connected: integration.connected,
    frontCompany: { id: integration.frontCompanyId, name: integration.frontCompanyName },
    aiTeammateId: integration.aiTeammateId,
    handleUnassigned: integration.handleUnassigned,
    enabled: integration.enabled,
    webhookUrl: webhookUrlOf(publicBaseUrl, integration.webhookKey),
    hasWebhookSecret: integration.webhookSecret !== null,
    hasRuleWebhookSecret: integration.ruleWebhookSecret !== null,
    replyMode: controls.replyMode,
    replyModeByChannel: controls.replyModeByChannel,
    guidance: controls.guidance,
    guidanceVersion: controls.guidanceVersion,
    allowedLinkDomains: controls.allowedLinkDomains,
    restrictedTopics: controls.restrictedTopics,
    languages: controls.languages,
    knowledgeBaseIds: controls.selectedKnowledgeBaseIds,
    lastValidatedAt: integration.lastValidatedAt,
    lastValidationResult: integration.lastValidationResult,
    createdAt: integration.createdAt,
    updatedAt: integration.updatedAt,
  };
}

export type IntegrationView = ReturnType<typeof integrationView>;

export function webhookUrlOf(publicBaseUrl: string, webhookKey: string): string {
  return `${publicBaseUrl.replace(/\/+$/, '')}/webhooks/front/${webhookKey}`;
}
