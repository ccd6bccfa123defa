/**
 * The chaos suite's conversations: their roles, the customer messages and
 * humans' actions of each round, and the accounting of what every
 * conversation should get (replies, a handoff, silence) against the
 * sandbox's record.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RecordSnapshot, SandboxControl } from '@front-agent/testing';
import type { E2eSystem } from '../bench/e2e-system';

type Role = 'normal' | 'takeover' | 'archived' | 'handoff';
const TAKEOVER_AFTER = 3;
const ARCHIVE_AFTER = 4;
const HANDOFF_ROUND = 5;

export interface Conversation {
  index: number;
  id: string;
  role: Role;
  handle: string;
  /** Rounds whose message should get an answer. */
  expectedReplies: number;
  expectHandoff: boolean;
  /** Time after which no AI reply may appear (takeover, archive, handoff). */
  silentFrom?: number;
  /**
   * The AI handed the conversation to the team on its own (Front kept failing
   * its reply: repeated_failures): that handoff answers the round's message,
   * and the AI stays silent from then on.
   */
  handedOffOnFailureAt?: number;
  messagesSent: number;
  /** When each customer message was sent (ms), for the problem report. */
  sentAt: number[];
}

const QUESTIONS = [
  'How do I reset my password?',
  'I forgot my password, how can I reset it?',
  'Where do I change my password in Settings?',
  'Can you tell me how to reset the password on my account?',
];

function roleOf(index: number): Role {
  switch (index % 10) {
    case 0:
      return 'takeover';
    case 1:
      return 'archived';
    case 2:
      return 'handoff';
    default:
      return 'normal';
  }
}

/** Round 1: conversation number `index` opens with the first question, assigned to the AI. */
export function openConversation(control: SandboxControl, index: number): Conversation {
  const role = roleOf(index);
  const handle = `chaos${index}@customer.test`;
  const id = control.customerMessage({ channel: 'email', handle, text: QUESTIONS[0], assigneeId: 'tea_ai' }).conversationId;
  return { index, id, role, handle, expectedReplies: 1, expectHandoff: false, messagesSent: 1, sentAt: [Date.now()] };
}

/** The conversations that get a customer message in a later round: all but those archived before it. */
export function liveIn(round: number, conversations: Conversation[]): Conversation[] {
  return conversations.filter((conversation) => !(conversation.role === 'archived' && round > ARCHIVE_AFTER));
}

/** A later round's customer message: another question, or the request for a human in the handoff round. */
export function writeAgain(control: SandboxControl, conversation: Conversation, round: number): void {
  const asksForHuman = conversation.role === 'handoff' && round === HANDOFF_ROUND;
  const text = asksForHuman ? 'I want to talk to a human, please' : QUESTIONS[(round + conversation.index) % QUESTIONS.length];
  control.customerMessage({ conversationId: conversation.id, handle: conversation.handle, text });
  conversation.messagesSent += 1;
  conversation.sentAt.push(Date.now());
  if (asksForHuman) conversation.expectHandoff = true;
  else if (conversation.silentFrom === undefined) conversation.expectedReplies += 1;
}

export function totalSent(conversations: Conversation[]): number {
  return conversations.reduce((sum, conversation) => sum + conversation.messagesSent, 0);
}

/** Between rounds: a teammate takes over, a conversation is archived, or the handoff the customer asked for silences the AI. */
export function actAsHumansAfter(round: number, system: E2eSystem, conversations: Conversation[]): void {
  const control = system.sandbox.control;
  if (round === TAKEOVER_AFTER) {
    for (const conversation of conversations.filter((c) => c.role === 'takeover')) {
      control.teammateReply({ conversationId: conversation.id, teammateId: 'tea_alice', text: 'Alice here, I will take it from here.' });
      conversation.silentFrom = Date.now();
    }
  }
  if (round === ARCHIVE_AFTER) {
    for (const conversation of conversations.filter((c) => c.role === 'archived')) {
      control.archive(conversation.id);
      conversation.silentFrom = Date.now();
    }
  }
  if (round === HANDOFF_ROUND) {
    for (const conversation of conversations.filter((c) => c.role === 'handoff')) conversation.silentFrom = handoffAt(system, conversation.id) ?? Date.now();
  }
}

function handoffAt(system: E2eSystem, conversationId: string): number | undefined {
  return system.sandbox.control.record().comments.find((comment) => comment.conversationId === conversationId && comment.authorId === 'tea_ai')?.at;
}

/** Conversations whose latest answerable message has no answer yet (a handoff answers it too). */
export function unanswered(system: E2eSystem, conversations: Conversation[]): Conversation[] {
  const record = system.sandbox.control.record();
  const replies = new Map<string, number>();
  for (const reply of record.replies) if (reply.authorId === 'tea_ai') replies.set(reply.conversationId, (replies.get(reply.conversationId) ?? 0) + 1);
  const handedOff = new Set(record.comments.filter((comment) => comment.authorId === 'tea_ai').map((comment) => comment.conversationId));
  return conversations.filter((c) => {
    if (handedOff.has(c.id) && !c.expectHandoff) return false;
    return (replies.get(c.id) ?? 0) < c.expectedReplies || (c.expectHandoff && !handedOff.has(c.id));
  });
}

/**
 * Conversations the AI handed off although the customer did not ask for a
 * human: the handoff answers the message it was about (one reply fewer is
 * expected) and the AI is silent after it. Returns the ones newly seen.
 */
export function noteHandoffsOnFailure(system: E2eSystem, conversations: Conversation[]): Conversation[] {
  const comments = system.sandbox.control.record().comments.filter((comment) => comment.authorId === 'tea_ai');
  const noted: Conversation[] = [];
  for (const conversation of conversations) {
    if (conversation.expectHandoff || conversation.handedOffOnFailureAt !== undefined) continue;
    const comment = comments.find((candidate) => candidate.conversationId === conversation.id);
    if (!comment) continue;
    conversation.handedOffOnFailureAt = comment.at;
    conversation.expectHandoff = true;
    conversation.expectedReplies -= 1;
    conversation.silentFrom = Math.min(conversation.silentFrom ?? Infinity, comment.at);
    noted.push(conversation);
  }
  return noted;
}

export interface AnswerTally {
  expectedAnswers: number;
  replies: number;
  handoffs: number;
  missing: number;
  duplicates: number;
  duplicateComments: number;
  duplicateTags: number;
  silentViolations: number;
  /** One line per conversation and problem, starting with the conversation id. */
  problems: string[];
}

/** What every conversation got in the record against what it should have got. */
export function tallyAnswers(record: RecordSnapshot, conversations: Conversation[]): AnswerTally {
  const handoffTag = record.tagsCreated.find((tag) => tag.name === 'ai-handoff')?.tagId;
  let expectedAnswers = 0;
  let replies = 0;
  let missing = 0;
  let duplicates = 0;
  let duplicateComments = 0;
  let duplicateTags = 0;
  let silentViolations = 0;
  let handoffs = 0;
  const problems: string[] = [];
  for (const conversation of conversations) {
    const aiReplies = record.replies.filter((reply) => reply.conversationId === conversation.id && reply.authorId === 'tea_ai');
    const comments = record.comments.filter((comment) => comment.conversationId === conversation.id && comment.authorId === 'tea_ai');
    const tags = record.tagChanges.filter((change) => change.conversationId === conversation.id && handoffTag && change.added.includes(handoffTag));
    expectedAnswers += conversation.expectedReplies + (conversation.expectHandoff ? 1 : 0);
    replies += aiReplies.length;
    handoffs += Math.min(1, comments.length);
    if (aiReplies.length < conversation.expectedReplies) {
      missing += conversation.expectedReplies - aiReplies.length;
      problems.push(`${conversation.id} (${conversation.role}): ${aiReplies.length}/${conversation.expectedReplies} replies`);
    }
    if (aiReplies.length > conversation.expectedReplies) {
      duplicates += aiReplies.length - conversation.expectedReplies;
      problems.push(`${conversation.id} (${conversation.role}): ${aiReplies.length} replies for ${conversation.expectedReplies} answerable messages`);
    }
    if (conversation.expectHandoff && comments.length === 0) {
      missing += 1;
      problems.push(`${conversation.id}: no handoff`);
    }
    if (comments.length > 1) duplicateComments += comments.length - 1;
    if (tags.length > 1) duplicateTags += tags.length - 1;
    if (!conversation.expectHandoff && comments.length > 0) problems.push(`${conversation.id} (${conversation.role}): unexpected handoff comment`);
    if (conversation.silentFrom !== undefined) {
      const late = aiReplies.filter((reply) => reply.at > conversation.silentFrom!).length;
      silentViolations += late;
      if (late) problems.push(`${conversation.id} (${conversation.role}): ${late} AI repl(ies) after the ${conversation.role}`);
    }
  }
  return { expectedAnswers, replies, handoffs, missing, duplicates, duplicateComments, duplicateTags, silentViolations, problems };
}

/** For each conversation with a problem: what the sandbox recorded and the session's timeline, in <logDir>/problems.json. */
export async function reportProblems(system: E2eSystem, conversations: Conversation[], problems: string[], logDir: string): Promise<void> {
  const record = system.sandbox.control.record();
  const ids = new Set(problems.map((problem) => problem.split(' ')[0].replace(/:$/, '')));
  const report = [];
  for (const conversation of conversations.filter((c) => ids.has(c.id))) {
    const listed = await system.api(system.adminKey, 'GET', `/v1/sessions?conversationId=${conversation.id}`);
    const sessionId: string | undefined = listed.body?.sessions?.[0]?.id;
    const session = sessionId ? (await system.api(system.adminKey, 'GET', `/v1/sessions/${sessionId}`)).body : null;
    report.push({
      conversation,
      replies: record.replies.filter((r) => r.conversationId === conversation.id).map((r) => ({ at: r.at, authorId: r.authorId, messageUid: r.messageUid, text: (r.text ?? r.body).slice(0, 120) })),
      comments: record.comments.filter((c) => c.conversationId === conversation.id).map((c) => ({ at: c.at, authorId: c.authorId })),
      incoming: system.sandbox.control.webhookDeliveries().filter((d) => d.body.includes(`"${conversation.id}"`)).map((d) => ({ startedAt: d.startedAt, eventId: d.eventId, type: d.webhookType, duplicate: d.duplicate, attempt: d.attempt, status: d.status })),
      session,
    });
  }
  const file = join(logDir, 'problems.json');
  writeFileSync(file, JSON.stringify(report, null, 2));
  console.log(`    details: ${file}`);
}
