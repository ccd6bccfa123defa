import { messageText, type ChatCompletionRequest, type ScriptedResponse } from './types';

type Answer = Extract<ScriptedResponse, { content: string } | { toolCall: unknown }>;

/** An OpenAI `chat.completion` object for a text answer or a single tool call. */
export function completionBody(id: string, request: ChatCompletionRequest, answer: Answer) {
  const toolCall =
    'toolCall' in answer
      ? {
          id: `call_${id.slice(-6)}`,
          type: 'function' as const,
          function: {
            name: answer.toolCall.name,
            arguments: typeof answer.toolCall.arguments === 'string' ? answer.toolCall.arguments : JSON.stringify(answer.toolCall.arguments),
          },
        }
      : undefined;
  const content = 'content' in answer ? answer.content : null;
  const promptTokens = Math.ceil(request.messages.map(messageText).join(' ').length / 4);
  const completionTokens = Math.ceil((content ?? toolCall?.function.arguments ?? '').length / 4);
  return {
    id,
    object: 'chat.completion' as const,
    created: Math.floor(Date.now() / 1000),
    model: request.model,
    choices: [
      {
        index: 0,
        message: { role: 'assistant' as const, content, refusal: null, ...(toolCall ? { tool_calls: [toolCall] } : {}) },
        logprobs: null,
        finish_reason: toolCall ? ('tool_calls' as const) : ('stop' as const),
      },
    ],
    usage: { prompt_tokens: promptTokens, completion_tokens: completionTokens, total_tokens: promptTokens + completionTokens },
  };
}

/** The same answer as `chat.completion.chunk` events (one delta, then the finish). */
export function streamChunks(completion: ReturnType<typeof completionBody>) {
  const choice = completion.choices[0];
  const base = { id: completion.id, object: 'chat.completion.chunk', created: completion.created, model: completion.model };
  const toolCalls = 'tool_calls' in choice.message ? choice.message.tool_calls : undefined;
  const delta = toolCalls
    ? { role: 'assistant', content: null, tool_calls: toolCalls.map((call, index) => ({ index, ...call })) }
    : { role: 'assistant', content: choice.message.content };
  return [
    { ...base, choices: [{ index: 0, delta, logprobs: null, finish_reason: null }] },
    { ...base, choices: [{ index: 0, delta: {}, logprobs: null, finish_reason: choice.finish_reason }], usage: completion.usage },
  ];
}
