/** What went through the sandbox, for assertions: GET /_sandbox/record and control.record(). */
export type Via = 'api' | 'sandbox';

export interface RecordedReply {
  at: number;
  conversationId: string;
  messageUid: string;
  messageId: string | null;
  authorId: string | null;
  channelId: string | null;
  body: string;
  text: string | null;
  options: { archive?: boolean; tag_ids?: string[] } | null;
  request: Record<string, unknown>;
}

export interface RecordedComment {
  at: number;
  conversationId: string;
  commentId: string;
  authorId: string;
  body: string;
  via: Via;
}

export interface RecordedDraftAction {
  at: number;
  action: 'created' | 'edited' | 'deleted' | 'sent' | 'discarded';
  draftId: string;
  conversationId: string;
  authorId: string | null;
  body: string | null;
  mode: 'private' | 'shared' | null;
  channelId: string | null;
  via: Via;
}

export interface RecordedChange<T> {
  at: number;
  conversationId: string;
  from: T;
  to: T;
  via: Via;
}

export interface RecordedTagChange {
  at: number;
  conversationId: string;
  added: string[];
  removed: string[];
  via: Via;
}

export interface RecordedRequest {
  at: number;
  method: string;
  path: string;
  operationId: string | null;
  status: number;
  durationMs: number;
}

const MAX_REQUESTS_KEPT = 20_000;

export class Recorder {
  replies: RecordedReply[] = [];
  comments: RecordedComment[] = [];
  drafts: RecordedDraftAction[] = [];
  assigneeChanges: RecordedChange<string | null>[] = [];
  statusChanges: RecordedChange<string>[] = [];
  tagChanges: RecordedTagChange[] = [];
  tagsCreated: { at: number; tagId: string; name: string }[] = [];
  incomingMessages: { at: number; channelId: string; messageUid: string; senderHandle: string; body: string }[] = [];
  requests: RecordedRequest[] = [];
  counts = { requests: 0, rateLimited: 0, faultsInjected: 0, byStatus: {} as Record<string, number> };

  request(entry: RecordedRequest): void {
    this.requests.push(entry);
    // Long demo and benchmark runs keep the counts but only the latest requests.
    if (this.requests.length > MAX_REQUESTS_KEPT) this.requests.splice(0, this.requests.length - MAX_REQUESTS_KEPT);
    this.counts.requests += 1;
    this.counts.byStatus[entry.status] = (this.counts.byStatus[entry.status] ?? 0) + 1;
    if (entry.status === 429) this.counts.rateLimited += 1;
  }

  snapshot() {
    return {
      replies: this.replies,
      comments: this.comments,
      drafts: this.drafts,
      assigneeChanges: this.assigneeChanges,
      statusChanges: this.statusChanges,
      tagChanges: this.tagChanges,
      tagsCreated: this.tagsCreated,
      incomingMessages: this.incomingMessages,
      requests: this.requests,
      counts: this.counts,
    };
  }
}

export type RecordSnapshot = ReturnType<Recorder['snapshot']>;
