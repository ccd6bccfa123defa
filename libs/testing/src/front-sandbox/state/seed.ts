import { SEED_TIME, seedKnowledge } from './seed-knowledge';
import type { SandboxStore } from './store';
import type { Channel, Inbox, Tag, Teammate } from './types';

export type SeedName = 'default' | 'empty';

/** Every scope the sandbox's routes ask for (spec x-required-scopes). */
export const ALL_SCOPES = [
  'teammates:read',
  'conversations:read',
  'conversations:write',
  'messages:read',
  'messages:send',
  'messages:write',
  'comments:read',
  'comments:write',
  'tags:read',
  'tags:write',
  'inboxes:read',
  'channels:read',
  'drafts:read',
  'drafts:write',
  'drafts:delete',
  'knowledge_bases:read',
  'events:*:read',
] as const;

export { SEED_TIME };

export const SEED_TOKENS = {
  valid: 'sandbox-token',
  revoked: 'sandbox-token-revoked',
  noApiAccess: 'sandbox-token-no-api',
  noKnowledgeScope: 'sandbox-token-no-kb',
} as const;

/**
 * 'default': the company, teammates, inboxes and channels of every kind, tags,
 * tokens and the knowledge bases. 'empty': the same company, tokens, AI
 * teammate, API bot and channels, but no humans, tags or knowledge bases.
 */
export function applySeed(store: SandboxStore, seed: SeedName): void {
  store.company = { id: 'cmp_sandbox', name: 'Sandbox Co' };
  store.secrets = { companyApiSecret: 'sandbox-company-api-secret', appSecret: 'sandbox-app-secret' };
  seedTokens(store);
  const teammates = seed === 'default' ? TEAMMATES : TEAMMATES.filter((t) => t.id === 'tea_ai' || t.id === 'tea_api');
  for (const teammate of teammates) store.teammates.set(teammate.id, { ...teammate });
  const humanIds = teammates.filter((t) => t.listed).map((t) => t.id);
  for (const inbox of INBOXES) {
    const members = inbox.isPrivate ? humanIds.filter((id) => id === 'tea_alice') : humanIds;
    store.inboxes.set(inbox.id, { ...inbox, teammateIds: members });
  }
  for (const channel of CHANNELS) store.channels.set(channel.id, { ...channel });
  if (seed === 'empty') return;
  for (const tag of TAGS) store.tags.set(tag.id, { ...tag });
  seedKnowledge(store);
}

function seedTokens(store: SandboxStore): void {
  const withoutKb = ALL_SCOPES.filter((scope) => scope !== 'knowledge_bases:read');
  store.tokens.set(SEED_TOKENS.valid, { token: SEED_TOKENS.valid, scopes: '*', revoked: false, apiAccess: true });
  store.tokens.set(SEED_TOKENS.revoked, { token: SEED_TOKENS.revoked, scopes: '*', revoked: true, apiAccess: true });
  store.tokens.set(SEED_TOKENS.noApiAccess, {
    token: SEED_TOKENS.noApiAccess,
    scopes: '*',
    revoked: false,
    apiAccess: false,
  });
  store.tokens.set(SEED_TOKENS.noKnowledgeScope, {
    token: SEED_TOKENS.noKnowledgeScope,
    scopes: [...withoutKb],
    revoked: false,
    apiAccess: true,
  });
}

function teammate(id: string, first: string, last: string, extra: Partial<Teammate> = {}): Teammate {
  const username = `${first}.${last}`.toLowerCase().replace(/[^a-z.]/g, '');
  return {
    id,
    email: `${username}@sandbox-co.test`,
    username,
    firstName: first,
    lastName: last,
    isAdmin: false,
    isAvailable: true,
    isBlocked: false,
    type: 'user',
    listed: true,
    ...extra,
  };
}

const TEAMMATES: Teammate[] = [
  teammate('tea_ai', 'Ava', 'AI', { email: 'ava.ai@sandbox-co.test', username: 'ava.ai' }),
  teammate('tea_alice', 'Alice', 'Martin', { isAdmin: true }),
  teammate('tea_bob', 'Bob', 'Chen'),
  teammate('tea_blocked', 'Blake', 'Blocked', { isBlocked: true, isAvailable: false }),
  teammate('tea_api', 'API', 'Token', { email: 'api@sandbox-co.test', username: 'api', type: 'api', listed: false }),
];

const INBOXES: Omit<Inbox, 'teammateIds'>[] = [
  { id: 'inb_support', name: 'Support', isPrivate: false },
  { id: 'inb_billing', name: 'Billing', isPrivate: false },
  { id: 'inb_chat', name: 'Website chat', isPrivate: false },
  { id: 'inb_sms', name: 'SMS', isPrivate: false },
  { id: 'inb_whatsapp', name: 'WhatsApp', isPrivate: false },
  { id: 'inb_custom', name: 'Custom channel', isPrivate: false },
  { id: 'inb_private', name: 'Alice (private)', isPrivate: true },
];

const CHANNELS: Channel[] = [
  { id: 'cha_email', inboxId: 'inb_support', name: 'Support email', address: 'support@sandbox-co.test', type: 'smtp', kind: 'email', messageType: 'email' },
  { id: 'cha_gmail', inboxId: 'inb_billing', name: 'Billing Gmail', address: 'billing@sandbox-co.test', type: 'gmail', kind: 'email', messageType: 'email' },
  { id: 'cha_chat', inboxId: 'inb_chat', name: 'Front Chat', address: 'chat.sandbox-co.test', type: 'front_chat', kind: 'chat', messageType: 'front_chat' },
  { id: 'cha_sms', inboxId: 'inb_sms', name: 'SMS line', address: '+15550100100', type: 'twilio', kind: 'sms', messageType: 'sms' },
  { id: 'cha_whatsapp', inboxId: 'inb_whatsapp', name: 'WhatsApp line', address: '+15550100200', type: 'twilio_whatsapp', kind: 'whatsapp', messageType: 'whatsapp' },
  { id: 'cha_custom', inboxId: 'inb_custom', name: 'Custom channel', address: 'sandbox-custom', type: 'custom', kind: 'custom', messageType: 'custom' },
  { id: 'cha_private', inboxId: 'inb_private', name: 'Alice private email', address: 'alice.private@sandbox-co.test', type: 'smtp', kind: 'email', messageType: 'email' },
];

function tag(id: string, name: string, highlight: string | null, description: string | null = null): Tag {
  return { id, name, description, highlight, isVisibleInConversationLists: true, createdAt: SEED_TIME, updatedAt: SEED_TIME };
}

const TAGS: Tag[] = [
  tag('tag_vip', 'VIP', 'purple', 'Customers on the Enterprise plan'),
  tag('tag_billing', 'billing', 'green'),
  tag('tag_urgent', 'urgent', 'red'),
  tag('tag_bug', 'bug', 'orange'),
];
