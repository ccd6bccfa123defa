import { Injectable, Logger } from '@nestjs/common';
import OpenAI, { APIConnectionError, APIError } from 'openai';
import { ResponderConfig } from '../config';
import { buildAnswerPrompt, toolsFor, type AnswerPromptInput } from './answer-prompt';

/** What the model decided: an answer (with the passage URLs it cited) or a handoff. */
export type LlmDecision =
  | { kind: 'answer'; text: string; citedUrls: string[]; attempts: number }
  | { kind: 'handoff'; reason: string; attempts: number }
  | { kind: 'restricted_topic'; topic: string; attempts: number };

/** The model was unreachable or kept failing until the deadline. */
export class LlmUnavailableError extends Error {
  readonly code = 'llm_unavailable';
  constructor(
    readonly attempts: number,
    cause: string,
  ) {
    super(`LLM unavailable after ${attempts} attempts: ${cause}`);
    this.name = 'LlmUnavailableError';
  }
}

const CANNOT_ANSWER = /\b(i (don't|do not|cannot|can't) (know|have|find)|not (able|sure)|no information|unable to (answer|help))\b/i;

/**
 * Any OpenAI-compatible chat-completions server (LLM_BASE_URL, LLM_MODEL).
 * Timeouts, 429 and 5xx are retried with backoff until LLM_DEADLINE_MS.
 */
@Injectable()
export class LlmResponder {
  private readonly logger = new Logger(LlmResponder.name);
  private readonly client?: OpenAI;

  constructor(private readonly config: ResponderConfig) {
    if (config.LLM_BASE_URL && config.LLM_MODEL) {
      this.client = new OpenAI({ baseURL: config.LLM_BASE_URL, apiKey: config.LLM_API_KEY ?? 'not-needed', maxRetries: 0 });
    }
  }

  get model(): string | null {
    return this.client ? (this.config.LLM_MODEL ?? null) : null;
  }

  async decide(input: AnswerPromptInput): Promise<LlmDecision> {
    if (!this.client) throw new Error('no LLM configured');
    const messages = buildAnswerPrompt(input);
    const deadline = Date.now() + this.config.LLM_DEADLINE_MS;
    let lastError = 'no attempt';
    for (let attempt = 1; Date.now() < deadline; attempt += 1) {
      try {
        const completion = await this.client.chat.completions.create(
          { model: this.config.LLM_MODEL as string, messages, tools: toolsFor(input), tool_choice: 'auto', temperature: 0.2 },
          { timeout: Math.max(500, Math.min(10_000, deadline - Date.now())) },
        );
        const message = completion.choices[0]?.message;
        const restricted = message?.tool_calls?.find((tool) => tool.type === 'function' && tool.function.name === 'restricted_topic');
        if (restricted && restricted.type === 'function') return { kind: 'restricted_topic', topic: argumentOf(restricted.function.arguments, 'topic') ?? 'unnamed', attempts: attempt };
        const call = message?.tool_calls?.find((tool) => tool.type === 'function' && tool.function.name === 'handoff');
        if (call && call.type === 'function') return { kind: 'handoff', reason: reasonOf(call.function.arguments), attempts: attempt };
        const text = (message?.content ?? '').trim();
        // An empty answer is left to the output checks, which hand off with a reason the team can see.
        if (CANNOT_ANSWER.test(text)) return { kind: 'handoff', reason: 'The model could not answer from the knowledge.', attempts: attempt };
        const citedUrls = input.passages.map((hit) => hit.url).filter((url) => text.includes(url));
        return { kind: 'answer', text, citedUrls, attempts: attempt };
      } catch (error) {
        if (!isRetryable(error)) throw error;
        lastError = error instanceof APIError && error.status ? `status ${error.status}` : (error as Error).name;
        this.logger.warn({ msg: 'LLM call failed, retrying', attempt, error: lastError });
        const wait = Math.min(2_000, 250 * 2 ** (attempt - 1));
        if (Date.now() + wait >= deadline) throw new LlmUnavailableError(attempt, lastError);
        await new Promise((resolve) => setTimeout(resolve, wait));
      }
    }
    throw new LlmUnavailableError(0, lastError);
  }
}

function isRetryable(error: unknown): boolean {
  if (error instanceof APIConnectionError) return true; // includes timeouts
  return error instanceof APIError && (error.status === 429 || (error.status !== undefined && error.status >= 500));
}

function reasonOf(args: string): string {
  return argumentOf(args, 'reason') ?? 'The model asked for a human.';
}

function argumentOf(args: string, name: string): string | null {
  try {
    const value = (JSON.parse(args) as Record<string, unknown>)[name];
    return typeof value === 'string' && value ? value : null;
  } catch {
    return null;
  }
}
