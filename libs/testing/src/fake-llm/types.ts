/** The parts of OpenAI's chat-completions request the fake LLM reads. */
export interface ChatMessage {
  role: 'system' | 'developer' | 'user' | 'assistant' | 'tool';
  content?: string | { type: string; text?: string }[] | null;
  name?: string;
  tool_calls?: { id: string; type: 'function'; function: { name: string; arguments: string } }[];
  tool_call_id?: string;
}

export interface ChatTool {
  type: 'function';
  function: { name: string; description?: string; parameters?: Record<string, unknown> };
}

export interface ChatCompletionRequest {
  model: string;
  messages: ChatMessage[];
  tools?: ChatTool[];
  tool_choice?: unknown;
  response_format?: { type: string; json_schema?: { name?: string; schema?: Record<string, unknown> } };
  stream?: boolean;
  [key: string]: unknown;
}

/** What the fake LLM answers: text, a tool call, or an HTTP failure. */
export type ScriptedResponse =
  | { content: string }
  | { toolCall: { name: string; arguments: Record<string, unknown> | string } }
  | { status: 429 | 500 | 503; message?: string }
  | { timeout: true };

export interface RecordedLlmRequest {
  at: number;
  model: string;
  messages: ChatMessage[];
  tools: ChatTool[];
  toolChoice: unknown;
  responseFormat: ChatCompletionRequest['response_format'] | null;
  authorization: string | null;
  /** How it was answered. */
  answer: ScriptedResponse;
  /** Whether the answer came from the queue (else the prompt policy or a failure mode). */
  scripted: boolean;
}

/** Text of a message whatever its content form. */
export function messageText(message: ChatMessage): string {
  if (typeof message.content === 'string') return message.content;
  if (Array.isArray(message.content)) return message.content.map((part) => part.text ?? '').join('\n');
  return '';
}
