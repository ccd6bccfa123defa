import type { Comment, Message } from '../state/types';
import { renderTeammate, renderTeammateById } from './people';
import type { Json, RenderContext } from './render-context';

/** MessageResponse (also drafts, with draft_mode set). is_draft is not in the spec but Front sends it. */
export function renderMessage(ctx: RenderContext, message: Message): Json {
  return {
    _links: {
      self: ctx.url(`/messages/${message.id}`),
      related: {
        conversation: ctx.url(`/conversations/${message.conversationId}`),
        message_seen: ctx.url(`/messages/${message.id}/seen`),
      },
    },
    id: message.id,
    message_uid: message.uid,
    type: message.type,
    is_inbound: message.isInbound,
    draft_mode: message.draftMode,
    error_type: message.errorType,
    version: message.version,
    created_at: message.createdAt,
    subject: message.subject,
    blurb: blurb(message.text),
    author: renderTeammateById(ctx, message.authorId),
    recipients: message.recipients.map((r) => ({
      _links: { related: { contact: null } },
      name: r.name,
      handle: r.handle,
      role: r.role,
    })),
    body: message.body,
    text: message.text,
    attachments: [],
    signature: null,
    metadata: message.metadata,
    is_draft: message.draftMode !== null,
  };
}

/** CommentResponse. */
export function renderComment(ctx: RenderContext, comment: Comment): Json {
  const author = ctx.store.teammates.get(comment.authorId);
  return {
    _links: {
      self: ctx.url(`/comments/${comment.id}`),
      related: {
        conversation: ctx.url(`/conversations/${comment.conversationId}`),
        mentions: ctx.url(`/comments/${comment.id}/mentions`),
      },
    },
    id: comment.id,
    author: author ? renderTeammate(ctx, author) : null,
    body: comment.body,
    posted_at: comment.postedAt,
    attachments: [],
    is_pinned: comment.isPinned,
  };
}

function blurb(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 100 ? `${flat.slice(0, 100)}…` : flat;
}

/** HTML body for plain text, the way Front renders a typed message. */
export function htmlFromText(text: string): string {
  return text
    .split(/\n{2,}/)
    .map((paragraph) => `<p>${escapeHtml(paragraph).replace(/\n/g, '<br>')}</p>`)
    .join('');
}

/** Plain text of an HTML body (tags dropped, entities for <, >, & and quotes decoded). */
export function textFromHtml(html: string): string {
  return html
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(p|div|li|h[1-6])>/gi, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
