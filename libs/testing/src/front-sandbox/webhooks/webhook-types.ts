import type { FrontEventType } from '../state/types';

/**
 * Top-level `type` of an application webhook for each Events-API type.
 * Confirmed in recorded or live traffic: inbound_received, outbound_sent,
 * new_comment_added, conversation_archived. The others are UNCONFIRMED names
 * that third parties consistently list; override them per target with
 * `typeNames` when Front's real names turn out different.
 */
export const APPLICATION_WEBHOOK_TYPES: Record<FrontEventType, string> = {
  inbound: 'inbound_received',
  outbound: 'outbound_sent',
  out_reply: 'outbound_sent',
  comment: 'new_comment_added',
  archive: 'conversation_archived',
  reopen: 'conversation_reopened',
  trash: 'conversation_deleted',
  restore: 'conversation_restored',
  move: 'conversation_moved',
  assign: 'assignee_changed',
  unassign: 'assignee_changed',
  tag: 'tag_added',
  untag: 'tag_removed',
  sending_error: 'message_delivery_failed',
};

type Json = Record<string, unknown>;

/** The application webhook envelope: `{ type, authorization: { id: company }, payload: <full event> }`. */
export function applicationEnvelope(type: string, companyId: string, payload: Json): Json {
  return { type, authorization: { id: companyId }, payload };
}

/** A rule webhook without "Send Full Event Data": ids and _links only. */
export function previewEvent(payload: Json): Json {
  const slim = (data: unknown): unknown => {
    if (Array.isArray(data)) return data.map(slim);
    if (data === null || typeof data !== 'object') return data;
    const { _links, id } = data as Json;
    return { _links, id };
  };
  const part = (value: unknown): Json | undefined => {
    if (!value || typeof value !== 'object') return undefined;
    const { _meta, data } = value as Json;
    return { _meta, ...(data !== undefined ? { data: slim(data) } : {}) };
  };
  return {
    _links: payload._links,
    id: payload.id,
    type: payload.type,
    emitted_at: payload.emitted_at,
    conversation: slim(payload.conversation),
    source: part(payload.source),
    ...(payload.target !== undefined ? { target: part(payload.target) } : {}),
  };
}
