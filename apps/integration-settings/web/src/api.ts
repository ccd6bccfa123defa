// The dashboard API of integration-settings, on the same origin as this page.
// Every call sends `Authorization: Bearer <api key>`; errors are `{error: {code, message}}`.

export interface FrontIntegration {
  id: string;
  orgId: string;
  connected: boolean;
  frontCompany: { id: string | null; name: string | null };
  aiTeammateId: string | null;
  handleUnassigned: boolean;
  enabled: boolean;
  webhookUrl: string;
  hasWebhookSecret: boolean;
  hasRuleWebhookSecret: boolean;
  replyMode?: ReplyMode;
  replyModeByChannel?: Record<string, ReplyMode>;
  guidance?: string[];
  guidanceVersion?: number;
  restrictedTopics?: RestrictedTopic[];
  languages?: LanguageControls;
  lastValidatedAt?: string | null;
  lastValidationResult?: string | null;
  createdAt?: string;
  updatedAt?: string;
}

export type ReplyMode = 'autopilot' | 'copilot';
export interface RestrictedTopic {
  name: string;
  description: string;
  examples: string[];
}
export interface LanguageControls {
  allowed: string[] | null;
  teamLanguage: string;
  fallback: 'handoff' | 'team_language';
}

/** What "try it" returns: the decision, the answer and the articles it used. */
export interface TryItResult {
  decision: 'reply' | 'handoff' | 'resolve';
  reason?: string;
  answer?: string;
  sources: Array<{ title: string; url: string }>;
}

export interface Teammate {
  id: string;
  name: string;
  email: string;
  isAvailable: boolean;
  isBlocked: boolean;
}

export interface KnowledgeBase {
  id: string;
  name: string;
  type?: string;
  locale?: string;
  selected?: boolean;
  articleCount?: number;
}

export interface SyncInfo {
  state?: string;
  lastRunAt?: string | null;
  lastResult?: unknown;
  progress?: unknown;
}

export interface KnowledgeView {
  knowledgeBases?: KnowledgeBase[];
  sync?: SyncInfo;
}

export interface IntegrationStatus {
  credentials?: { lastValidatedAt?: string | null; lastValidationResult?: string | null; ok?: boolean };
  webhook?: {
    lastEventAt?: string | null;
    lastEventByType?: Record<string, string | null>;
    countLast24h?: number;
    signatureFailuresLast24h?: number;
    lastSignatureFailureAt?: string | null;
    noWebhookYet?: boolean;
    unsignedWarning?: boolean;
  };
  ai?: {
    repliesLast24h?: number;
    handoffsLast24h?: number;
    lastErrors?: unknown[];
    deadLetters?: number;
    /** Dead letters not replayed yet, by queue. */
    deadLettersByQueue?: Record<string, number>;
    responder?: 'llm' | 'embedded' | string;
    model?: string;
  };
  knowledge?: SyncInfo;
  sessions?: { unavailable?: boolean; replyLatencyLast24h?: { replies: number; p50Ms: number | null; p95Ms: number | null } };
}

export interface DeadLetter {
  id: string;
  service: string;
  queue: string;
  routingKey: string;
  error: string;
  attempts: number;
  recordedAt: string;
  replayedAt: string | null;
}

export interface SessionSummary {
  id: string;
  conversationId: string;
  channel: string | null;
  status: string;
  outcome?: string;
  outcomeReason?: string | null;
  updatedAt: string;
}

export interface TimelineEntry {
  at: string;
  kind: string;
  summary: string;
  frontEventId: string | null;
  details: Record<string, unknown>;
}

export interface SessionDetail {
  session: SessionSummary & { silentReason: string | null; handoffReason: string | null };
  transcript: Array<{ frontMessageId: string; kind: string; author: { kind: string }; text: string; at: string }>;
  timeline: TimelineEntry[];
}

export interface Analytics {
  conversationsSeen: number;
  aiInvolved: number;
  involvementRate: number | null;
  aiResolved: number;
  aiResolvedPending: number;
  aiResolutionRate: number | null;
  humanTakeovers: number;
  handoffsByReason: Record<string, number>;
  silentByRule: Record<string, number>;
  outcomes: Record<string, number>;
  timeToFirstAiReplySeconds: { median: number | null; p90: number | null };
  repliesByChannel: Record<string, number>;
  repliesByLanguage: Record<string, number>;
  /** What teammates did with the AI's copilot drafts; the median edit ratio is over drafts sent edited. */
  copilotDrafts?: { sentUnchanged: number; sentEdited: number; discarded: number; medianEditRatio: number | null };
}

export type IntegrationPatch = Partial<{
  aiTeammateId: string;
  enabled: boolean;
  handleUnassigned: boolean;
  webhookSecret: string;
  ruleWebhookSecret: string;
  replyMode: ReplyMode;
  replyModeByChannel: Record<string, ReplyMode>;
  guidance: string[];
  restrictedTopics: RestrictedTopic[];
  languages: Partial<LanguageControls>;
}>;

/** A failed call: the HTTP status (0 when the server was not reached) and the API's error code. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  get isUnauthenticated(): boolean {
    return this.status === 401;
  }

  get isAdminRequired(): boolean {
    return this.status === 403 && this.code === 'admin_required';
  }

  get isNotConnected(): boolean {
    return this.status === 404 && this.code === 'not_connected';
  }
}

const BASE = '/v1/integrations/front';

export class Api {
  constructor(private readonly apiKey: string) {}

  getIntegration = () => this.call<FrontIntegration>('GET', BASE);
  connect = (apiToken: string) => this.call<FrontIntegration>('POST', `${BASE}/connect`, { apiToken });
  update = (patch: IntegrationPatch) => this.call<FrontIntegration>('PATCH', BASE, patch);
  disconnect = () => this.call<unknown>('DELETE', BASE);
  teammates = () => this.call<{ teammates: Teammate[] }>('GET', `${BASE}/teammates`);
  status = (check = false) => this.call<IntegrationStatus>('GET', `${BASE}/status${check ? '?check=true' : ''}`);
  knowledge = () => this.call<KnowledgeView>('GET', `${BASE}/knowledge`);
  syncKnowledge = () => this.call<unknown>('POST', `${BASE}/knowledge/sync`);
  findSessions = (q: string) => this.call<{ sessions: SessionSummary[] }>('GET', `/v1/sessions?limit=20&q=${encodeURIComponent(q)}`);
  session = (id: string) => this.call<SessionDetail>('GET', `/v1/sessions/${encodeURIComponent(id)}`);
  analytics = (from: string, to: string) => this.call<Analytics>('GET', `/v1/analytics?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`);
  deadLetters = (queue: string) => this.call<{ deadLetters: DeadLetter[] }>('GET', `/v1/dead-letters?limit=20&queue=${encodeURIComponent(queue)}`);
  tryIt = (question: string, channel: string) => this.call<TryItResult>('POST', `${BASE}/try`, { question, channel });

  /** The sessions of a period as CSV text. */
  sessionsCsv = async (from: string, to: string): Promise<string> => {
    const response = await fetch(`/v1/analytics/sessions.csv?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`, {
      headers: { Authorization: `Bearer ${this.apiKey}` },
    });
    if (!response.ok) throw new ApiError(response.status, `http_${response.status}`, 'Could not export the sessions.');
    return response.text();
  };

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    let response: Response;
    try {
      response = await fetch(path, {
        method,
        headers: {
          Accept: 'application/json',
          Authorization: `Bearer ${this.apiKey}`,
          ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch {
      throw new ApiError(0, 'network', 'Could not reach the front-agent server. Check your connection and try again.');
    }
    const text = await response.text();
    let json: unknown = undefined;
    if (text) {
      try {
        json = JSON.parse(text);
      } catch {
        json = undefined;
      }
    }
    if (!response.ok) {
      const error = (json as { error?: { code?: unknown; message?: unknown } } | undefined)?.error;
      throw new ApiError(
        response.status,
        typeof error?.code === 'string' ? error.code : `http_${response.status}`,
        typeof error?.message === 'string' ? error.message : `${response.status} ${response.statusText}`.trim(),
      );
    }
    return json as T;
  }
}

/** Builds a short, human sentence for an error of any call. */
export function describeError(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.isAdminRequired) return 'Only an admin can change this: your API key is a member key.';
    if (error.isUnauthenticated) return 'Your API key was not accepted. Sign in again.';
    return error.message;
  }
  return error instanceof Error ? error.message : String(error);
}
