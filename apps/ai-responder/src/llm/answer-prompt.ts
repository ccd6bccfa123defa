import type { ChatCompletionMessageParam, ChatCompletionTool } from 'openai/resources/chat/completions';
import type { TranscriptLine } from '@front-agent/contracts';
import type { ChunkHit } from '../retrieval/retrieval.repository';

/** What the model is asked: the team's guidance, the knowledge, the conversation, the new customer messages. */
export interface AnswerPromptInput {
  guidance: string[];
  channel: string;
  passages: ChunkHit[];
  transcript: TranscriptLine[];
  question: string;
  /** The language to answer in (a name such as "Spanish"); the customer's language when unset. */
  answerLanguage?: string;
  /** Topics the model must never answer: it calls `restricted_topic` instead. */
  restrictedTopics?: Array<{ name: string; description?: string; examples?: string[] }>;
}

/** The tool the model calls when it cannot or should not answer. */
export const HANDOFF_TOOL: ChatCompletionTool = {
  type: 'function',
  function: {
    name: 'handoff',
    description: 'Hand the conversation to a human teammate when the knowledge passages do not answer the question, or the customer needs a person.',
    parameters: {
      type: 'object',
      properties: { reason: { type: 'string', description: 'Why a human should take over, in one sentence.' } },
      required: ['reason'],
    },
  },
};

/** The tool the model calls when the customer's message is about a topic the team fenced off. */
export const RESTRICTED_TOPIC_TOOL: ChatCompletionTool = {
  type: 'function',
  function: {
    name: 'restricted_topic',
    description: 'Call this instead of answering when the customer asks about one of the restricted topics listed in the instructions.',
    parameters: {
      type: 'object',
      properties: { topic: { type: 'string', description: 'The name of the restricted topic, exactly as listed.' } },
      required: ['topic'],
    },
  },
};

/** The tools offered for a prompt: handoff always, restricted_topic when the team listed topics. */
export function toolsFor(input: AnswerPromptInput): ChatCompletionTool[] {
  return (input.restrictedTopics ?? []).length > 0 ? [HANDOFF_TOOL, RESTRICTED_TOPIC_TOOL] : [HANDOFF_TOOL];
}

const CHANNEL_STYLE: Record<string, string> = {
  email: 'an email: a few short paragraphs, no greeting or signature (they are added for you)',
  web: 'a live chat: two or three short sentences, plain text',
  sms: 'an SMS: at most 250 characters, plain text',
  whatsapp: 'a WhatsApp message: two or three short sentences, plain text',
  voice: 'a spoken answer: two short sentences',
};

/** System prompt, knowledge passages as `<passage>` tags, then the transcript and the customer's new messages. */
export function buildAnswerPrompt(input: AnswerPromptInput): ChatCompletionMessageParam[] {
  const passages = input.passages
    .map((hit) => `<passage url="${hit.url}" title="${hit.title.replace(/"/g, "'")}">\n${hit.body}\n</passage>`)
    .join('\n');
  const system = [
    'You are a customer support agent answering on behalf of the team.',
    'Answer ONLY from the knowledge passages below. If they do not answer the question, call the `handoff` tool; never guess.',
    'End your answer with the URL of each passage you used, on its own line.',
    `Write for ${CHANNEL_STYLE[input.channel] ?? CHANNEL_STYLE.web}. ${input.answerLanguage ? `Answer in ${input.answerLanguage}.` : "Answer in the customer's language."}`,
    'Never include placeholders, markup or tool syntax in your answer, and never link anywhere but the passage URLs.',
    ...(input.guidance.length > 0 ? ['Team guidance (follow it):', ...input.guidance.map((entry) => `- ${entry}`)] : []),
    ...restrictedTopicLines(input.restrictedTopics ?? []),
    '',
    'Knowledge passages:',
    passages,
  ].join('\n');
  const history: ChatCompletionMessageParam[] = input.transcript
    .filter((line) => line.direction !== 'internal' && line.text.trim())
    .slice(-12)
    .map((line) => (line.direction === 'inbound' ? { role: 'user', content: line.text } : { role: 'assistant', content: line.text }));
  return [{ role: 'system', content: system }, ...history, { role: 'user', content: input.question }];
}

function restrictedTopicLines(topics: NonNullable<AnswerPromptInput['restrictedTopics']>): string[] {
  if (topics.length === 0) return [];
  return [
    'Restricted topics: never answer these; call the `restricted_topic` tool with the topic name instead:',
    ...topics.map((topic) => `- ${topic.name}: ${topic.description ?? ''}${topic.examples?.length ? ` (e.g. ${topic.examples.map((e) => `"${e}"`).join(', ')})` : ''}`),
  ];
}
