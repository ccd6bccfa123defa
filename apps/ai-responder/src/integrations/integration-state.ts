/** The team's controls as integration-settings publishes them (integration.* events). */
export interface ResponderControls {
  replyMode: 'autopilot' | 'copilot';
  replyModeByChannel: Record<string, string>;
  guidance: string[];
  restrictedTopics: Array<{ name: string; description?: string; examples?: string[] }>;
  languages: { allowed: string[] | null; teamLanguage: string; fallback: 'handoff' | 'team_language' };
  /** null: every knowledge base of the company. */
  selectedKnowledgeBaseIds: string[] | null;
  /** Domains a reply may link to besides the public article URLs it cites. */
  allowedLinkDomains: string[];
  /** Bumped by integration-settings on every guidance change. */
  guidanceVersion: number;
}

export const DEFAULT_CONTROLS: ResponderControls = {
  replyMode: 'autopilot',
  replyModeByChannel: {},
  guidance: [],
  restrictedTopics: [],
  languages: { allowed: null, teamLanguage: 'en', fallback: 'handoff' },
  selectedKnowledgeBaseIds: null,
  allowedLinkDomains: [],
  guidanceVersion: 0,
};

/** What ai-responder remembers of an integration. */
export interface IntegrationState {
  orgId: string;
  integrationId: string;
  connected: boolean;
  enabled: boolean;
  aiTeammateId: string | null;
  frontCompanyId: string | null;
  controls: ResponderControls;
  revision: number;
}

/** Controls from an event, with defaults for whatever is missing or malformed. */
export function readControls(raw: Record<string, unknown> | undefined | null): ResponderControls {
  const source = raw ?? {};
  const selected = source.selectedKnowledgeBaseIds;
  const languages = (source.languages ?? {}) as Partial<ResponderControls['languages']>;
  return {
    ...DEFAULT_CONTROLS,
    ...source,
    guidance: Array.isArray(source.guidance) ? source.guidance.filter((g): g is string => typeof g === 'string') : [],
    restrictedTopics: Array.isArray(source.restrictedTopics) ? source.restrictedTopics : [],
    allowedLinkDomains: Array.isArray(source.allowedLinkDomains) ? source.allowedLinkDomains.filter((d): d is string => typeof d === 'string') : [],
    guidanceVersion: typeof source.guidanceVersion === 'number' ? source.guidanceVersion : 0,
    languages: { ...DEFAULT_CONTROLS.languages, ...languages },
    selectedKnowledgeBaseIds: Array.isArray(selected) ? selected.filter((id): id is string => typeof id === 'string') : null,
  } as ResponderControls;
}

/** Whether two selections differ (null = all). */
export function selectionChanged(before: string[] | null, after: string[] | null): boolean {
  if (before === null || after === null) return before !== after;
  return before.length !== after.length || [...before].sort().join(',') !== [...after].sort().join(',');
}
