export { startFakeLlm, type FakeLlm, type FakeLlmOptions, type FailureMode } from './fake-llm';
export { answerFromPrompt } from './answer-from-prompt';
export { findPassages, type Passage } from './passages';
export type { ScriptedResponse, RecordedLlmRequest, ChatCompletionRequest, ChatMessage, ChatTool } from './types';
