import type { FrontEventAuthor, FrontEventV1 } from '@front-agent/contracts';
import { channelOfMessageType } from './channel-of';
import { isBotTeammateType } from './teammate-kind';

type Json = Record<string, unknown>;

/** What the ingress knows about the integration a webhook came for. */
export interface WebhookOrigin {
  orgId: string;
  integrationId: string;
  deliveredBy: 'application' | 'rule';
  correlationId: string;
}

/** Application-webhook top-level names that do not match the Events-API type of their payload. */
const APPLICATION_TYPE_TO_EVENT_TYPE: Record<string, string> = {
  inbound_received: 'inbound',
  outbound_sent: 'outbound',
  new_comment_added: 'comment',
  conversation_archived: 'archive',
  conversation_reopened: 'reopen',
  conversation_deleted: 'trash',
  conversation_restored: 'restore',
  conversation_moved: 'move',
  assignee_changed: 'assign',
  conversation_assigned: 'assign',
  conversation_unassigned: 'unassign',
  tag_added: 'tag',
  tag_removed: 'untag',
  message_delivery_failed: 'sending_error',
};

/** Events the product acts on; others are acknowledged and dropped. */
export const HANDLED_EVENT_TYPES = new Set([
  'inbound',
  'outbound',
  'out_reply',
  'archive',
  'reopen',
  'assign',
  'unassign',
  'comment',
  'tag',
  'untag',
  'trash',
  'restore',
]);

/** Turns a Front event (the payload of either webhook format) into the `front.event` contract. */
export class FrontEventNormalizer {
  /** The Events-API type of a webhook body, from the payload when it names one. */
  eventTypeOf(event: Json, applicationType?: string): string | undefined {
    const payloadType = typeof event.type === 'string' ? event.type : undefined;
    if (payloadType) return payloadType;
    return applicationType ? (APPLICATION_TYPE_TO_EVENT_TYPE[applicationType] ?? applicationType) : undefined;
  }

  normalize(event: Json, origin: WebhookOrigin, eventType: string): FrontEventV1 {
    const conversation = asObject(event.conversation);
    const target = asObject(event.target);
    const targetType = asString(asObject(target?._meta)?.type);
    const data = asObject(target?.data);
    const message = targetType === 'message' ? data : undefined;
    const comment = targetType === 'comment' ? data : undefined;
    const tag = targetType === 'tag' ? data : undefined;
    const frontEventId = asString(event.id) ?? '';
    const messageType = asString(message?.type);
    const normalized: FrontEventV1 = {
      messageId: frontEventId,
      orgId: origin.orgId,
      correlationId: origin.correlationId,
      occurredAt: new Date().toISOString(),
      version: 1,
      integrationId: origin.integrationId,
      frontEventId,
      type: eventType,
      emittedAt: asNumber(event.emitted_at) ?? Date.now() / 1000,
      deliveredBy: origin.deliveredBy,
      conversationId: asString(conversation?.id) ?? conversationIdFromLinks(event),
      conversationStatus: asString(conversation?.status),
      assigneeId: assigneeOf(conversation, eventType, targetType === 'teammate' ? data : undefined),
      frontMessageId: asString(message?.id),
      commentId: asString(comment?.id),
      author: authorOf(eventType, message ?? comment, event),
      direction: directionOf(eventType, message),
      channel: channelOfMessageType(messageType),
      messageType,
      subject: asString(message?.subject) ?? asString(conversation?.subject),
      text: asString(message?.text) ?? asString(comment?.body),
      html: asString(message?.body),
      tagId: asString(tag?.id),
      tagName: asString(tag?.name),
      isPreview: isPreview(eventType, conversation, targetType, data),
      raw: event,
    };
    // Fields left undefined are absent once serialised (JSON has no undefined).
    return normalized;
  }
}

function assigneeOf(conversation: Json | undefined, eventType: string, assignedTeammate?: Json): string | null | undefined {
  if (eventType === 'unassign') return null;
  if (eventType === 'assign' && assignedTeammate) return asString(assignedTeammate.id);
  if (!conversation || !('assignee' in conversation)) return undefined;
  const assignee = asObject(conversation.assignee);
  return assignee ? asString(assignee.id) : null;
}

function authorOf(eventType: string, item: Json | undefined, event: Json): FrontEventAuthor | undefined {
  const author = asObject(item?.author);
  if (author) {
    const teammateType = asString(author.type);
    return stripUndefined({
      kind: isBotTeammateType(teammateType) ? ('bot' as const) : ('teammate' as const),
      teammateId: asString(author.id),
      teammateType,
      name: [asString(author.first_name), asString(author.last_name)].filter(Boolean).join(' ') || undefined,
    });
  }
  if (eventType === 'inbound' && item) {
    const recipients = Array.isArray(item.recipients) ? (item.recipients as Json[]) : [];
    const from = recipients.find((recipient) => recipient.role === 'from');
    return stripUndefined({ kind: 'contact' as const, handle: asString(from?.handle), name: asString(from?.name) ?? undefined });
  }
  const source = asObject(event.source);
  if (asString(asObject(source?._meta)?.type) === 'teammate') {
    const teammate = asObject(source?.data);
    return stripUndefined({ kind: 'teammate' as const, teammateId: asString(teammate?.id), teammateType: asString(teammate?.type) });
  }
  return item || source ? { kind: 'unknown' } : undefined;
}

function directionOf(eventType: string, message: Json | undefined): FrontEventV1['direction'] {
  if (eventType === 'comment' || eventType === 'mention') return 'internal';
  if (!message) return undefined;
  if (typeof message.is_inbound === 'boolean') return message.is_inbound ? 'inbound' : 'outbound';
  return eventType === 'inbound' ? 'inbound' : 'outbound';
}

/** Rule webhooks may send previews: ids and links only. */
function isPreview(eventType: string, conversation: Json | undefined, targetType?: string, data?: Json): boolean {
  if (!conversation || conversation.status === undefined) return true;
  if (targetType === 'message' && (data?.text === undefined && data?.body === undefined)) return true;
  return eventType === 'inbound' && targetType === undefined;
}

function conversationIdFromLinks(event: Json): string | undefined {
  const links = asObject(asObject(event._links)?.related);
  const url = asString(links?.conversation);
  return url ? /\/conversations\/(cnv_[A-Za-z0-9]+)/.exec(url)?.[1] : undefined;
}

function asObject(value: unknown): Json | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : undefined;
}

function asString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function asNumber(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

function stripUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as T;
}
