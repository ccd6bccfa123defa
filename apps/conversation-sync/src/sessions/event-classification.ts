import type { FrontEventV1 } from '@front-agent/contracts';
import type { TranscriptEntryEntity } from '../transcript/transcript-entry.entity';
import { isAuthoredByAi, type IntegrationFacts } from './session-rules';

/** A message a customer wrote (not a teammate's, a bot's or the AI's). */
export function isCustomerMessage(event: FrontEventV1): boolean {
  if (event.type !== 'inbound' || event.direction === 'outbound') return false;
  return event.author?.kind !== 'teammate' && event.author?.kind !== 'bot';
}

export function isOutboundMessage(event: FrontEventV1): boolean {
  return event.type === 'outbound' || event.type === 'out_reply';
}

/** Who wrote a message or comment, as the transcript records it. */
export function authorKindOf(event: FrontEventV1, integration: IntegrationFacts): TranscriptEntryEntity['authorKind'] {
  if (isCustomerMessage(event)) return 'customer';
  if (isAuthoredByAi(event, integration)) return 'ai';
  return event.author?.kind === 'bot' ? 'bot' : 'teammate';
}

/** A human teammate's outbound reply: the AI steps back. */
export function isHumanReply(event: FrontEventV1, integration: IntegrationFacts): boolean {
  return isOutboundMessage(event) && !isAuthoredByAi(event, integration) && event.author?.kind !== 'bot';
}
