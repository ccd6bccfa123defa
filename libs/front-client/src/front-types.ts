import type { components } from './generated/front-api';

// Every Front shape here is an alias of the generated spec types (npm run front:types); none is hand-written.
type Schemas = components['schemas'];
type Responses = components['responses'];
type Json<R extends keyof Responses> = Responses[R] extends { content: { 'application/json': infer B } } ? B : never;

export type FrontIdentity = Schemas['IdentityResponse'];
export type FrontTeammate = Schemas['TeammateResponse'];
export type FrontConversation = Schemas['ConversationResponse'];
export type FrontMessage = Schemas['MessageResponse'];
export type FrontComment = Schemas['CommentResponse'];
export type FrontTag = Schemas['TagResponse'];
export type FrontInbox = Schemas['InboxResponse'];
export type FrontChannel = Schemas['ChannelResponse'];
export type FrontEvent = Schemas['EventResponse'];
export type FrontEventType = NonNullable<FrontEvent['type']>;
export type FrontKnowledgeBaseSlim = Schemas['KnowledgeBaseSlimResponse'];
export type FrontKnowledgeBase = Schemas['KnowledgeBaseResponse'];
export type FrontKnowledgeBaseCategorySlim = Schemas['KnowledgeBaseCategorySlimResponse'];
export type FrontKnowledgeBaseCategory = Schemas['KnowledgeBaseCategoryResponse'];
export type FrontKnowledgeBaseArticleSlim = Schemas['KnowledgeBaseArticleSlimResponse'];
export type FrontKnowledgeBaseArticle = Schemas['KnowledgeBaseArticleResponse'];
export type FrontAcceptedMessage = Json<'acceptedMessage'>;

export type FrontReplyBody = Schemas['OutboundReplyMessage'];
export type FrontReplyDraftBody = Schemas['ReplyDraft'];
export type FrontEditDraftBody = Schemas['EditDraft'];
export type FrontDeleteDraftBody = Schemas['DeleteDraft'];
export type FrontCreateCommentBody = Schemas['CreateComment'];
export type FrontTagIdsBody = Schemas['TagIds'];
export type FrontUpdateConversationBody = Schemas['UpdateConversation'];
export type FrontCreateTagBody = Schemas['CreateTag'];
/** The spec types assignee_id as string, but its description says "Set it to null to unassign". */
export type FrontUpdateAssigneeBody = Omit<Schemas['UpdateConversationAssignee'], 'assignee_id'> & {
  assignee_id: Schemas['UpdateConversationAssignee']['assignee_id'] | null;
};

/** The `_error` object of a Front error body; Front sometimes sends only `message`, so all fields are optional. */
export interface FrontErrorBody {
  status?: number;
  title?: string;
  message?: string;
  details?: string[];
}
