import { findPassages, leadSentences, type Passage } from './passages';
import { messageText, type ChatCompletionRequest, type ChatTool, type ScriptedResponse } from './types';

const NO_KNOWLEDGE_REASON = 'No knowledge passage in the prompt answers this question.';

/**
 * The default behaviour, a stand-in for a well-behaved model: answer from the
 * first knowledge passage in the prompt (its lead sentences plus its URL);
 * with no passage, call a search tool once if one is offered, else call the
 * handoff tool (or say so when no such tool exists).
 */
export function answerFromPrompt(request: ChatCompletionRequest): ScriptedResponse {
  const tools = request.tools ?? [];
  const passages = request.messages
    .filter((m) => m.role !== 'assistant')
    .flatMap((m) => findPassages(messageText(m)));
  const structured = request.response_format?.type === 'json_schema' || request.response_format?.type === 'json_object';
  const schema = request.response_format?.json_schema?.schema;

  if (passages.length > 0) {
    const answer = answerText(passages[0]);
    if (structured) return { content: JSON.stringify(fill(schema, { answer, url: passages[0].url, handoff: false })) };
    return { content: answer };
  }

  const searched = request.messages.some((m) => m.role === 'tool');
  const search = tools.find((t) => /search|knowledge|retriev|lookup/i.test(t.function.name));
  if (search && !searched) {
    return { toolCall: { name: search.function.name, arguments: toolArguments(search, lastUserText(request), false) } };
  }
  const handoff = tools.find((t) => t.function.name === 'handoff') ?? tools.find((t) => /handoff|hand_off|escalat|human/i.test(t.function.name));
  if (handoff) return { toolCall: { name: handoff.function.name, arguments: toolArguments(handoff, NO_KNOWLEDGE_REASON, true) } };
  if (structured) return { content: JSON.stringify(fill(schema, { answer: '', url: null, handoff: true })) };
  return { content: "I don't have the information to answer that, so I'm handing this to a teammate." };
}

function answerText(passage: Passage): string {
  return `${leadSentences(passage.text)}\n\nSource: ${passage.url}`;
}

function lastUserText(request: ChatCompletionRequest): string {
  const users = request.messages.filter((m) => m.role === 'user');
  return users.length > 0 ? messageText(users[users.length - 1]).slice(0, 500) : '';
}

function toolArguments(tool: ChatTool, text: string, handoff: boolean): Record<string, unknown> {
  const parameters = tool.function.parameters;
  const filled = fill(parameters, { answer: text, url: null, handoff, reason: text, query: text });
  return filled && typeof filled === 'object' && !Array.isArray(filled) ? (filled as Record<string, unknown>) : {};
}

interface Hints {
  answer: string;
  url: string | null;
  handoff: boolean;
  reason?: string;
  query?: string;
}

/** A value for a JSON schema, choosing each property's value from its name. */
function fill(schema: Record<string, unknown> | undefined, hints: Hints, name = ''): unknown {
  if (!schema) return { answer: hints.answer, sources: hints.url ? [hints.url] : [], handoff: hints.handoff };
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  if (Array.isArray(schema.enum)) return pickEnum(schema.enum as unknown[], hints);
  if (type === 'object' || schema.properties) {
    const properties = (schema.properties ?? {}) as Record<string, Record<string, unknown>>;
    return Object.fromEntries(Object.entries(properties).map(([key, child]) => [key, fill(child, hints, key)]));
  }
  if (type === 'array') {
    if (/source|citation|url|link|reference/i.test(name)) return hints.url ? [hints.url] : [];
    return [];
  }
  if (type === 'boolean') return /handoff|hand_off|escalat|human|needs/i.test(name) ? hints.handoff : !hints.handoff;
  if (type === 'number' || type === 'integer') return /confidence|score|probability/i.test(name) ? (hints.handoff ? 0.1 : 0.9) : 0;
  if (/url|source|link|citation/i.test(name)) return hints.url ?? '';
  if (/reason|why|explanation/i.test(name)) return hints.reason ?? NO_KNOWLEDGE_REASON;
  if (/query|search|question|q$/i.test(name)) return hints.query ?? hints.answer;
  return hints.answer || (hints.reason ?? '');
}

function pickEnum(values: unknown[], hints: Hints): unknown {
  const wanted = hints.handoff ? /handoff|hand_off|escalat|human/i : /answer|reply|respond|resolved/i;
  return values.find((value) => typeof value === 'string' && wanted.test(value)) ?? values[0];
}
