import type { SandboxCore } from '../domain/sandbox-core';
import { conversationStatus } from '../render/conversations';
import { SEED_TOKENS } from '../state/seed';
import type { ChannelKind } from '../state/types';

/** GET /_sandbox/state: the ids, tokens and secrets tests rely on, and what exists now. */
export function describeState(core: SandboxCore) {
  const store = core.store;
  const teammates = [...store.teammates.values()];
  const channels = [...store.channels.values()];
  const channelOf = (kind: ChannelKind) => store.channelOfKind(kind)?.id ?? null;
  return {
    url: core.baseUrl,
    company: { ...store.company },
    teammates: {
      ai: store.aiTeammateId,
      humans: teammates.filter((t) => t.listed && !t.isBlocked && t.id !== store.aiTeammateId).map((t) => t.id),
      blocked: teammates.filter((t) => t.isBlocked).map((t) => t.id),
      apiBot: store.apiBotId,
      all: teammates.map((t) => ({ id: t.id, email: t.email, name: `${t.firstName} ${t.lastName}`, type: t.type, isBlocked: t.isBlocked })),
    },
    inboxes: [...store.inboxes.values()].map((inbox) => ({
      id: inbox.id,
      name: inbox.name,
      isPrivate: inbox.isPrivate,
      channelIds: channels.filter((c) => c.inboxId === inbox.id).map((c) => c.id),
    })),
    channels: {
      email: channelOf('email'),
      chat: channelOf('chat'),
      sms: channelOf('sms'),
      whatsapp: channelOf('whatsapp'),
      custom: channelOf('custom'),
      all: channels.map((c) => ({ id: c.id, type: c.type, kind: c.kind, address: c.address, inboxId: c.inboxId })),
    },
    tags: [...store.tags.values()].map((t) => ({ id: t.id, name: t.name })),
    tokens: {
      valid: SEED_TOKENS.valid,
      revoked: SEED_TOKENS.revoked,
      noApiAccess: SEED_TOKENS.noApiAccess,
      noKnowledgeScope: SEED_TOKENS.noKnowledgeScope,
      all: [...store.tokens.values()].map((t) => ({ ...t })),
    },
    secrets: { ...store.secrets },
    knowledgeBases: [...store.knowledgeBases.values()].map((kb) => ({
      id: kb.id,
      type: kb.type,
      locales: kb.locales,
      articles: [...store.articles.values()]
        .filter((a) => a.knowledgeBaseId === kb.id)
        .map((a) => ({ id: a.id, name: a.content.en?.name ?? null, status: a.content.en?.status ?? null, locales: Object.keys(a.content) })),
    })),
    conversations: [...store.conversations.values()].map((c) => ({
      id: c.id,
      subject: c.subject,
      status: conversationStatus(c),
      assigneeId: c.assigneeId,
      tagIds: [...c.tagIds],
      inboxId: c.inboxId,
      channelId: c.channelId,
      customerHandle: c.customer.handle,
      mergedInto: c.mergedInto ?? null,
      messageIds: store.conversationMessages(c.id).map((m) => m.id),
    })),
    pendingMessageUids: [...store.pendingMessages.keys()],
  };
}

export type SandboxStateView = ReturnType<typeof describeState>;
